// One world driven action by action, with the invariants checked after every step — the test bench for XEP-0045 services (§5, §7, §17)
import type { Element } from 'ltx';
import type { Feature } from '../muc/hooks.js';
import type { TraceEntry } from '../muc/trace.js';
import { World } from '../sim/world.js';
import type { FuzzAction, FuzzCast, FuzzClient } from './actions.js';
import { InvariantChecker } from './oracle/checker.js';
import type { Violation } from './oracle/context.js';

export interface HarnessOptions {
  /** The MUC service's features, e.g. with a bug injected (default: all of them). */
  features?: readonly Feature[];
  /** Keep a running hash of every delivery (for the determinism check). */
  hash?: boolean;
  /** Simulated time per action (default 1 s); a live run sets 0 and advances the clock itself. */
  stepMs?: number;
}

export interface StepOutcome {
  /** False when the action made no sense at that point (e.g. a send while offline) and was skipped. */
  applied: boolean;
  violation?: Violation;
}

/** The seed of the world's own ids: `mucsim run` uses 1 too, so a written repro replays the same. */
export const WORLD_SEED = 1;

/** FNV-1a over the deliveries: cheap, and enough to tell two runs apart. */
function fnv(hash: number, text: string): number {
  let h = hash;
  for (let index = 0; index < text.length; index += 1) {
    h ^= text.charCodeAt(index);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class Harness {
  readonly world: World;
  readonly checker: InvariantChecker;
  /** Client names whose session is connected. */
  readonly connected = new Set<string>();
  /** The trace entries of the last step. */
  readonly entries: TraceEntry[] = [];
  steps = 0;
  stanzas = 0;
  private hashValue = 0x811c9dc5;
  private readonly clients = new Map<string, FuzzClient>();
  private readonly jidToClient = new Map<string, string>();

  constructor(
    readonly cast: FuzzCast,
    private readonly options: HarnessOptions = {},
  ) {
    this.world = new World({
      seed: WORLD_SEED,
      trace: false,
      domain: cast.domain,
      mucDomain: cast.mucDomain,
      admins: cast.admins,
      features: options.features,
      ...(options.stepMs !== undefined && { stepMs: options.stepMs }),
    });
    this.checker = new InvariantChecker({
      mucDomain: cast.mucDomain,
      users: [...new Set(cast.clients.map((client) => client.bare))],
      admins: cast.admins,
    });
    for (const client of cast.clients) {
      this.clients.set(client.name, client);
      this.jidToClient.set(client.jid, client.name);
    }
    this.world.trace.subscribe((entry) => this.entries.push(entry));
  }

  get hash(): string {
    return this.hashValue.toString(16).padStart(8, '0');
  }

  clientOf(jid: string): string | undefined {
    return this.jidToClient.get(jid);
  }

  /** Whether the action makes sense now: connect only when offline, send or disconnect only when online. */
  applicable(action: FuzzAction): boolean {
    if (!this.clients.has(action.client)) return false;
    const online = this.connected.has(action.client);
    return action.kind === 'connect' ? !online : online;
  }

  step(action: FuzzAction): StepOutcome {
    if (!this.applicable(action)) return { applied: false };
    const client = this.clients.get(action.client)!;
    this.entries.length = 0;
    try {
      this.perform(action, client);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return {
        applied: true,
        violation: { invariant: 'no-crash', detail: `the world threw: ${message}` },
      };
    }
    this.steps += 1;
    const violation = this.checker.check(this.entries);
    if (this.options.hash) this.hashStep();
    return violation ? { applied: true, violation } : { applied: true };
  }

  private perform(action: FuzzAction, client: FuzzClient): void {
    switch (action.kind) {
      case 'connect':
        this.world.connect(client.jid, { label: client.name });
        this.connected.add(client.name);
        return;
      case 'disconnect':
        // From this moment the session is gone: nothing may be delivered to it any more.
        this.connected.delete(client.name);
        this.world.disconnect(client.jid);
        return;
      case 'send':
        this.stanzas += 1;
        this.world.send(client.jid, action.stanza);
        return;
    }
  }

  private hashStep(): void {
    let hash = this.hashValue;
    for (const entry of this.entries) {
      if (entry.kind === 'delivery')
        hash = fnv(hash, `${entry.to}\u0000${entry.stanza.toString()}`);
      else if (entry.kind === 'event') hash = fnv(hash, JSON.stringify(entry.event));
    }
    this.hashValue = hash;
  }

  /** The stanzas delivered in the last step, in order, with the client that got each. */
  lastDeliveries(): { client: string; stanza: Element }[] {
    const deliveries: { client: string; stanza: Element }[] = [];
    for (const entry of this.entries) {
      if (entry.kind !== 'delivery') continue;
      const client = this.jidToClient.get(entry.to);
      if (client) deliveries.push({ client, stanza: entry.stanza });
    }
    return deliveries;
  }
}
