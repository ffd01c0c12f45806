// A real XMPP server under a debugger session: what the clients sent and received is the trace; rooms are read from received presences — XEP-0045 scenarios (§7–§10) end to end
import type { Element } from 'ltx';
import { LiveTarget, type LiveTargetOptions } from '../live/live-target.js';
import { type Affiliation, isAffiliation } from '../muc/model/affiliation.js';
import { isRole, type Role } from '../muc/model/role.js';
import type { OccupantState } from '../muc/occupant-machine.js';
import type { TraceEntry } from '../muc/trace.js';
import type { Script } from '../scansion/script.js';
import type { ScriptTarget } from '../scansion/target.js';
import { bareJid, resourceOf } from '../xmpp/jid.js';
import { NS } from '../xmpp/namespaces.js';
import { DebugSession } from './debug-session.js';
import type { RoomView, SessionWorld, TransitionView } from './session-api.js';

export interface LiveSessionOptions extends LiveTargetOptions {
  /** The users' server for typed `connect`s without a JID (default `localhost`). */
  domain?: string;
  /** How long a `receives` waits for its stanza (default 2000 ms). */
  timeoutMs?: number;
  /** A target to use instead of a new LiveTarget (tests). */
  target?: ScriptTarget & { settle?(): Promise<void> };
}

/** What back() and restart() say on a real server: it cannot be rewound. */
export const TIME_TRAVEL_NOTICE =
  'time travel needs the simulator: a real server cannot be rewound (run without --server)';

const ROOM_FLAG = 'live: from received presences';

/** A debugger session whose steps run against a real server (no time travel). */
export function liveSession(script: Script | undefined, options: LiveSessionOptions): DebugSession {
  return DebugSession.over(new LiveWorld(options), script, {
    timeoutMs: options.timeoutMs ?? 2000,
  });
}

type Draft = TraceEntry extends infer E ? (E extends TraceEntry ? Omit<E, 'seq'> : never) : never;

interface LiveOccupant {
  nick: string;
  role: Role;
  affiliation: Affiliation;
  jid?: string;
}

/**
 * A real server as a session's world. The trace holds what the clients sent (`input`, the
 * sender's full JID) and received (`delivery`, to the client's full JID; its `cause` is the last
 * stanza sent before it arrived, since a server does not say why). Rooms are derived from the
 * MUC presences the clients received (flag `live: from received presences`); there are no
 * transitions, and no time travel.
 */
export class LiveWorld implements SessionWorld {
  readonly capabilities = { timeTravel: false } as const;
  readonly timeTravelNotice = TIME_TRAVEL_NOTICE;
  readonly arrivalWord = 'received';
  private readonly entries: TraceEntry[] = [];
  private readonly tracingTarget: ScriptTarget;
  /** Tells the session that a stanza arrived between steps. */
  onChange: () => void = () => {};
  private readonly target: ScriptTarget & { settle?(): Promise<void> };
  private readonly domain: string;
  private readonly mucDomain: string;
  private nextSeq = 1;
  private lastInput = 0;
  /** Client name → current full JID. */
  private readonly full = new Map<string, string>();

  constructor(options: LiveSessionOptions) {
    this.domain = options.domain ?? 'localhost';
    this.mucDomain = options.mucDomain ?? `conference.${this.domain}`;
    this.target = options.target ?? new LiveTarget(options);
    this.tracingTarget = this.tracing(this.target);
  }

  /** The first connection failure, when the target is a LiveTarget (the CLI exits 2 on it). */
  get connectionError(): Error | undefined {
    return this.target instanceof LiveTarget ? this.target.connectionError : undefined;
  }

  get trace(): readonly TraceEntry[] {
    return this.entries;
  }

  /** The one connection to the server: a real server cannot start over. */
  start(): ScriptTarget {
    return this.tracingTarget;
  }

  /**
   * Rooms as the clients saw them: each room's occupants from the last MUC presence received
   * for each nick (unavailable removes it). Affiliations of absent users are not known.
   */
  rooms(): RoomView[] {
    const rooms = new Map<string, Map<string, LiveOccupant>>();
    const subjects = new Map<string, string>();
    for (const entry of this.entries) {
      if (entry.kind !== 'delivery') continue;
      const { stanza } = entry;
      const from = String(stanza.attrs.from ?? '');
      const room = bareJid(from);
      if (stanza.name === 'message' && stanza.attrs.type === 'groupchat') {
        const subject = stanza.getChild('subject');
        if (subject) subjects.set(room, subject.getText());
        continue;
      }
      if (stanza.name !== 'presence') continue;
      const x = stanza.getChild('x', NS.mucUser);
      const nick = resourceOf(from);
      if (!x || nick === undefined) continue;
      let occupants = rooms.get(room);
      if (!occupants) {
        occupants = new Map();
        rooms.set(room, occupants);
      }
      if (stanza.attrs.type === 'unavailable') {
        occupants.delete(nick);
        continue;
      }
      if (stanza.attrs.type !== undefined) continue;
      const item = x.getChild('item');
      const role = item?.attrs.role;
      const affiliation = item?.attrs.affiliation;
      occupants.set(nick, {
        nick,
        role: isRole(role) ? role : 'participant',
        affiliation: isAffiliation(affiliation) ? affiliation : 'none',
        ...(typeof item?.attrs.jid === 'string' && { jid: item.attrs.jid }),
      });
    }
    return [...rooms].map(([jid, occupants]) => ({
      jid,
      lifecycle: 'open' as const,
      flags: [ROOM_FLAG],
      occupants: [...occupants.values()].map((occupant) => ({
        nick: occupant.nick,
        role: occupant.role,
        affiliation: occupant.affiliation,
        bareJid: occupant.jid === undefined ? '' : bareJid(occupant.jid),
        sessions: occupant.jid === undefined ? [] : [occupant.jid],
        state: (occupant.role === 'none' ? 'gone' : occupant.role) as OccupantState,
      })),
      affiliations: [...occupants.values()]
        .filter((occupant) => occupant.jid !== undefined)
        .map((occupant) => ({
          jid: bareJid(occupant.jid as string),
          affiliation: occupant.affiliation,
          present: true,
        })),
      ...(subjects.has(jid) && { subject: subjects.get(jid) }),
    }));
  }

  /** A real server does not report its transitions. */
  transitions(): TransitionView[] {
    return [];
  }

  /** Closes every connection to the server. */
  close(): Promise<void> {
    return this.target.close();
  }

  /** What the others receive because of a send: one ping round trip for every client. */
  async settle(): Promise<void> {
    await this.target.settle?.();
  }

  // — internals

  private append(draft: Draft): number {
    const seq = this.nextSeq++;
    this.entries.push({ seq, ...draft } as TraceEntry);
    return seq;
  }

  /**
   * The target, with what goes over the wire appended to the trace; the script's runner reads
   * what each client received there (the client of each delivery is remembered by position).
   */
  private tracing(inner: ScriptTarget): ScriptTarget {
    const entries = this.entries;
    const receiver = new Map<number, string>();
    return {
      live: inner.live,
      received: {
        get length() {
          return entries.length;
        },
        receivedBy(position, client) {
          const entry = entries[position];
          return entry?.kind === 'delivery' && receiver.get(position) === client
            ? entry.stanza
            : undefined;
        },
      },
      connect: async (client, deliver) => {
        let jid = '';
        const bound = await inner.connect(client, (stanza: Element) => {
          // Stanzas before connect() resolves are addressed to the bound JID anyway.
          const to = jid || String(stanza.attrs.to ?? client.jid);
          this.append({
            kind: 'delivery',
            time: Date.now(),
            cause: this.lastInput,
            to,
            stanza,
            by: String(stanza.attrs.from ?? ''),
          });
          receiver.set(entries.length - 1, client.name);
          deliver(stanza);
          this.onChange();
        });
        jid = bound;
        this.full.set(client.name, bound);
        this.append({ kind: 'connect', time: Date.now(), jid: bound });
        return bound;
      },
      send: async (name, stanza) => {
        const sender = this.full.get(name) ?? name;
        this.lastInput = this.append({
          kind: 'input',
          time: Date.now(),
          sender,
          origin: 'client',
          stanza,
        });
        await inner.send(name, stanza);
      },
      disconnect: async (name) => {
        const jid = this.full.get(name) ?? name;
        await inner.disconnect(name);
        this.append({ kind: 'disconnect', time: Date.now(), jid });
      },
      close: () => inner.close(),
    };
  }

  domains(): { domain: string; mucDomain: string } {
    return { domain: this.domain, mucDomain: this.mucDomain };
  }

  /** A room is a bare JID of the MUC service. */
  isRoom(bare: string): boolean {
    return bare.endsWith(`@${this.mucDomain}`);
  }

  /** The nick of a session in a room, from the last self-presence (status 110) it received. */
  nickIn(full: string, room: string): string | undefined {
    let nick: string | undefined;
    for (const entry of this.entries) {
      if (entry.kind !== 'delivery' || entry.to !== full || entry.stanza.name !== 'presence')
        continue;
      const from = String(entry.stanza.attrs.from ?? '');
      if (bareJid(from) !== room) continue;
      const x = entry.stanza.getChild('x', NS.mucUser);
      const self = x?.getChildren('status').some((status) => status.attrs.code === '110');
      if (!self) continue;
      nick = entry.stanza.attrs.type === 'unavailable' ? undefined : resourceOf(from);
    }
    return nick;
  }
}
