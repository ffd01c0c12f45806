// Every measurement of `npm run bench` by name, each run in its own process by bench/worker.ts — the XEP-0045 simulator's benchmarks (§7.2.3, §7.4)
import { measureFanout } from './fanout.js';
import { measureFuzz } from './fuzz.js';
import { measureJoinStorm } from './join-storm.js';
import { measureLiveFanout, measureLiveSuite } from './live.js';
import { measureServe } from './serve.js';
import { measureStartup } from './startup.js';
import { measureStepBack } from './step-back.js';
import { measureSuite } from './suite.js';
import { measureTui } from './tui.js';

export const MEASUREMENTS = {
  suite: measureSuite,
  startup: measureStartup,
  fanout: measureFanout,
  storm: measureJoinStorm,
  fuzz: measureFuzz,
  'live-suite': measureLiveSuite,
  'live-fanout': measureLiveFanout,
  serve: measureServe,
  tui: (options: { stanzas: number; presses: number }) =>
    measureTui(options.stanzas, options.presses),
  'step-back': (options: { steps: number; samples: number }) =>
    measureStepBack(options.steps, options.samples),
};

export type MeasurementKind = keyof typeof MEASUREMENTS;
export type MeasurementOptions<K extends MeasurementKind> = Parameters<(typeof MEASUREMENTS)[K]>[0];
export type MeasurementResult<K extends MeasurementKind> = Awaited<
  ReturnType<(typeof MEASUREMENTS)[K]>
>;
