// The one naming of JIDs: which client a JID belongs to, and how people read it (Romeo, garden/Juliet) — XEP-0045 §7.2 (occupant and real JIDs)
import { bareJid, localOf, resourceOf } from '../xmpp/jid.js';

export interface NamedClient {
  /** The script name (`Romeo`). */
  name: string;
  /** The `[Client]` JID: bare, or full when the script fixes the resource. */
  jid: string;
  /** Full JIDs its `connects` bound, in order. */
  bound?: readonly string[];
}

export interface JidNamesOptions {
  /** Whether a bare JID is a room (a room's local part is never read as a client's name). */
  isRoom?: (bare: string) => boolean;
  /** Client names that may stand for a local part (typed users included); default: the clients'. */
  names?: readonly string[];
}

/**
 * Names JIDs after the clients of a script, three ways: `exact` (a bound or declared JID),
 * `client` (any session of a client's bare JID) and `label` (for people: the client, else
 * `local/resource` or the JID).
 */
export class JidNames {
  private readonly full = new Map<string, string>();
  private readonly bareFirst = new Map<string, string>();
  private readonly bareUnique = new Map<string, string | null>();
  private readonly byLocal = new Map<string, string>();

  constructor(
    clients: readonly NamedClient[],
    private readonly options: JidNamesOptions = {},
  ) {
    for (const client of clients) {
      for (const jid of client.bound ?? []) this.full.set(jid, client.name);
      if (client.jid.includes('/')) this.full.set(client.jid, client.name);
      const bare = bareJid(client.jid);
      if (!this.bareFirst.has(bare)) this.bareFirst.set(bare, client.name);
      this.bareUnique.set(bare, this.bareUnique.has(bare) ? null : client.name);
    }
    for (const name of options.names ?? clients.map((client) => client.name)) {
      this.byLocal.set(name.toLowerCase(), name);
    }
  }

  /** The client bound to this full JID, or declared with it, or whose bare JID it is. */
  exact(jid: string): string | undefined {
    return this.full.get(jid) ?? this.bareFirst.get(jid);
  }

  /** The client of any session of this JID's bare JID (the first declared, when several share it). */
  client(jid: string): string | undefined {
    return this.full.get(jid) ?? this.bareFirst.get(bareJid(jid));
  }

  /** `Romeo` for romeo@localhost/abc; `garden/Romeo` for a room occupant; the domain for a service. */
  label(jid: string): string {
    const full = this.full.get(jid);
    if (full) return full;
    const bare = this.bareUnique.get(bareJid(jid));
    if (bare) return bare;
    const local = localOf(jid);
    const named = local === undefined ? undefined : this.byLocal.get(local.toLowerCase());
    if (named && !this.options.isRoom?.(bareJid(jid))) return named;
    const resource = resourceOf(jid);
    if (local === undefined) return resource ? `${bareJid(jid)}/${resource}` : jid;
    return resource ? `${local}/${resource}` : local;
  }
}
