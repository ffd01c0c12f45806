// How much each benchmark measures: the full run, and the quick one that only checks the benchmarks work — XEP-0045 fan-out (§7.4) and join storms (§7.2.3)
export interface Plan {
  quick: boolean;
  suite: { samples: number; warmup: number };
  /** Pairs of runs against `node -e 0`, and first frames in a terminal. */
  startup: { pairs: number; frames: number };
  fanout: {
    sizes: number[];
    /**
     * The largest room also measured with the trace on: filling a room of n traces about n²
     * presences (each joiner gets the occupant list and everyone its presence), 50 million
     * entries for 10,000, more than a worker's heap holds.
     */
    tracedUpTo: number;
    deliveriesPerSample: number;
    samples: number;
    warmup: number;
  };
  storm: { size: number; trace: boolean; samples: number; warmup: number }[];
  fuzz: { stanzas: number; seeds: number[]; warmup: number };
  live: { suiteLimit?: number; sizes: number[]; deliveriesPerSample: number; samples: number };
  tui: { stanzas: number[]; presses: number };
  /** Step counts after which steps back are timed, and how many in a row (at least K). */
  stepBack: { steps: number[]; samples: number };
  /** mucsim serve over TCP: clients that connect and join, and a burst into a room of `occupants`. */
  serve: { clients: number; occupants: number; messages: number };
}

export const FULL: Plan = {
  quick: false,
  suite: { samples: 10, warmup: 3 },
  startup: { pairs: 30, frames: 10 },
  fanout: {
    sizes: [100, 1_000, 10_000],
    tracedUpTo: 1_000,
    deliveriesPerSample: 50_000,
    samples: 20,
    warmup: 5,
  },
  storm: [
    { size: 100, trace: true, samples: 10, warmup: 2 },
    { size: 1_000, trace: true, samples: 3, warmup: 1 },
    { size: 100, trace: false, samples: 10, warmup: 2 },
    { size: 1_000, trace: false, samples: 3, warmup: 1 },
    { size: 5_000, trace: false, samples: 1, warmup: 0 },
  ],
  fuzz: { stanzas: 30_000, seeds: [1, 2, 3], warmup: 1 },
  live: { sizes: [100, 1_000], deliveriesPerSample: 5_000, samples: 5 },
  tui: { stanzas: [10_000, 100_000, 1_000_000], presses: 50 },
  stepBack: { steps: [10, 1_000, 10_000, 100_000], samples: 16 },
  serve: { clients: 50, occupants: 10, messages: 2_000 },
};

export const QUICK: Plan = {
  quick: true,
  suite: { samples: 2, warmup: 1 },
  startup: { pairs: 2, frames: 1 },
  fanout: { sizes: [10, 40], tracedUpTo: 40, deliveriesPerSample: 400, samples: 3, warmup: 1 },
  storm: [
    { size: 10, trace: true, samples: 2, warmup: 1 },
    { size: 30, trace: false, samples: 2, warmup: 1 },
  ],
  fuzz: { stanzas: 500, seeds: [1], warmup: 0 },
  live: { suiteLimit: 2, sizes: [5], deliveriesPerSample: 50, samples: 2 },
  tui: { stanzas: [500], presses: 3 },
  stepBack: { steps: [10, 30, 100], samples: 2 },
  serve: { clients: 3, occupants: 2, messages: 20 },
};
