// The debugger engine over a real XMPP server: steps a script and typed commands through LiveTarget connections, records what was sent and received — XEP-0045 scenarios (§7–§10) end to end
import type { Element } from 'ltx';
import { LiveTarget, type LiveTargetOptions } from '../live/live-target.js';
import { type Affiliation, isAffiliation } from '../muc/model/affiliation.js';
import { isRole, type Role } from '../muc/model/role.js';
import type { OccupantState } from '../muc/occupant-machine.js';
import type { TraceEntry } from '../muc/trace.js';
import { parseBlock } from '../scansion/block.js';
import { ScriptStepper } from '../scansion/runner.js';
import type { Action, ClientDefinition, Script } from '../scansion/script.js';
import type { ScriptTarget } from '../scansion/target.js';
import { bareJid, resourceOf } from '../xmpp/jid.js';
import { NS } from '../xmpp/namespaces.js';
import { normalizeXml, prettyXml } from '../xmpp/xml.js';
import { buildStanza, type Command, parseCommand } from './command-language.js';
import { recordSession } from './recorder.js';
import type {
  Breakpoint,
  CommandOutcome,
  DebugSessionApi,
  RoomView,
  RunStop,
  SessionStep,
  TransitionView,
} from './session-api.js';

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

const STANZA_NAMES = ['message', 'presence', 'iq'];
const TYPED_PASSWORD = 'password';
const ROOM_FLAG = 'live: from received presences';

type Draft = TraceEntry extends infer E ? (E extends TraceEntry ? Omit<E, 'seq'> : never) : never;

function emptyScript(): Script {
  return {
    file: 'session.scs',
    tags: [],
    clients: [],
    actions: [],
    comments: [],
    epilogue: [],
    warnings: [],
  };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

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
export class LiveDebugSession implements DebugSessionApi {
  readonly timeTravel = false;
  /** Set by back() and restart(): why they did nothing. */
  notice: string | undefined;
  private readonly timeline: SessionStep[];
  private readonly clients: ClientDefinition[];
  private readonly marks: Breakpoint[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly entries: TraceEntry[] = [];
  private readonly target: ScriptTarget & { settle?(): Promise<void> };
  private readonly stepper: ScriptStepper;
  private readonly domain: string;
  private readonly mucDomain: string;
  private executed = 0;
  private nextSeq = 1;
  private nextTypedId = 1;
  private lastInput = 0;
  private stopRequested = false;
  private queue: Promise<unknown> = Promise.resolve();
  /** Client name → current full JID. */
  private readonly full = new Map<string, string>();

  constructor(
    readonly script: Script,
    options: LiveSessionOptions,
  ) {
    this.clients = script.clients.map((client) => ({ ...client }));
    this.timeline = script.actions.map((action, index) => ({ index, action, origin: 'script' }));
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

  get steps(): readonly SessionStep[] {
    return this.timeline;
  }

  get cursor(): number {
    return this.executed;
  }

  get trace(): readonly TraceEntry[] {
    return this.entries;
  }

  get breakpoints(): readonly Breakpoint[] {
    return this.marks;
  }

  clientNames(): string[] {
    return this.clients.map((client) => client.name);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  stop(): void {
    this.stopRequested = true;
  }

  forward(): Promise<SessionStep | undefined> {
    return this.exclusive(async () => {
      const step = await this.executeNext();
      this.changed();
      return step;
    });
  }

  /** Does nothing but set `notice`: a real server cannot go back. */
  back(): Promise<void> {
    this.notice = TIME_TRAVEL_NOTICE;
    this.changed();
    return Promise.resolve();
  }

  /** Does nothing but set `notice`: a real server cannot go back. */
  restart(): Promise<void> {
    return this.back();
  }

  run(onStep?: (step: SessionStep) => Promise<void>): Promise<RunStop> {
    return this.exclusive(async () => {
      this.stopRequested = false;
      for (;;) {
        const step = await this.executeNext();
        if (!step) return 'end';
        this.changed();
        await onStep?.(step);
        if (step.result?.status === 'failed') return 'failure';
        if (this.stopRequested || this.hitsBreakpoint(step)) return 'breakpoint';
      }
    });
  }

  toggleBreakpoint(breakpoint: Breakpoint): void {
    const same = (other: Breakpoint) =>
      other.kind === breakpoint.kind &&
      (other.kind === 'step'
        ? other.index === (breakpoint as typeof other).index
        : other.filter === (breakpoint as typeof other).filter);
    const at = this.marks.findIndex(same);
    if (at === -1) this.marks.push(breakpoint);
    else this.marks.splice(at, 1);
    this.changed();
  }

  command(line: string): Promise<CommandOutcome> {
    return this.exclusive(async () => {
      const parsed = parseCommand(line, {
        clients: this.clients,
        domain: this.domain,
        mucDomain: this.mucDomain,
      });
      if (!parsed.ok) {
        return {
          ok: false,
          message: `column ${parsed.column}: ${parsed.message}`,
          column: parsed.column,
        };
      }
      const action = this.actionFor(parsed.command);
      if (typeof action === 'string') return { ok: false, message: action };
      return this.typed(action, line.trim());
    });
  }

  sendRaw(client: string, xml: string): Promise<CommandOutcome> {
    return this.exclusive(async () => {
      const name = this.clients.find(
        (candidate) => candidate.name.toLowerCase() === client.toLowerCase(),
      )?.name;
      if (name === undefined) {
        return {
          ok: false,
          message: `unknown user '${client}' (known users: ${this.clientNames().join(', ') || 'none'})`,
        };
      }
      if (!this.stepper.isConnected(name))
        return { ok: false, message: `${name} is not connected` };
      const parsed = parseBlock(xml);
      if (!parsed.ok) {
        const { line, column, message, expected } = parsed.error;
        return {
          ok: false,
          message: `invalid XML at ${line}:${column}: ${message} (expected ${expected})`,
          column,
        };
      }
      if (!STANZA_NAMES.includes(parsed.element.name)) {
        return {
          ok: false,
          message: `<${parsed.element.name}> is not a stanza: send a message, presence or iq`,
        };
      }
      const action = this.action('sends', name);
      action.xml = prettyXml(normalizeXml(parsed.element));
      return this.typed(action, undefined);
    });
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

  related(seq: number): { cause: number | undefined; effects: number[] } {
    const entry = this.entries.find((candidate) => candidate.seq === seq);
    if (!entry) return { cause: undefined, effects: [] };
    const cause = 'cause' in entry ? entry.cause : entry.kind === 'input' ? entry.seq : undefined;
    if (cause === undefined || cause === 0) return { cause: undefined, effects: [] };
    const effects = this.entries
      .filter((candidate) => 'cause' in candidate && candidate.cause === cause)
      .map((candidate) => candidate.seq);
    return { cause, effects };
  }

  recording(): string {
    const { script } = this;
    return recordSession({
      title: script.title ?? 'mucsim session',
      ...(script.description === undefined ? {} : { description: script.description }),
      tags: script.tags,
      clients: this.clients.map(({ line: _, ...client }) => client),
      steps: this.timeline.slice(0, this.executed),
      trace: this.entries,
      epilogue: this.executed === this.timeline.length ? script.epilogue : [],
    });
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

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  private async executeNext(): Promise<SessionStep | undefined> {
    const step = this.timeline[this.executed];
    if (!step) return undefined;
    this.notice = undefined;
    const before = this.entries.length;
    step.result = await this.stepper.step(step.action, step.index);
    // What the others receive because of a send: one ping round trip for every client.
    if (step.action.kind === 'sends') await this.target.settle?.();
    const first = this.entries[before];
    const last = this.entries.at(-1);
    if (first && last && this.entries.length > before)
      step.traceRange = { first: first.seq, last: last.seq };
    else delete step.traceRange;
    this.executed += 1;
    return step;
  }

  private hitsBreakpoint(step: SessionStep): boolean {
    const range = step.traceRange;
    const inRange = (seq: number) => range !== undefined && seq >= range.first && seq <= range.last;
    return this.marks.some((mark) => {
      if (mark.kind === 'step') return mark.index === this.executed;
      if (mark.kind === 'transition') return false;
      const filter = mark.filter.toLowerCase();
      if (filter === '' || !range) return false;
      return this.entries.some(
        (entry) =>
          entry.kind === 'delivery' &&
          inRange(entry.seq) &&
          entry.stanza.toString().toLowerCase().includes(filter),
      );
    });
  }

  private action(kind: Action['kind'], client: string): Action {
    return { kind, client, line: 0, column: 0, narration: [] };
  }

  /** The nick of a session in a room, from the last self-presence (status 110) it received. */
  private nickOf(full: string, room: string): string | undefined {
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

  private actionFor(command: Command): Action | string {
    const { user } = command;
    const connected = this.stepper.isConnected(user);
    if (command.verb === 'connect') {
      if (connected) return `${user} is already connected as ${this.stepper.fullJid(user)}`;
      if (command.newUser) {
        const client: ClientDefinition = {
          name: user,
          jid: command.jid,
          password: TYPED_PASSWORD,
          line: 0,
        };
        this.clients.push(client);
        this.stepper.addClient(client);
      }
      return this.action('connects', user);
    }
    if (!connected) return `${user} is not connected (type: ${user.toLowerCase()} connect)`;
    if (command.verb === 'disconnect') return this.action('disconnects', user);
    const full = this.stepper.fullJid(user) as string;
    const built = buildStanza(command, {
      nextId: () => `${command.verb}${this.nextTypedId++}`,
      nickIn: (room) => this.nickOf(full, room),
    });
    if (!built.ok) return built.message;
    const action = this.action('sends', user);
    action.xml = prettyXml(normalizeXml(built.stanza));
    return action;
  }

  private async typed(action: Action, command: string | undefined): Promise<CommandOutcome> {
    const step: SessionStep = { index: this.executed, action, origin: 'typed' };
    if (command !== undefined) step.command = command;
    this.timeline.splice(this.executed, 0, step);
    this.renumber();
    await this.executeNext();
    const result = step.result;
    if (result?.status === 'failed' && step.traceRange === undefined) {
      this.timeline.splice(step.index, 1);
      this.executed -= 1;
      this.renumber();
      this.changed();
      return { ok: false, message: result.reason ?? 'the step failed' };
    }
    this.changed();
    if (result?.status === 'failed') {
      return { ok: false, message: result.reason ?? 'the step failed', step };
    }
    const range = step.traceRange;
    const delivered = this.entries.filter(
      (entry) =>
        entry.kind === 'delivery' &&
        range !== undefined &&
        entry.seq >= range.first &&
        entry.seq <= range.last,
    ).length;
    const what =
      action.kind === 'sends' ? `sent, ${plural(delivered, 'stanza')} received` : action.kind;
    return { ok: true, message: `step ${step.index + 1}: ${action.client} ${what}`, step };
  }

  private renumber(): void {
    for (const [index, step] of this.timeline.entries()) {
      step.index = index;
      if (step.result) step.result.index = index;
    }
  }
}
