// The debugger engine: steps a scenario through a simulated world, travels back in time, runs to breakpoints and takes typed commands — XEP-0045 scenarios (§7–§10)
import type { TraceEntry } from '../muc/trace.js';
import { parseBlock } from '../scansion/block.js';
import { ScriptStepper } from '../scansion/runner.js';
import type { Action, ClientDefinition, Script } from '../scansion/script.js';
import { SimTarget } from '../sim/sim-target.js';
import type { World, WorldOptions } from '../sim/world.js';
import { bareJid } from '../xmpp/jid.js';
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
import {
  effectsByCause,
  type JidNames,
  roomViews,
  summarizeEntry,
  transitionViews,
} from './views.js';

export interface DebugSessionOptions {
  /** Seed of the world's ids (generated resources, stanza ids): same seed, same trace. */
  seed?: number;
  /** Other world options (domain, admins, step time, features); the trace is always recorded. */
  world?: Omit<WorldOptions, 'seed' | 'trace'>;
  /** Script `receives` fail when they skip a stanza (the runner's `--strict-order`). */
  strictOrder?: boolean;
}

const STANZA_NAMES = ['message', 'presence', 'iq'];
/** Typed clients get a password so that a recording also runs against a real server. */
const TYPED_PASSWORD = 'password';

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

export class DebugSession implements DebugSessionApi {
  private readonly timeline: SessionStep[];
  private readonly clients: ClientDefinition[];
  private readonly marks: Breakpoint[] = [];
  private readonly listeners = new Set<() => void>();
  private target!: SimTarget;
  private stepper!: ScriptStepper;
  private executed = 0;
  private nextTypedId = 1;
  private stopRequested = false;
  private queue: Promise<unknown> = Promise.resolve();
  /** Full JIDs → client names, learnt from each `connects` (bare JIDs fall back to the definitions). */
  private readonly names = new Map<string, string>();
  private cache:
    | {
        trace: readonly TraceEntry[];
        length: number;
        transitions?: TransitionView[];
        effects?: Map<number, number[]>;
      }
    | undefined;
  private changes = 0;

  private constructor(
    readonly script: Script,
    private readonly options: DebugSessionOptions,
  ) {
    this.clients = script.clients.map((client) => ({ ...client }));
    this.timeline = script.actions.map((action, index) => ({ index, action, origin: 'script' }));
    this.reset();
  }

  static fromScript(script: Script, options: DebugSessionOptions = {}): DebugSession {
    return new DebugSession(script, options);
  }

  static empty(options: DebugSessionOptions = {}): DebugSession {
    return new DebugSession(emptyScript(), options);
  }

  get steps(): readonly SessionStep[] {
    return this.timeline;
  }

  get cursor(): number {
    return this.executed;
  }

  get trace(): readonly TraceEntry[] {
    return this.world.trace.entries;
  }

  get breakpoints(): readonly Breakpoint[] {
    return this.marks;
  }

  /** The current world (a new one after `back()` or `restart()`). */
  get world(): World {
    return this.target.world;
  }

  /** Increases with every change, for UIs that poll or memoise. */
  get version(): number {
    return this.changes;
  }

  clientNames(): string[] {
    return this.clients.map((client) => client.name);
  }

  /** The `[Client]` definitions: the script's, then those of typed `connect`s. */
  clientDefinitions(): readonly ClientDefinition[] {
    return this.clients;
  }

  /** Whether the client is connected at the cursor. */
  isConnected(client: string): boolean {
    return this.stepper.isConnected(client);
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

  back(): Promise<void> {
    return this.exclusive(async () => {
      if (this.executed === 0) return;
      await this.replay(this.executed - 1);
      this.changed();
    });
  }

  /**
   * Back to before the first step. Typed steps stay in the timeline (forward replays them)
   * unless `dropTyped` is set.
   */
  restart(options: { dropTyped?: boolean } = {}): Promise<void> {
    return this.exclusive(async () => {
      if (options.dropTyped) {
        const kept = this.timeline.filter((step) => step.origin === 'script');
        this.timeline.splice(0, this.timeline.length, ...kept);
        this.renumber();
      }
      await this.replay(0);
      this.changed();
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
      const parsed = parseCommand(line, {
        clients: this.clients,
        domain: this.world.domain,
        mucDomain: this.world.mucDomain,
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

  rooms(): RoomView[] {
    return roomViews(this.world.service);
  }

  transitions(): TransitionView[] {
    const cache = this.views();
    cache.transitions ??= transitionViews(cache.trace, this.jidNames());
    return cache.transitions;
  }

  related(seq: number): { cause: number | undefined; effects: number[] } {
    const entry = this.trace.find((candidate) => candidate.seq === seq);
    if (!entry) return { cause: undefined, effects: [] };
    const cause = 'cause' in entry ? entry.cause : entry.kind === 'input' ? entry.seq : undefined;
    if (cause === undefined) return { cause, effects: [] };
    const cache = this.views();
    cache.effects ??= effectsByCause(cache.trace);
    return { cause, effects: [...(cache.effects.get(cause) ?? [])] };
  }

  /** A trace entry in one line, with client names: `Juliet ← presence unavailable …`. */
  summary(seq: number): string | undefined {
    const entry = this.trace.find((candidate) => candidate.seq === seq);
    return entry && summarizeEntry(entry, this.jidNames());
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

  // — internals

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private changed(): void {
    this.changes += 1;
    for (const listener of this.listeners) listener();
  }

  private reset(): void {
    this.target = new SimTarget({
      ...this.options.world,
      seed: this.options.seed ?? 1,
      trace: true,
    });
    this.stepper = new ScriptStepper(this.clients, this.target, {
      strictOrder: this.options.strictOrder ?? false,
    });
    this.executed = 0;
    this.names.clear();
    this.cache = undefined;
    for (const step of this.timeline) {
      delete step.result;
      delete step.traceRange;
    }
  }

  /** A fresh world with the same seed, then the first `count` steps again: deterministic. */
  private async replay(count: number): Promise<void> {
    this.reset();
    while (this.executed < count) await this.executeNext();
  }

  private async executeNext(): Promise<SessionStep | undefined> {
    const step = this.timeline[this.executed];
    if (!step) return undefined;
    const entries = this.world.trace.entries;
    const before = entries.length;
    step.result = await this.stepper.step(step.action, step.index);
    const first = entries[before];
    const last = entries.at(-1);
    if (first && last && entries.length > before)
      step.traceRange = { first: first.seq, last: last.seq };
    else delete step.traceRange;
    if (step.action.kind === 'connects') {
      const jid = this.stepper.fullJid(step.action.client);
      if (jid) this.names.set(jid, step.action.client);
    }
    this.executed += 1;
    return step;
  }

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
      const names = this.jidNames();
      return this.trace.some(
        (entry) =>
          entry.kind === 'delivery' &&
          inRange(entry.seq) &&
          (summarizeEntry(entry, names).toLowerCase().includes(filter) ||
            entry.stanza.toString().toLowerCase().includes(filter)),
      );
    });
  }

  private views(): NonNullable<DebugSession['cache']> {
    const trace = this.trace;
    if (!this.cache || this.cache.trace !== trace || this.cache.length !== trace.length) {
      this.cache = { trace, length: trace.length };
    }
    return this.cache;
  }

  private jidNames(): JidNames {
    return {
      nameOf: (jid) => {
        const exact = this.names.get(jid);
        if (exact) return exact;
        const bare = bareJid(jid);
        return this.clients.find((client) => bareJid(client.jid) === bare)?.name;
      },
    };
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
      nickIn: (room) => this.world.service.room(room)?.occupantBySession(full)?.nick,
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
    const delivered = this.trace.filter(
      (entry) =>
        entry.kind === 'delivery' &&
        step.traceRange !== undefined &&
        entry.seq >= step.traceRange.first &&
        entry.seq <= step.traceRange.last,
    ).length;
    const what =
      action.kind === 'sends' ? `sent, ${plural(delivered, 'stanza')} delivered` : action.kind;
    return { ok: true, message: `step ${step.index + 1}: ${action.client} ${what}`, step };
  }

  private renumber(): void {
    for (const [index, step] of this.timeline.entries()) {
      step.index = index;
      if (step.result) step.result.index = index;
    }
  }
}
