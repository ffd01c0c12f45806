// Runs every benchmark of a plan, each in a fresh process, and gathers the figures bench/results.json holds — the XEP-0045 simulator against its targets and a real Prosody
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { FanoutResult } from './fanout.js';
import type { FuzzBenchResult } from './fuzz.js';
import { inWorker, REPO_ROOT } from './harness.js';
import type { JoinStormResult } from './join-storm.js';
import {
  type LiveFanoutResult,
  type LiveSuiteResult,
  type LiveSuiteRun,
  liveUnavailable,
} from './live.js';
import type { Plan } from './plan.js';
import type { ServeResult } from './serve.js';
import type { StartupResult } from './startup.js';
import type { StepBackResult } from './step-back.js';
import type { SuiteResult } from './suite.js';
import type { TuiResult } from './tui.js';

/**
 * The simulator against one way of running Prosody, over the scripts that pass on both: a script
 * that fails live mostly waits out a `receives` timeout (2 s).
 */
export interface LiveComparison {
  passedBoth: number;
  liveMs: number;
  simMs: number;
  /** How many times faster the simulator ran them: Prosody's time over the simulator's. */
  speedup: number;
}

export type LiveResults =
  | {
      measured: true;
      suite: LiveSuiteResult;
      /** The simulator's time for the same scripts (sum of their warm medians). */
      simSuiteMs: number;
      fresh: LiveComparison;
      warm: LiveComparison;
      fanout: (LiveFanoutResult & { simDeliveriesPerSec: number; ratio: number })[];
    }
  | { measured: false; reason: string };

export interface BenchResults {
  date: string;
  quick: boolean;
  node: string;
  cpus: string;
  /** The machine's 1-minute load average at the start and at the end: how noisy the timings are. */
  load: string;
  suite: SuiteResult;
  startup: StartupResult;
  fanout: FanoutResult[];
  storm: JoinStormResult[];
  fuzz: FuzzBenchResult;
  /** Fan-out rate at the largest N over the rate at the smallest. */
  scaling: { traceOn: number; traceOff: number };
  memory: { bytesPerOccupant: number; bytesPerUser: number; traceBytesPerEntry: number };
  live: LiveResults;
  tui: TuiResult[];
  stepBack: StepBackResult[];
  serve: ServeResult;
}

function scalingOf(fanout: FanoutResult[], trace: boolean): number {
  const runs = fanout.filter((entry) => entry.trace === trace).sort((a, b) => a.n - b.n);
  return runs.at(-1)!.deliveriesPerSec / runs[0]!.deliveriesPerSec;
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

function compare(run: LiveSuiteRun, suite: SuiteResult): LiveComparison {
  const both = run.perScript.flatMap((script, index) => (script.passed ? [index] : []));
  const liveMs = sum(both.map((index) => run.perScript[index]!.ms));
  const simMs = sum(both.map((index) => suite.perScriptMs[index]!));
  return { passedBoth: both.length, liveMs, simMs, speedup: liveMs / simMs };
}

async function measureLive(plan: Plan, suite: SuiteResult, fanout: FanoutResult[]) {
  const reason = liveUnavailable();
  if (reason) return { measured: false, reason } satisfies LiveResults;
  const live = await inWorker('live-suite', { limit: plan.live.suiteLimit });
  // The simulator's time for the scripts that ran live (the first ones of the same list).
  const simSuiteMs = sum(suite.perScriptMs.slice(0, live.scripts));
  const rates = [];
  for (const n of plan.live.sizes) {
    const result = await inWorker('live-fanout', {
      n,
      deliveriesPerSample: plan.live.deliveriesPerSample,
      samples: plan.live.samples,
      warmup: 1,
    });
    const sim = fanout.find((entry) => entry.n === n && entry.trace)?.deliveriesPerSec;
    const simDeliveriesPerSec =
      sim ??
      (
        await inWorker('fanout', {
          n,
          trace: true,
          deliveriesPerSample: plan.fanout.deliveriesPerSample,
          samples: plan.fanout.samples,
          warmup: plan.fanout.warmup,
        })
      ).deliveriesPerSec;
    rates.push({
      ...result,
      simDeliveriesPerSec,
      ratio: simDeliveriesPerSec / result.deliveriesPerSec,
    });
  }
  return {
    measured: true,
    suite: live,
    simSuiteMs,
    fresh: compare(live.fresh, suite),
    warm: compare(live.warm, suite),
    fanout: rates,
  } satisfies LiveResults;
}

export async function collect(plan: Plan, log: (line: string) => void): Promise<BenchResults> {
  const loadAtStart = loadavg()[0]!;
  if (!existsSync(join(REPO_ROOT, 'dist/bin/mucsim.js'))) {
    throw new Error('dist/ is not built: run npm run build (npm run bench does)');
  }
  log('suite in one process…');
  const suite = await inWorker('suite', plan.suite);
  log('start-up: mucsim processes against node -e 0, first frames in a terminal…');
  const startup = await inWorker('startup', plan.startup);
  const fanout: FanoutResult[] = [];
  for (const n of plan.fanout.sizes) {
    for (const trace of n <= plan.fanout.tracedUpTo ? [true, false] : [false]) {
      log(`fan-out to ${n} occupants, trace ${trace ? 'on' : 'off'}…`);
      const { deliveriesPerSample, samples, warmup } = plan.fanout;
      fanout.push(await inWorker('fanout', { n, trace, deliveriesPerSample, samples, warmup }));
    }
  }
  const storm: JoinStormResult[] = [];
  for (const { size, trace, samples, warmup } of plan.storm) {
    log(`join storm of ${size}, trace ${trace ? 'on' : 'off'}…`);
    storm.push(await inWorker('storm', { n: size, trace, samples, warmup }));
  }
  log('fuzzing in memory…');
  const fuzz = await inWorker('fuzz', plan.fuzz);
  log('against Prosody…');
  const live = await measureLive(plan, suite, fanout);
  const tui: TuiResult[] = [];
  for (const stanzas of plan.tui.stanzas) {
    log(`TUI with ${stanzas} stanzas…`);
    tui.push(await inWorker('tui', { stanzas, presses: plan.tui.presses }));
  }
  const stepBack: StepBackResult[] = [];
  for (const steps of plan.stepBack.steps) {
    log(`one step back after ${steps} steps…`);
    stepBack.push(await inWorker('step-back', { steps, samples: plan.stepBack.samples }));
  }
  log('mucsim serve over TCP…');
  const serve = await inWorker('serve', plan.serve);
  const largest = (trace: boolean) =>
    fanout.filter((entry) => entry.trace === trace).reduce((a, b) => (b.n > a.n ? b : a));
  return {
    date: new Date().toISOString(),
    quick: plan.quick,
    node: process.version,
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
    load: `${loadAtStart.toFixed(2)} → ${loadavg()[0]!.toFixed(2)}`,
    suite,
    startup,
    fanout,
    storm,
    fuzz,
    scaling: { traceOn: scalingOf(fanout, true), traceOff: scalingOf(fanout, false) },
    memory: {
      bytesPerOccupant: largest(false).bytesPerOccupant,
      bytesPerUser: largest(false).bytesPerUser,
      traceBytesPerEntry: largest(true).traceBytesPerEntry ?? Number.NaN,
    },
    live,
    tui,
    stepBack,
    serve,
  };
}
