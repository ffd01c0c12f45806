// The timeline every debugger session shares: steps, breakpoints, typed input, one operation at a time — XEP-0045 scenarios stepped through (§7–§10)
import type { TraceEntry } from '../muc/trace.js';
import { parseBlock } from '../scansion/block.js';
import type { ScriptStepper, StepResult } from '../scansion/runner.js';
import type { Action, ClientDefinition, Script } from '../scansion/script.js';
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

type DeliveryEntry = Extract<TraceEntry, { kind: 'delivery' }>;

const STANZA_NAMES = ['message', 'presence', 'iq'];
/** Typed clients get a password so that a recording also runs against a real server. */
const TYPED_PASSWORD = 'password';

/** The script of a session started with nothing loaded: everything will be typed. */
export function emptyScript(): Script {
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

/**
 * What the simulator session and the live session have in common: the timeline of script and
 * typed steps with its cursor, the clients, breakpoints, listeners, and an operation queue so
 * that steps never interleave. Subclasses say how a step executes and where the world stands.
 */
export abstract class TimelineSession implements DebugSessionApi {
  protected readonly timeline: SessionStep[];
  protected readonly clients: ClientDefinition[];
  /** Executes the steps; the subclass creates it (and may replace it when the world restarts). */
  protected stepper!: ScriptStepper;
  /** How many steps of the timeline have run. */
  protected executed = 0;
  private readonly marks: Breakpoint[] = [];
  private readonly listeners = new Set<() => void>();
  private nextTypedId = 1;
  private stopRequested = false;
  private queue: Promise<unknown> = Promise.resolve();

  protected constructor(readonly script: Script) {
    this.clients = script.clients.map((client) => ({ ...client }));
    this.timeline = script.actions.map((action, index) => ({ index, action, origin: 'script' }));
  }

  abstract get trace(): readonly TraceEntry[];
  abstract back(): Promise<void>;
  abstract restart(): Promise<void>;
  abstract rooms(): RoomView[];
  abstract transitions(): TransitionView[];
  abstract related(seq: number): { cause: number | undefined; effects: number[] };

  /** Runs one step against the world (the trace range and cursor are the caller's business). */
  protected abstract execute(step: SessionStep): Promise<StepResult>;
  /** The users' server and the MUC service that typed commands address by default. */
  protected abstract serverDomains(): { domain: string; mucDomain: string };
  /** The nick a client's session (full JID) currently has in a room, if it is in it. */
  protected abstract nickIn(fullJid: string, room: string): string | undefined;
  /** A delivery in one line with client names, for stanza breakpoints; undefined if there is none. */
  protected abstract deliverySummary(entry: DeliveryEntry): string | undefined;
  /** How a typed send's confirmation says its stanzas arrived ("delivered", "received"). */
  protected abstract readonly arrivalWord: string;

  get steps(): readonly SessionStep[] {
    return this.timeline;
  }

  get cursor(): number {
    return this.executed;
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

  /** Steps until the end, a failed step, a breakpoint or `stop()`; `onStep` must not call the session's async methods. */
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
      const parsed = parseCommand(line, { clients: this.clients, ...this.serverDomains() });
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

  recording(): string {
    const { script } = this;
    return recordSession({
      title: script.title ?? 'mucsim session',
      ...(script.description === undefined ? {} : { description: script.description }),
      tags: script.tags,
      clients: this.clients.map(({ line: _, ...client }) => client),
      steps: this.timeline.slice(0, this.executed),
      trace: this.trace,
      epilogue: this.executed === this.timeline.length ? script.epilogue : [],
    });
  }

  // — for subclasses

  /** Runs `work` after every operation queued before it. */
  protected exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Tells the listeners that something changed. */
  protected changed(): void {
    for (const listener of this.listeners) listener();
  }

  /** Executes the step at the cursor and records the trace entries it produced. */
  protected async executeNext(): Promise<SessionStep | undefined> {
    const step = this.timeline[this.executed];
    if (!step) return undefined;
    const trace = this.trace;
    const before = trace.length;
    step.result = await this.execute(step);
    const first = trace[before];
    const last = trace.at(-1);
    if (first && last && trace.length > before)
      step.traceRange = { first: first.seq, last: last.seq };
    else delete step.traceRange;
    this.executed += 1;
    return step;
  }

  protected renumber(): void {
    for (const [index, step] of this.timeline.entries()) {
      step.index = index;
      if (step.result) step.result.index = index;
    }
  }

  // — internals

  private hitsBreakpoint(step: SessionStep): boolean {
    const range = step.traceRange;
    const inRange = (seq: number) => range !== undefined && seq >= range.first && seq <= range.last;
    return this.marks.some((mark) => {
      if (mark.kind === 'step') return mark.index === this.executed;
      const filter = mark.filter.toLowerCase();
      if (filter === '' || !range) return false;
      if (mark.kind === 'transition') {
        return this.transitions().some(
          (view) => inRange(view.seq) && view.text.toLowerCase().includes(filter),
        );
      }
      return this.trace.some(
        (entry) =>
          entry.kind === 'delivery' &&
          inRange(entry.seq) &&
          (this.deliverySummary(entry)?.toLowerCase().includes(filter) ||
            entry.stanza.toString().toLowerCase().includes(filter)),
      );
    });
  }

  private action(kind: Action['kind'], client: string): Action {
    return { kind, client, line: 0, column: 0, narration: [] };
  }

  /** The step a parsed command stands for, or why it cannot run now. */
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
      nickIn: (room) => this.nickIn(full, room),
    });
    if (!built.ok) return built.message;
    const action = this.action('sends', user);
    action.xml = prettyXml(normalizeXml(built.stanza));
    return action;
  }

  /** Inserts a typed step at the cursor and executes it. */
  private async typed(action: Action, command: string | undefined): Promise<CommandOutcome> {
    const step: SessionStep = { index: this.executed, action, origin: 'typed' };
    if (command !== undefined) step.command = command;
    this.timeline.splice(this.executed, 0, step);
    this.renumber();
    await this.executeNext();
    const result = step.result;
    if (result?.status === 'failed' && step.traceRange === undefined) {
      // It did nothing (e.g. an unknown ${…} variable): an error message, not history.
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
    const delivered = this.trace.filter(
      (entry) =>
        entry.kind === 'delivery' &&
        range !== undefined &&
        entry.seq >= range.first &&
        entry.seq <= range.last,
    ).length;
    const what =
      action.kind === 'sends'
        ? `sent, ${plural(delivered, 'stanza')} ${this.arrivalWord}`
        : action.kind;
    return { ok: true, message: `step ${step.index + 1}: ${action.client} ${what}`, step };
  }
}
