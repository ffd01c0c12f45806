// The debugger engine: one session class over the simulator or a real server — steps, time travel, breakpoints, typed commands, one operation at a time (XEP-0045 scenarios, §7–§10)
import type { JidNames } from '../describe/names.js';
import type { TraceEntry } from '../muc/trace.js';
import { ScriptStepper } from '../scansion/runner.js';
import { type ClientDefinition, emptyScript, type Script } from '../scansion/script.js';
import type { World } from '../sim/world.js';
import { hitsBreakpoint, toggleIn } from './breakpoints.js';
import { Checkpoints } from './checkpoints.js';
import { type DoorOpener, Doorway } from './doorway.js';
import { GrowingRecording, type RecordingText } from './growing-recording.js';
import { recordingHead } from './recorder.js';
import type {
  Breakpoint,
  RoomView,
  RunStop,
  SessionCapabilities,
  SessionStep,
  SessionWorld,
  TransitionView,
} from './session-api.js';
import { SessionIndex } from './session-index.js';
import { SimWorld, type SimWorldOptions } from './sim-world.js';
import { Timeline } from './timeline.js';
import type { Reading, StepReads } from './trace-links.js';
import { TypedInput } from './typed-input.js';

export interface DebugSessionOptions extends SimWorldOptions {
  /** Script `receives` fail when they skip a stanza (the runner's `--strict-order`). */
  strictOrder?: boolean;
  /** How a door for real XMPP clients is opened (`:serve`). */
  openDoor?: DoorOpener;
  /** Steps between time travel's checkpoints (default CHECKPOINT_EVERY). */
  checkpointEvery?: number;
}

export { emptyScript };

/**
 * Runs a timeline of steps (the script's, typed ones, real clients') in a world that says where
 * they run: stepping, time travel, breakpoints, typed commands, the clients and the listeners.
 * Operations queue, so steps never interleave; every change bumps `version` and tells the
 * subscribers (`useSyncExternalStore`).
 */
export class DebugSession {
  /** Set when `back()` or `restart()` could not travel in time; cleared by the next step. */
  notice: string | undefined;
  readonly typed: TypedInput;
  /** The door real XMPP clients come in by (mucsim serve --tui, `:serve`). */
  readonly doorway: Doorway;
  private readonly timeline: Timeline;
  private readonly clients: ClientDefinition[];
  private stepper!: ScriptStepper;
  private readonly marks: Breakpoint[] = [];
  private readonly recorded = new GrowingRecording();
  private readonly listeners = new Set<() => void>();
  private stopRequested = false;
  private queue: Promise<unknown> = Promise.resolve();
  private changes = 0;
  private readonly index: SessionIndex;
  private roomCache: { version: number; rooms: RoomView[] } | undefined;
  private readonly checkpoints: Checkpoints;

  private constructor(
    readonly script: Script,
    private readonly place: SessionWorld,
    private readonly options: Omit<DebugSessionOptions, keyof SimWorldOptions> & {
      timeoutMs?: number;
    },
  ) {
    this.clients = script.clients.map((client) => ({ ...client }));
    this.timeline = new Timeline(script);
    this.index = new SessionIndex({
      clients: this.clients,
      trace: () => place.trace,
      isRoom: (bare) => place.isRoom(bare),
      version: () => this.changes,
    });
    place.onChange = () => this.changed();
    this.checkpoints = new Checkpoints({
      world: place,
      timeline: this.timeline,
      index: this.index,
      recording: this.recorded,
      stepper: () => this.stepper,
      canTravel: () => this.capabilities.timeTravel,
      every: options.checkpointEvery,
    });
    this.typed = new TypedInput({
      clients: this.clients,
      stepper: () => this.stepper,
      world: place,
      insert: (step) => this.insertTyped(step),
      exclusive: (work) => this.exclusive(work),
      realClient: (name) => this.doorway.realClient(name),
    });
    this.doorway = new Doorway(this, options.openDoor, {
      clients: this.clients,
      insertExecuted: (step, jid) => this.insertExecuted(step, jid),
      changed: () => this.changed(),
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

  /** Time travel on the simulator, until a real client acts. */
  get capabilities(): SessionCapabilities {
    return this.doorway.timeTravelRefusal ? { timeTravel: false } : this.place.capabilities;
  }

  get steps(): readonly SessionStep[] {
    return this.timeline.steps;
  }

  /** How many steps have been executed (0 = none). */
  get cursor(): number {
    return this.timeline.cursor;
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
    return this.index.names();
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
      if (this.timeline.cursor === 0) return;
      await this.replay(this.timeline.cursor - 1);
      this.changed();
    });
  }

  /** Back to before the first step; typed steps stay in the timeline unless `dropTyped`. */
  restart(options: { dropTyped?: boolean } = {}): Promise<void> {
    return this.exclusive(async () => {
      if (!this.travel()) return;
      if (options.dropTyped) this.timeline.dropTyped();
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
        if (hitsBreakpoint(this.marks, step, this.timeline.cursor, this)) return 'breakpoint';
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

  /** The rooms now, made once per change of the session (a frame asks several times). */
  rooms(): RoomView[] {
    if (this.roomCache?.version !== this.changes) {
      this.roomCache = { version: this.changes, rooms: this.place.rooms() };
    }
    return this.roomCache.rooms;
  }

  transitions(): TransitionView[] {
    return this.place.transitions(this.names());
  }

  // Cause and effect: see SessionIndex.

  related(seq: number): { cause: number | undefined; effects: readonly number[] } {
    return this.index.related(seq);
  }

  stepOf(seq: number): SessionStep | undefined {
    return this.index.stepOf(seq);
  }

  readingOf(seq: number): Reading | undefined {
    return this.index.readingOf(seq);
  }

  readsOf(step: SessionStep): StepReads | undefined {
    return this.index.readsOf(step);
  }

  entryAt(seq: number): TraceEntry | undefined {
    return this.index.entryAt(seq);
  }

  /** The session so far as a .scs script whose receives are what actually arrived. */
  recording(): string {
    return this.recordingText().text;
  }

  /** The same, with what changed since earlier texts (for the files that keep it). */
  recordingText(): RecordingText {
    const { script } = this;
    const clients = this.clients.map(({ line: _, ...client }) => client);
    return this.recorded.update({
      ...recordingHead(script, clients),
      steps: this.timeline.ran(),
      trace: this.trace,
      epilogue: this.timeline.done ? script.epilogue : [],
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
    this.notice =
      this.doorway.timeTravelRefusal ??
      this.place.timeTravelNotice ??
      'this session cannot travel in time';
    this.changed();
    return false;
  }

  /** Executes the step at the cursor and records the trace entries it produced. */
  private async executeNext(): Promise<SessionStep | undefined> {
    const step = this.timeline.next;
    if (!step) return undefined;
    this.notice = undefined;
    const trace = this.trace;
    const before = trace.length;
    step.result = await this.stepper.step(step.action, step.index);
    if (step.action.kind === 'connects') {
      const jid = this.stepper.fullJid(step.action.client);
      if (jid) this.index.bind(jid, step.action.client);
    }
    if (step.action.kind === 'sends') await this.place.settle?.();
    const first = trace[before];
    const last = trace.at(-1);
    if (first && last && trace.length > before)
      step.traceRange = { first: first.seq, last: last.seq };
    else delete step.traceRange;
    this.index.record(step);
    this.timeline.cursor += 1;
    this.checkpoints.stepped();
    return step;
  }

  /** From the nearest checkpoint at or before `count` (else a fresh world, same seed), the steps again. */
  private async replay(count: number): Promise<void> {
    if (!this.checkpoints.restoreBefore(count)) this.reset();
    while (this.timeline.cursor < count) await this.executeNext();
  }

  private reset(): void {
    this.stepper = new ScriptStepper(this.clients, this.place.start(), {
      strictOrder: this.options.strictOrder ?? false,
      ...(this.options.timeoutMs !== undefined && { timeoutMs: this.options.timeoutMs }),
    });
    this.timeline.rewind();
    this.index.reset();
    this.checkpoints.clear();
  }

  /** A step that already ran in the world (a real client's) takes its place at the cursor. */
  private insertExecuted(step: SessionStep, jid: string | undefined): void {
    this.timeline.insert(step, true);
    this.checkpoints.clear();
    if (jid !== undefined) this.index.bind(jid, step.action.client);
    this.index.record(step);
    this.changed();
  }

  /** Inserts a typed step at the cursor and executes it; a step that did nothing is taken out again. */
  private async insertTyped(step: SessionStep): Promise<SessionStep> {
    this.checkpoints.dropAfter(this.timeline.cursor);
    this.timeline.insert(step, false);
    await this.executeNext();
    if (step.result?.status === 'failed' && step.traceRange === undefined) {
      this.timeline.removeLast();
      this.checkpoints.dropAfter(this.timeline.cursor);
    }
    this.changed();
    return step;
  }
}
