// Runs the features' hooks in Prosody's priority order; the first handler that answers wins — XEP-0045 §7.2.17 (error precedence)
import type { Element } from 'ltx';
import type { StanzaErrorSpec } from '../xmpp/stanza-error.js';
import type {
  ConfigField,
  Feature,
  HookEvents,
  HookHandler,
  HookName,
  HostIq,
  IqHandler,
} from './hooks.js';
import type { RoomChange } from './room-change.js';

interface Registered<K extends HookName> {
  feature: string;
  handler: HookHandler<K>;
}

/** The first handler that stopped a hook: with its error, or because it handled the event. */
export interface Decision {
  outcome: { veto: StanzaErrorSpec } | 'handled';
  feature: string;
}

/** Applies the changes a handler returned, in the name of its feature. */
export type ApplyChanges = (changes: readonly RoomChange[], feature: string) => void;

export class HookBus {
  private readonly hooks = new Map<HookName, Registered<HookName>[]>();
  private readonly iqHandlers = new Map<string, { feature: string; handler: IqHandler }>();
  private readonly hostIqs: { feature: string; handler: HostIq }[] = [];
  readonly configFields: { feature: string; field: ConfigField }[] = [];

  constructor(readonly features: readonly Feature[]) {
    for (const feature of features) {
      for (const [name, handler] of Object.entries(feature.hooks ?? {})) {
        const list = this.hooks.get(name as HookName) ?? [];
        list.push({ feature: feature.name, handler: handler as HookHandler<HookName> });
        this.hooks.set(name as HookName, list);
      }
      for (const [key, handler] of Object.entries(feature.iq ?? {})) {
        this.iqHandlers.set(key, { feature: feature.name, handler });
      }
      if (feature.hostIq) this.hostIqs.push({ feature: feature.name, handler: feature.hostIq });
      for (const field of feature.config ?? []) {
        this.configFields.push({ feature: feature.name, field });
      }
    }
    for (const list of this.hooks.values()) {
      list.sort((a, b) => b.handler.priority - a.handler.priority);
    }
  }

  /**
   * Fires a hook: each handler in turn, the changes it returns applied before the next runs;
   * returns the first that stopped it (a veto, or handled) and the feature that gave it.
   */
  fire<K extends HookName>(
    name: K,
    event: HookEvents[K],
    apply: ApplyChanges,
  ): Decision | undefined {
    for (const { feature, handler } of (this.hooks.get(name) ?? []) as Registered<K>[]) {
      const outcome = handler.run(event);
      if (!outcome) continue;
      if ('veto' in outcome) return { outcome, feature };
      if (outcome.changes && outcome.changes.length > 0) apply(outcome.changes, feature);
      if (outcome.handled) return { outcome: 'handled', feature };
    }
    return undefined;
  }

  iq(key: string): { feature: string; handler: IqHandler } | undefined {
    return this.iqHandlers.get(key);
  }

  /** The first feature that answers this iq for the whole host, if one does. */
  hostIq(stanza: Element): { feature: string; handler: HostIq } | undefined {
    if (stanza.name !== 'iq') return undefined;
    return this.hostIqs.find(({ handler }) => handler.matches(stanza));
  }
}
