// The debugger engine: steps a scenario through a simulated world, travels back in time, runs to breakpoints and takes typed commands — XEP-0045 scenarios (§7–§10)
import type { TraceEntry } from '../muc/trace.js';
import { ScriptStepper, type StepResult } from '../scansion/runner.js';
import type { ClientDefinition, Script } from '../scansion/script.js';
import { SimTarget } from '../sim/sim-target.js';
import type { World, WorldOptions } from '../sim/world.js';
import { bareJid } from '../xmpp/jid.js';
import type { RoomView, SessionStep, TransitionView } from './session-api.js';
import { emptyScript, TimelineSession } from './timeline-session.js';
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

export class DebugSession extends TimelineSession {
  protected override readonly arrivalWord = 'delivered';
  private target!: SimTarget;
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
    script: Script,
    private readonly options: DebugSessionOptions,
  ) {
    super(script);
    this.reset();
  }

  static fromScript(script: Script, options: DebugSessionOptions = {}): DebugSession {
    return new DebugSession(script, options);
  }

  static empty(options: DebugSessionOptions = {}): DebugSession {
    return new DebugSession(emptyScript(), options);
  }

  override get trace(): readonly TraceEntry[] {
    return this.world.trace.entries;
  }

  /** The current world (a new one after `back()` or `restart()`). */
  get world(): World {
    return this.target.world;
  }

  /** Increases with every change, for UIs that poll or memoise. */
  get version(): number {
    return this.changes;
  }

  /** The `[Client]` definitions: the script's, then those of typed `connect`s. */
  clientDefinitions(): readonly ClientDefinition[] {
    return this.clients;
  }

  /** Whether the client is connected at the cursor. */
  isConnected(client: string): boolean {
    return this.stepper.isConnected(client);
  }

  override back(): Promise<void> {
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
  override restart(options: { dropTyped?: boolean } = {}): Promise<void> {
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

  override rooms(): RoomView[] {
    return roomViews(this.world.service);
  }

  override transitions(): TransitionView[] {
    const cache = this.views();
    cache.transitions ??= transitionViews(cache.trace, this.jidNames());
    return cache.transitions;
  }

  override related(seq: number): { cause: number | undefined; effects: number[] } {
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

  // — hooks

  protected override changed(): void {
    this.changes += 1;
    super.changed();
  }

  protected override async execute(step: SessionStep): Promise<StepResult> {
    const result = await this.stepper.step(step.action, step.index);
    if (step.action.kind === 'connects') {
      const jid = this.stepper.fullJid(step.action.client);
      if (jid) this.names.set(jid, step.action.client);
    }
    return result;
  }

  protected override serverDomains(): { domain: string; mucDomain: string } {
    return { domain: this.world.domain, mucDomain: this.world.mucDomain };
  }

  protected override nickIn(fullJid: string, room: string): string | undefined {
    return this.world.service.room(room)?.occupantBySession(fullJid)?.nick;
  }

  protected override deliverySummary(entry: TraceEntry): string {
    return summarizeEntry(entry, this.jidNames());
  }

  // — internals

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
}
