// The simulator under a debugger session: a fresh seeded world on every restart, so the session can travel in time — XEP-0045 scenarios (§7–§10) on the in-memory service

import type { JidNames } from '../describe/names.js';
import type { TraceEntry } from '../muc/trace.js';
import type { ScriptTarget } from '../scansion/target.js';
import { SimTarget } from '../sim/sim-target.js';
import type { World, WorldOptions } from '../sim/world.js';
import type { RoomView, SessionWorld, TransitionView } from './session-api.js';
import { roomViews, TransitionList } from './views.js';

export interface SimWorldOptions {
  /** Seed of the world's ids (generated resources, stanza ids): same seed, same trace. */
  seed?: number;
  /** Other world options (domain, admins, step time, features); the trace is always recorded. */
  world?: Omit<WorldOptions, 'seed' | 'trace'>;
}

export class SimWorld implements SessionWorld {
  readonly capabilities = { timeTravel: true } as const;
  readonly arrivalWord = 'delivered';
  private target!: SimTarget;
  /** The transitions of the current world, written as its trace grows. */
  private transitionList: TransitionList | undefined;

  constructor(private readonly options: SimWorldOptions) {}

  get extras(): readonly string[] {
    return this.options.world?.extras ?? [];
  }

  /** The current world (a new one after every `start()`). */
  get world(): World {
    return this.target.world;
  }

  get trace(): readonly TraceEntry[] {
    return this.target.world.trace.entries;
  }

  start(): ScriptTarget {
    this.target = new SimTarget({
      ...this.options.world,
      seed: this.options.seed ?? 1,
      trace: true,
    });
    this.transitionList = undefined;
    return this.target;
  }

  rooms(): RoomView[] {
    return roomViews(this.world.service);
  }

  transitions(names: JidNames): TransitionView[] {
    if (this.transitionList?.entries !== this.trace) {
      this.transitionList = new TransitionList(this.trace, names);
    }
    return this.transitionList.update(names);
  }

  domains(): { domain: string; mucDomain: string } {
    return { domain: this.world.domain, mucDomain: this.world.mucDomain };
  }

  nickIn(fullJid: string, room: string): string | undefined {
    return this.world.service.room(room)?.occupantBySession(fullJid)?.nick;
  }

  isRoom(bare: string): boolean {
    return this.world.service.room(bare) !== undefined;
  }

  async close(): Promise<void> {}
}
