// Join-storm benchmark: N users enter one room one after the other; each gets the occupant list and everyone sees each arrival, so deliveries grow as N² — XEP-0045 §7.2.3
import { type Crowd, connectCrowd, joinPresence } from './crowd.js';
import { medianTime } from './harness.js';

export interface JoinStormOptions {
  n: number;
  trace: boolean;
  samples: number;
  warmup: number;
}

export interface JoinStormResult {
  n: number;
  trace: boolean;
  /** Median time for the N-1 joins after the owner's. */
  ms: number;
  deliveries: number;
  deliveriesPerSec: number;
}

export async function measureJoinStorm(options: JoinStormOptions): Promise<JoinStormResult> {
  let crowd: Crowd | undefined;
  let before = 0;
  let deliveries = 0;
  const sampleMs = await medianTime(
    () => {
      for (let index = 1; index < options.n; index += 1) {
        crowd!.world.send(crowd!.jids[index]!, joinPresence(`user${index}`));
      }
    },
    {
      samples: options.samples,
      warmup: options.warmup,
      beforeEach: () => {
        crowd = undefined; // the previous world is garbage before the next one is built
        crowd = connectCrowd(options.n, options.trace);
        before = crowd.delivered();
      },
      afterEach: () => {
        deliveries = crowd!.delivered() - before;
      },
    },
  );
  return {
    n: options.n,
    trace: options.trace,
    ms: sampleMs,
    deliveries,
    deliveriesPerSec: deliveries / (sampleMs / 1000),
  };
}
