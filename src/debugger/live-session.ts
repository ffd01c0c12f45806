// The debugger engine over a real XMPP server: steps a script and typed commands through LiveTarget connections, records what was sent and received — XEP-0045 scenarios (§7–§10) end to end
import type { Element } from 'ltx';
import { LiveTarget, type LiveTargetOptions } from '../live/live-target.js';
import { type Affiliation, isAffiliation } from '../muc/model/affiliation.js';
import { isRole, type Role } from '../muc/model/role.js';
import type { OccupantState } from '../muc/occupant-machine.js';
import type { TraceEntry } from '../muc/trace.js';
import { ScriptStepper, type StepResult } from '../scansion/runner.js';
import type { Script } from '../scansion/script.js';
import type { ScriptTarget } from '../scansion/target.js';
import { bareJid, resourceOf } from '../xmpp/jid.js';
import { NS } from '../xmpp/namespaces.js';
import type { RoomView, SessionStep, TransitionView } from './session-api.js';
import { emptyScript, TimelineSession } from './timeline-session.js';

export interface LiveSessionOptions extends LiveTargetOptions {
  /** The users' server for typed `connect`s without a JID (default `localhost`). */
  domain?: string;
  /** How long a `receives` waits for its stanza (default 2000 ms). */
  timeoutMs?: number;
  /** A target to use instead of a new LiveTarget (tests). */
  target?: ScriptTarget & { settle?(): Promise<void> };
}

/** What back() and restart() leave in `notice`: a real server cannot be rewound. */
export const TIME_TRAVEL_NOTICE =
  'time travel needs the simulator: a real server cannot be rewound (run without --server)';

const ROOM_FLAG = 'live: from received presences';

type Draft = TraceEntry extends infer E ? (E extends TraceEntry ? Omit<E, 'seq'> : never) : never;

interface LiveOccupant {
  nick: string;
  role: Role;
  affiliation: Affiliation;
  jid?: string;
}

/**
 * A `DebugSessionApi` whose steps run against a real server. The trace holds what the clients
 * sent (`input`, the sender's full JID) and received (`delivery`, to the client's full JID; its
 * `cause` is the last stanza sent before it arrived, since a server does not say why). Rooms are
 * derived from the MUC presences the clients received (flag `live: from received presences`);
 * there are no transitions. `back()` and `restart()` do nothing but set `notice`.
 */
export class LiveDebugSession extends TimelineSession {
  readonly timeTravel = false;
  /** Set by back() and restart(): why they did nothing. */
  notice: string | undefined;
  protected override readonly arrivalWord = 'received';
  private readonly entries: TraceEntry[] = [];
  private readonly target: ScriptTarget & { settle?(): Promise<void> };
  private readonly domain: string;
  private readonly mucDomain: string;
  private nextSeq = 1;
  private lastInput = 0;
  /** Client name → current full JID. */
  private readonly full = new Map<string, string>();

  constructor(script: Script, options: LiveSessionOptions) {
    super(script);
    this.domain = options.domain ?? 'localhost';
    this.mucDomain = options.mucDomain ?? `conference.${this.domain}`;
    this.target = options.target ?? new LiveTarget(options);
    this.stepper = new ScriptStepper(this.clients, this.tracing(this.target), {
      timeoutMs: options.timeoutMs ?? 2000,
    });
  }

  static empty(options: LiveSessionOptions): LiveDebugSession {
    return new LiveDebugSession(emptyScript(), options);
  }

  /** The first connection failure, when the target is a LiveTarget (the CLI exits 2 on it). */
  get connectionError(): Error | undefined {
    return this.target instanceof LiveTarget ? this.target.connectionError : undefined;
  }

  override get trace(): readonly TraceEntry[] {
    return this.entries;
  }

  /** Does nothing but set `notice`: a real server cannot go back. */
  override back(): Promise<void> {
    this.notice = TIME_TRAVEL_NOTICE;
    this.changed();
    return Promise.resolve();
  }

  /** Does nothing but set `notice`: a real server cannot go back. */
  override restart(): Promise<void> {
    return this.back();
  }

  /**
   * Rooms as the clients saw them: each room's occupants from the last MUC presence received
   * for each nick (unavailable removes it). Affiliations of absent users are not known.
   */
  override rooms(): RoomView[] {
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
  override transitions(): TransitionView[] {
    return [];
  }

  override related(seq: number): { cause: number | undefined; effects: number[] } {
    const entry = this.entries.find((candidate) => candidate.seq === seq);
    if (!entry) return { cause: undefined, effects: [] };
    const cause = 'cause' in entry ? entry.cause : entry.kind === 'input' ? entry.seq : undefined;
    if (cause === undefined || cause === 0) return { cause: undefined, effects: [] };
    const effects = this.entries
      .filter((candidate) => 'cause' in candidate && candidate.cause === cause)
      .map((candidate) => candidate.seq);
    return { cause, effects };
  }

  /** Closes every connection to the server. */
  close(): Promise<void> {
    return this.exclusive(() => this.target.close());
  }

  // — internals

  private append(draft: Draft): number {
    const seq = this.nextSeq++;
    this.entries.push({ seq, ...draft } as TraceEntry);
    return seq;
  }

  /** The target, with what goes over the wire appended to the trace. */
  private tracing(inner: ScriptTarget): ScriptTarget {
    return {
      live: inner.live,
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
          deliver(stanza);
          this.changed();
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

  protected override async execute(step: SessionStep): Promise<StepResult> {
    this.notice = undefined;
    const result = await this.stepper.step(step.action, step.index);
    // What the others receive because of a send: one ping round trip for every client.
    if (step.action.kind === 'sends') await this.target.settle?.();
    return result;
  }

  protected override serverDomains(): { domain: string; mucDomain: string } {
    return { domain: this.domain, mucDomain: this.mucDomain };
  }

  /** A real server does not say what it did: only the stanza's XML is searched. */
  protected override deliverySummary(): undefined {
    return undefined;
  }

  /** The nick of a session in a room, from the last self-presence (status 110) it received. */
  protected override nickIn(full: string, room: string): string | undefined {
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
