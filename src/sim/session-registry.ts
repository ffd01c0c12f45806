// The users' server's connected sessions: who is bound to which full JID, the resources of each account, and where a message to an account goes — RFC 6120 §7, RFC 6121 §8.5 (the occupants' own server, XEP-0045 §7)
import type { Element } from 'ltx';
import { bareJid, domainOf, prepJid, resourceOf, withResource } from '../xmpp/jid.js';
import type { Session } from './session.js';

export class UsageError extends Error {}

/** Where mod_message sends a message for an account: some of its sessions, a bounce, or nowhere. */
export type MessageRoute =
  | { kind: 'deliver'; targets: readonly Session[] }
  | { kind: 'bounce' }
  | { kind: 'drop'; reason: string };

export class SessionRegistry {
  private readonly sessions = new Map<string, Session>();
  /** The connected sessions of each bare JID, in connection order (routing to bare JIDs). */
  private readonly byBare = new Map<string, Session[]>();

  constructor(private readonly domain: string) {}

  /** Binds a session for `jid`: its resource, else `resource()`; refuses what cannot be bound. */
  bind(jid: string, resource: () => string, label?: string): Session {
    const prepared = prepJid(jid);
    if (!prepared) throw new UsageError(`'${jid}' is not a valid JID`);
    if (domainOf(prepared) !== this.domain) {
      throw new UsageError(`'${jid}' is not an account of ${this.domain}`);
    }
    const wanted = resourceOf(prepared) ?? resource();
    const full = prepJid(withResource(prepared, wanted));
    if (!full) throw new UsageError(`'${wanted}' is not a valid resource`);
    if (this.sessions.has(full)) throw new UsageError(`${full} is already connected`);
    const session: Session = {
      jid: full,
      label: label ?? full,
      available: false,
      priority: 0,
      joined: new Set(),
    };
    this.sessions.set(full, session);
    const sameBare = this.byBare.get(bareJid(full));
    if (sameBare) sameBare.push(session);
    else this.byBare.set(bareJid(full), [session]);
    return session;
  }

  /** Unbinds a session: from now on nothing reaches it. */
  unbind(session: Session): void {
    this.sessions.delete(session.jid);
    const bare = bareJid(session.jid);
    const sameBare = this.byBare.get(bare)?.filter((other) => other !== session);
    if (sameBare?.length) this.byBare.set(bare, sameBare);
    else this.byBare.delete(bare);
  }

  get(jid: string): Session | undefined {
    return this.sessions.get(jid);
  }

  require(jid: string): Session {
    const session = this.sessions.get(jid);
    if (!session) throw new UsageError(`${jid} is not connected`);
    return session;
  }

  all(): Session[] {
    return [...this.sessions.values()];
  }

  /** The connected sessions of the bare JID of `jid`. */
  of(jid: string): readonly Session[] {
    return this.byBare.get(bareJid(jid)) ?? [];
  }

  /**
   * A message to a bare JID, or to a resource that is not connected, as Prosody's mod_message
   * (`process_to_bare`, RFC 6121 §8.5.2): errors are discarded; groupchat bounces; a headline to
   * the bare JID reaches every available resource of non-negative priority, else nothing; chat
   * and normal go to the available resources of the highest non-negative priority, and bounce
   * with service-unavailable when there are none (this server keeps no offline messages).
   */
  messageRoute(stanza: Element, to: string): MessageRoute {
    const type = stanza.attrs.type ?? 'normal';
    if (type === 'error') return { kind: 'drop', reason: 'error to an absent resource' };
    if (type === 'groupchat') return { kind: 'bounce' };
    const available = this.of(to).filter((session) => session.available && session.priority >= 0);
    if (type === 'headline') {
      // Only to the bare JID as written (not to a gone resource, nor to one's own account).
      if (stanza.attrs.to !== bareJid(to) || available.length === 0) {
        return { kind: 'drop', reason: 'headline without a recipient' };
      }
      return { kind: 'deliver', targets: available };
    }
    const top = Math.max(...available.map((session) => session.priority));
    const targets = available.filter((session) => session.priority === top);
    return targets.length === 0 ? { kind: 'bounce' } : { kind: 'deliver', targets };
  }
}
