// The debugger engine: one session class over the simulator or a real server — steps, time travel, breakpoints, typed commands, one operation at a time (XEP-0045 scenarios, §7–§10)
import { JidNames } from '../describe/names.js';
import type { TraceEntry } from '../muc/trace.js';
import { ScriptStepper } from '../scansion/runner.js';
import type { ClientDefinition, Script } from '../scansion/script.js';
import type { World } from '../sim/world.js';
import { hitsBreakpoint, toggleIn } from './breakpoints.js';
import { recordingHead, recordSession } from './recorder.js';
import type {
  Breakpoint,
  RoomView,
  RunStop,
  SessionCapabilities,
  SessionStep,
  SessionWorld,
  TransitionView,
} from './session-api.js';
import { SimWorld, type SimWorldOptions } from './sim-world.js';
import { type Reading, type StepReads, TraceLinks } from './trace-links.js';
import { TypedInput } from './typed-input.js';

export interface DebugSessionOptions extends SimWorldOptions {
  /** Script `receives` fail when they skip a stanza (the runner's `--strict-order`). */
  strictOrder?: boolean;
}

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

/**
 * The timeline of script and typed steps with its cursor, the clients, breakpoints and
 * listeners, over a world that says where the steps run. Operations queue, so steps never
 * interleave; every change bumps `version` and tells the subscribers (`useSyncExternalStore`).
 */
export class DebugSession {
  readonly capabilities: SessionCapabilities;
  /** Set when `back()` or `restart()` could not travel in time; cleared by the next step. */
  notice: string | undefined;
  readonly typed: TypedInput;
  private readonly timeline: SessionStep[];
  private readonly clients: ClientDefinition[];
  private stepper!: ScriptStepper;
  private executed = 0;
  private readonly marks: Breakpoint[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly bound = new Map<string, string>();
  private stopRequested = false;
  private queue: Promise<unknown> = Promise.resolve();
  private changes = 0;
  private cache: { version: number; names?: JidNames } = { version: -1 };
  private readonly links = new TraceLinks((jid) => this.bound.get(jid) ?? this.names().client(jid));

  private constructor(
    readonly script: Script,
    private readonly place: SessionWorld,
    private readonly options: { strictOrder?: boolean; timeoutMs?: number },
  ) {
    this.capabilities = place.capabilities;
    this.clients = script.clients.map((client) => ({ ...client }));
    this.timeline = script.actions.map((action, index) => ({ index, action, origin: 'script' }));
    place.onChange = () => this.changed();
    this.typed = new TypedInput({
      clients: this.clients,
      stepper: () => this.stepper,
      world: place,
      insert: (step) => this.insertTyped(step),
      exclusive: (work) => this.exclusive(work),
    });
    this.reset();
  }

  static fromScript(script: Script, options: DebugSessionOptions = {}): DebugSession {
    return new DebugSession(script, new SimWorld(options), options);
  }

  static empty(options: DebugSessionOptions = {}): DebugSession {
    return DebugSession.fromScript(emptyScript(), options);
  }

  /** A session over any world (a real server: see `liveSession`). */
  static over(
    place: SessionWorld,
    script: Script | undefined,
    options: { strictOrder?: boolean; timeoutMs?: number } = {},
  ): DebugSession {
    return new DebugSession(script ?? emptyScript(), place, options);
  }

  /** The simulator's extras that are on (`--extra`), for the header; none on a real server. */
  get extras(): readonly string[] {
    return this.place.extras ?? [];
  }

  get steps(): readonly SessionStep[] {
    return this.timeline;
  }

  /** How many steps have been executed (0 = none). */
  get cursor(): number {
    return this.executed;
  }

  get breakpoints(): readonly Breakpoint[] {
    return this.marks;
  }

  get trace(): readonly TraceEntry[] {
    return this.place.trace;
  }

  /** Increases with every change: the snapshot the UI subscribes to. */
  get version(): number {
    return this.changes;
  }

  /** The simulated world, when the session runs on the simulator. */
  get world(): World | undefined {
    return this.place instanceof SimWorld ? this.place.world : undefined;
  }

  /** The world under the session (the simulator or a real server). */
  get target(): SessionWorld {
    return this.place;
  }

  clientNames(): string[] {
    return this.clients.map((client) => client.name);
  }

  /** The `[Client]` definitions: the script's, then those of typed `connect`s. */
  clientDefinitions(): readonly ClientDefinition[] {
    return this.clients;
  }

  isConnected(client: string): boolean {
    return this.stepper.isConnected(client);
  }

  /** Names JIDs after the clients (bound JIDs included), for every renderer of the describer. */
  names(): JidNames {
    const cache = this.views();
    cache.names ??= new JidNames(
      this.clients.map((client) => ({
        name: client.name,
        jid: client.jid,
        bound: [...this.bound].filter(([, name]) => name === client.name).map(([jid]) => jid),
      })),
      { isRoom: (bare) => this.place.isRoom(bare) },
    );
    return cache.names;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  getSnapshot = (): number => this.changes;

  /** Asks a running `run()` to return after the current step (it then resolves to `stopped`). */
  stop(): void {
    this.stopRequested = true;
  }

  /** Executes the next step; undefined at the end. */
  forward(): Promise<SessionStep | undefined> {
    return this.exclusive(async () => {
      const step = await this.executeNext();
      this.changed();
      return step;
    });
  }

  /** Time travel: the whole world goes back to before the last executed step. */
  back(): Promise<void> {
    return this.exclusive(async () => {
      if (!this.travel()) return;
      if (this.executed === 0) return;
      await this.replay(this.executed - 1);
      this.changed();
    });
  }

  /** Back to before the first step; typed steps stay in the timeline unless `dropTyped`. */
  restart(options: { dropTyped?: boolean } = {}): Promise<void> {
    return this.exclusive(async () => {
      if (!this.travel()) return;
      if (options.dropTyped) {
        const kept = this.timeline.filter((step) => step.origin === 'script');
        this.timeline.splice(0, this.timeline.length, ...kept);
        this.renumber();
      }
      await this.replay(0);
      this.changed();
    });
  }

  /** Runs until the end, a failed step, a breakpoint or `stop()`; `onStep` is awaited after each step (pacing). */
  run(onStep?: (step: SessionStep) => Promise<void>): Promise<RunStop> {
    return this.exclusive(async () => {
      this.stopRequested = false;
      for (;;) {
        const step = await this.executeNext();
        if (!step) return 'end';
        this.changed();
        await onStep?.(step);
        if (step.result?.status === 'failed') return 'failure';
        if (hitsBreakpoint(this.marks, step, this.executed, this)) return 'breakpoint';
        if (this.stopRequested) return 'stopped';
      }
    });
  }

  toggleBreakpoint(breakpoint: Breakpoint): void {
    toggleIn(this.marks, breakpoint);
    this.changed();
  }

  /** Executes a typed command line such as `juliet join room@conference.localhost/Juliet`. */
  command(line: string) {
    return this.typed.command(line);
  }

  /** Sends raw XML as a client, after validating it. */
  sendRaw(client: string, xml: string) {
    return this.typed.sendRaw(client, xml);
  }

  rooms(): RoomView[] {
    return this.place.rooms();
  }

  transitions(): TransitionView[] {
    return this.place.transitions(this.names());
  }

  /** The stanza of a trace entry's cause and every entry with that cause (for highlighting). */
  related(seq: number): { cause: number | undefined; effects: readonly number[] } {
    const entry = this.entryAt(seq);
    if (!entry) return { cause: undefined, effects: [] };
    const cause = 'cause' in entry ? entry.cause : entry.kind === 'input' ? entry.seq : undefined;
    if (cause === undefined || cause === 0) return { cause: undefined, effects: [] };
    this.links.catchUp(this.trace);
    return { cause, effects: this.links.effectsOf(cause) };
  }

  /** The step that produced a trace entry (a sent stanza's `sends`, a join's `connects`…). */
  stepOf(seq: number): SessionStep | undefined {
    return this.links.stepOf(seq);
  }

  /** The `receives` step that matched or skipped a delivered stanza, once one has read it. */
  readingOf(seq: number): Reading | undefined {
    return this.links.readingOf(seq);
  }

  /** The stanzas a `receives` step matched and skipped, by sequence number. */
  readsOf(step: SessionStep): StepReads | undefined {
    return this.links.readsOf(step);
  }

  /** The trace entry with this sequence number (sequence numbers are dense and sorted). */
  entryAt(seq: number): TraceEntry | undefined {
    const trace = this.trace;
    const guess = trace[seq - (trace[0]?.seq ?? 1)];
    if (guess?.seq === seq) return guess;
    return trace.find((candidate) => candidate.seq === seq);
  }

  /** The session so far as a .scs script whose receives are what actually arrived. */
  recording(): string {
    const { script } = this;
    return recordSession({
      ...recordingHead(
        script,
        this.clients.map(({ line: _, ...client }) => client),
      ),
      steps: this.timeline.slice(0, this.executed),
      trace: this.trace,
      epilogue: this.executed === this.timeline.length ? script.epilogue : [],
    });
  }

  /** Closes the connections of a real server's session. */
  close(): Promise<void> {
    return this.exclusive(() => this.place.close());
  }

  // — internals

  /** Runs `work` after every operation queued before it. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private changed(): void {
    this.changes += 1;
    for (const listener of this.listeners) listener();
  }

  /** False (and the notice set) when the world cannot go back. */
  private travel(): boolean {
    if (this.capabilities.timeTravel) return true;
    this.notice = this.place.timeTravelNotice ?? 'this session cannot travel in time';
    this.changed();
    return false;
  }

  private views(): DebugSession['cache'] {
    if (this.cache.version !== this.changes) this.cache = { version: this.changes };
    return this.cache;
  }

  /** Executes the step at the cursor and records the trace entries it produced. */
  private async executeNext(): Promise<SessionStep | undefined> {
    const step = this.timeline[this.executed];
    if (!step) return undefined;
    this.notice = undefined;
    const trace = this.trace;
    const before = trace.length;
    step.result = await this.stepper.step(step.action, step.index);
    if (step.action.kind === 'connects') {
      const jid = this.stepper.fullJid(step.action.client);
      if (jid) this.bound.set(jid, step.action.client);
    }
    if (step.action.kind === 'sends') await this.place.settle?.();
    const first = trace[before];
    const last = trace.at(-1);
    if (first && last && trace.length > before)
      step.traceRange = { first: first.seq, last: last.seq };
    else delete step.traceRange;
    this.links.record(step, trace, (seq) => this.entryAt(seq));
    this.executed += 1;
    return step;
  }

  /** A fresh world with the same seed, then the first `count` steps again: deterministic. */
  private async replay(count: number): Promise<void> {
    this.reset();
    while (this.executed < count) await this.executeNext();
  }

  private reset(): void {
    this.stepper = new ScriptStepper(this.clients, this.place.start(), {
      strictOrder: this.options.strictOrder ?? false,
      ...(this.options.timeoutMs !== undefined && { timeoutMs: this.options.timeoutMs }),
    });
    this.executed = 0;
    this.bound.clear();
    this.links.reset();
    this.cache = { version: -1 };
    for (const step of this.timeline) {
      delete step.result;
      delete step.traceRange;
    }
  }

  private renumber(): void {
    for (const [index, step] of this.timeline.entries()) {
      step.index = index;
      if (step.result) step.result.index = index;
    }
  }

  /** Inserts a typed step at the cursor and executes it; a step that did nothing is taken out again. */
  private async insertTyped(step: SessionStep): Promise<SessionStep> {
    step.index = this.executed;
    this.timeline.splice(this.executed, 0, step);
    this.renumber();
    await this.executeNext();
    if (step.result?.status === 'failed' && step.traceRange === undefined) {
      this.timeline.splice(step.index, 1);
      this.executed -= 1;
      this.renumber();
    }
    this.changed();
    return step;
  }
}
