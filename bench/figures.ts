// Every figure of the benchmark with its goal and verdict, one list for the table and bench/results.json — the XEP-0045 simulator's speed (§7.2.3, §7.4), start-up and debugger
import type { BenchResults } from './results.js';
import type { PairedTimes, ScreenTimes } from './startup.js';
import type { TuiResult } from './tui.js';

/** `no goal`: context for the figures around it. `not measured`: not on this machine. */
export type Verdict = 'met' | 'missed' | 'no goal' | 'not measured';

export interface Figure {
  section: string;
  name: string;
  /** The measured value as the table shows it; `—` when there is none. */
  shown: string;
  value: number | null;
  /** `≤ 1.5× node -e 0`, `≥ 1,000,000`…; empty when the figure has no goal. */
  goal: string;
  verdict: Verdict;
  /** By how much the goal is missed (`1.93×`, `332 ms`), when it is and there is a value. */
  missedBy?: string;
  /** What else the measurement says (spread, absolute time, runs), or why there is no value. */
  detail?: string;
}

const count = (value: number) => Math.round(value).toLocaleString('en');
const ms = (value: number) => `${Math.abs(value) < 10 ? value.toFixed(2) : value.toFixed(0)} ms`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const bytes = (value: number) => `${value.toFixed(0)} B`;
const times = (value: number) => `${value.toFixed(2)}×`;

/** Builds the figures of one section. */
class Section {
  readonly figures: Figure[] = [];
  constructor(private readonly name: string) {}

  info(name: string, value: number, shown: string, detail?: string): this {
    const figure: Figure = { section: this.name, name, shown, value, goal: '', verdict: 'no goal' };
    if (detail) figure.detail = detail;
    this.figures.push(figure);
    return this;
  }

  /** A figure whose goal is `value ≤ limit` (`atMost`) or `value ≥ limit`. */
  goal(
    name: string,
    value: number,
    shown: string,
    goal: {
      atMost?: number;
      atLeast?: number;
      text: string;
      gap: (by: number) => string;
      detail?: string;
    },
  ): this {
    const limit = goal.atMost ?? goal.atLeast ?? Number.NaN;
    const met = goal.atMost !== undefined ? value <= limit : value >= limit;
    const figure: Figure = {
      section: this.name,
      name,
      shown,
      value,
      goal: goal.text,
      verdict: met ? 'met' : 'missed',
    };
    if (!met) figure.missedBy = goal.gap(Math.abs(value - limit));
    if (goal.detail) figure.detail = goal.detail;
    this.figures.push(figure);
    return this;
  }

  /** A figure whose goal is missed without a value: what should appear never did. */
  never(name: string, goal: string, detail: string): this {
    const { name: section } = this;
    this.figures.push({
      section,
      name,
      shown: 'never',
      value: null,
      goal,
      verdict: 'missed',
      detail,
    });
    return this;
  }

  /** A figure that could not be measured (`detail` says why). */
  absent(name: string, goal: string, detail: string): this {
    const verdict = 'not measured';
    const { name: section } = this;
    this.figures.push({ section, name, shown: '—', value: null, goal, verdict, detail });
    return this;
  }
}

function paired(times: PairedTimes): string {
  const spread = `${times.ratioP25.toFixed(2)}–${times.ratioP75.toFixed(2)}`;
  return `${ms(times.medianMs)} against ${ms(times.floorMs)}; quartiles ${spread}; ${times.pairs} pairs`;
}

function screen(run: ScreenTimes): string {
  return `range ${ms(run.frameMinMs)}–${ms(run.frameMaxMs)}; ${run.samples} runs`;
}

const FIRST_FRAME = 'debugger’s first frame on lesson 1';
const TITLE = 'npm start again: lesson 1’s title on screen';

function startupFigures(results: BenchResults): Figure[] {
  const { startup } = results;
  const section = new Section('Start-up: whole processes, against node -e 0 in the same run');
  if (!startup.measured) {
    return section
      .absent('mucsim --help', '≤ 1.5× node -e 0', startup.reason)
      .absent('mucsim run <one script>', '≤ 2× node -e 0', startup.reason)
      .absent(FIRST_FRAME, '≤ 500 ms', startup.reason)
      .absent(TITLE, '≤ 3 s', startup.reason).figures;
  }
  const gap = (by: number) => `${by.toFixed(2)}×`;
  const { help, runOne, runSuite, tui, startScript, npmStart } = startup;
  section
    .goal('mucsim --help', help.ratio, times(help.ratio), {
      atMost: 1.5,
      text: '≤ 1.5× node -e 0',
      gap,
      detail: paired(help),
    })
    .goal(`mucsim run ${runOne.script}`, runOne.ratio, times(runOne.ratio), {
      atMost: 2,
      text: '≤ 2× node -e 0',
      gap,
      detail: paired(runOne),
    })
    .info('mucsim run <suite and scenarios>', runSuite.medianMs, ms(runSuite.medianMs))
    .goal(FIRST_FRAME, tui.frameMs, ms(tui.frameMs), {
      atMost: 500,
      text: '≤ 500 ms',
      gap: ms,
      detail: `node dist/bin/mucsim.js tui, ${startup.size}, from spawn; ${screen(tui)}`,
    })
    .goal(
      'npm start without a rebuild: first frame after the binary’s',
      startup.startScriptExtraMs,
      ms(startup.startScriptExtraMs),
      {
        atMost: 50,
        text: '≤ 50 ms later',
        gap: ms,
        detail: `node scripts/start.mjs ${ms(startScript.frameMs)}, run for run against the binary`,
      },
    )
    .info(
      'npm start: first frame, npm’s own start-up included',
      npmStart.frameMs,
      ms(npmStart.frameMs),
      screen(npmStart),
    );
  if (npmStart.titleMs === null) {
    section.never(TITLE, '≤ 3 s', `"${startup.title}" never appeared`);
  } else {
    section.goal(TITLE, npmStart.titleMs, ms(npmStart.titleMs), {
      atMost: 3000,
      text: '≤ 3 s',
      gap: ms,
      detail: 'dist/ up to date',
    });
  }
  return section.figures;
}

function simulatorFigures(results: BenchResults): Figure[] {
  const { suite } = results;
  const section = new Section(`Simulator: ${suite.scripts} scripts (${suite.passed} pass)`)
    .goal('suite in one process, first pass (cold)', suite.coldMs, ms(suite.coldMs), {
      atMost: 1000,
      text: '≤ 1 s',
      gap: ms,
    })
    .info('suite in one process, warm pass (median)', suite.warmMs, ms(suite.warmMs))
    .info('one script (median)', suite.perScriptMedianMs, ms(suite.perScriptMedianMs));
  for (const entry of results.fanout) {
    const label = `fan-out to ${count(entry.n)}, trace ${entry.trace ? 'on' : 'off'}, deliveries/s`;
    const limit = entry.trace ? 300_000 : 1_000_000;
    section.goal(label, entry.deliveriesPerSec, count(entry.deliveriesPerSec), {
      atLeast: limit,
      text: `≥ ${count(limit)}`,
      gap: count,
      detail: `peak heap ${mb(entry.peakHeapBytes)}, RSS ${mb(entry.peakRssBytes)}`,
    });
  }
  const { memory, scaling } = results;
  section
    .goal(
      'heap per occupant, trace off (largest N)',
      memory.bytesPerOccupant,
      bytes(memory.bytesPerOccupant),
      {
        atMost: 1024,
        text: '≤ 1,024 B',
        gap: bytes,
      },
    )
    .info('heap per connected user (largest N)', memory.bytesPerUser, bytes(memory.bytesPerUser))
    .goal(
      'heap per trace entry (largest N)',
      memory.traceBytesPerEntry,
      bytes(memory.traceBytesPerEntry),
      {
        atMost: 300,
        text: '≤ 300 B',
        gap: bytes,
      },
    );
  for (const key of ['traceOn', 'traceOff'] as const) {
    const name = `fan-out scaling, largest N ÷ smallest N, trace ${key === 'traceOn' ? 'on' : 'off'}`;
    section.goal(name, scaling[key], scaling[key].toFixed(2), {
      atLeast: 0.8,
      text: '≥ 0.8',
      gap: (by) => by.toFixed(2),
    });
  }
  for (const entry of results.storm) {
    section.info(
      `join storm of ${count(entry.n)}, trace ${entry.trace ? 'on' : 'off'}`,
      entry.ms,
      ms(entry.ms),
      `${count(entry.deliveriesPerSec)} deliveries/s`,
    );
  }
  return section.figures;
}

/** `mucsim fuzz` in memory: five times the 10,000 stanzas/s of the fuzzer before its invariants were rewritten. */
const FUZZ_GOAL = 50_000;

function fuzzFigures(results: BenchResults): Figure[] {
  const { fuzz } = results;
  const seeds = `seeds ${fuzz.seeds.join(', ')}, ${count(fuzz.stanzas)} stanzas each`;
  return new Section('mucsim fuzz in memory: every invariant after every step')
    .goal('stanzas/s, wall (median)', fuzz.stanzasPerSec, count(fuzz.stanzasPerSec), {
      atLeast: FUZZ_GOAL,
      text: `≥ ${count(FUZZ_GOAL)}`,
      gap: count,
      detail: seeds,
    })
    .info('stanzas/s, CPU time (median)', fuzz.stanzasPerCpuSec, count(fuzz.stanzasPerCpuSec))
    .info('invariant checks per stanza', fuzz.checksPerStanza, fuzz.checksPerStanza.toFixed(1))
    .figures;
}

function liveFigures(results: BenchResults): Figure[] {
  const { live } = results;
  if (!live.measured) {
    return new Section('Against Prosody').absent(
      'the suite and scenarios on Prosody',
      '',
      live.reason,
    ).figures;
  }
  const { suite } = live;
  const section = new Section(`Against ${suite.prosody}: ${suite.scripts} scripts, live transport`);
  const comparison = (run: typeof live.fresh, label: string) =>
    section.info(
      `${label}: simulator ÷ Prosody, speed`,
      run.speedup,
      times(run.speedup),
      `the ${run.passedBoth} passing on both: Prosody ${ms(run.liveMs)}, simulator ${ms(run.simMs)}`,
    );
  section.info(
    'scripts passing on a fresh server each / on one warm server',
    suite.fresh.passed,
    `${suite.fresh.passed} / ${suite.warm.passed}`,
    `of ${suite.scripts}`,
  );
  comparison(live.fresh, 'each script on a fresh server');
  comparison(live.warm, 'all scripts on one warm server');
  for (const entry of live.fanout) {
    section.info(
      `fan-out to ${count(entry.n)}: simulator ÷ Prosody, deliveries/s`,
      entry.ratio,
      times(entry.ratio),
      `${count(entry.simDeliveriesPerSec)} against ${count(entry.deliveriesPerSec)}`,
    );
  }
  return section.figures;
}

/** The trace size whose goals are per key: a person's keys on a million stanzas. */
const AT_SCALE = 1_000_000;
const SCALE_GOALS = { frame: 1_000, key: 16 };

/** A trace of up to 100,000 stanzas: the first frame and every key together. */
function moderateFigures(section: Section, entry: TuiResult): void {
  const size = `${count(entry.stanzas)} stanzas`;
  section
    .goal(`${size}: first frame`, entry.firstFrameMs, ms(entry.firstFrameMs), {
      atMost: 500,
      text: '≤ 500 ms',
      gap: ms,
    })
    .info(`${size}: key → frame p50`, entry.keyP50Ms, ms(entry.keyP50Ms))
    .goal(`${size}: key → frame p95`, entry.keyP95Ms, ms(entry.keyP95Ms), {
      atMost: 50,
      text: '≤ 50 ms',
      gap: ms,
    });
}

/** A million stanzas: the first frame, and each key's p95 against one frame at 60 Hz. */
function atScaleFigures(section: Section, entry: TuiResult | undefined, reason: string): void {
  const frameGoal = `≤ ${count(SCALE_GOALS.frame)} ms`;
  const keyGoal = `≤ ${SCALE_GOALS.key} ms`;
  const size = '1,000,000 stanzas';
  if (!entry) {
    section
      .absent(`${size}: first frame`, frameGoal, reason)
      .absent(`${size}: key → frame p95 (n, b, j/k, G, /, enter)`, keyGoal, reason);
    return;
  }
  const detail = `${count(entry.stanzas)} stanzas counted`;
  section.goal(`${size}: first frame`, entry.firstFrameMs, ms(entry.firstFrameMs), {
    atMost: SCALE_GOALS.frame,
    text: frameGoal,
    gap: ms,
    detail,
  });
  for (const [label, { p50Ms, p95Ms, presses, drawP50Ms }] of Object.entries(entry.byKey)) {
    section.goal(`${size}: p95, ${label}`, p95Ms, ms(p95Ms), {
      atMost: SCALE_GOALS.key,
      text: keyGoal,
      gap: ms,
      detail: `median ${ms(p50Ms)}, of which ink draws the screen ${ms(drawP50Ms)}; ${presses} presses`,
    });
  }
}

/** The goal of "constant time": the cost at the largest size at most twice that at the smallest. */
const CONSTANT = 2;

function stepBackFigures(section: Section, results: BenchResults): void {
  const runs = [...results.stepBack].sort((a, b) => a.steps - b.steps);
  for (const run of runs) {
    const from =
      run.checkpoints === 0
        ? 'no checkpoint yet: from a fresh world'
        : `from ${count(run.checkpoints)} checkpoints, one every ${run.checkpointEvery} steps`;
    section.info(
      `step back one step at step ${count(run.steps)}`,
      run.backMs,
      ms(run.backMs),
      `median of ${run.samples} in a row, worst ${ms(run.worstMs)}; ${from}`,
    );
  }
  const first = runs[0];
  const last = runs.at(-1);
  if (first && last && last !== first) {
    const ratio = last.backMs / first.backMs;
    section.goal(
      `step back: cost at step ${count(last.steps)} ÷ at step ${count(first.steps)}`,
      ratio,
      times(ratio),
      {
        atMost: CONSTANT,
        text: `≤ ${CONSTANT}× (constant)`,
        gap: (by) => `${by.toFixed(1)}×`,
        detail: `medians; b restores the checkpoint at or before the step and replays at most ${last.checkpointEvery - 1} steps`,
      },
    );
  }
  const measured = runs.filter((run) => run.bytesPerCheckpoint !== null).at(-1);
  if (measured?.bytesPerCheckpoint == null) {
    section.absent('memory per checkpoint', '', 'no checkpoint taken in this run');
    return;
  }
  const session =
    measured.sessionBytes === null ? '' : `; the session without: ${mb(measured.sessionBytes)}`;
  section.info(
    'memory per checkpoint',
    measured.bytesPerCheckpoint,
    `${(measured.bytesPerCheckpoint / 1024).toFixed(1)} KiB`,
    `live heap after gc at step ${count(measured.steps)}, with its ${count(measured.checkpoints)} checkpoints against without${session}`,
  );
}

function debuggerFigures(results: BenchResults): Figure[] {
  const section = new Section('Debugger: synthetic trace, 160×48, in one process');
  const atScale = results.tui.find((entry) => (entry.asked ?? entry.stanzas) >= AT_SCALE);
  for (const entry of results.tui) if (entry !== atScale) moderateFigures(section, entry);
  atScaleFigures(section, atScale, 'the quick run measures small traces only');
  stepBackFigures(section, results);
  return section.figures;
}

function serveFigures(results: BenchResults): Figure[] {
  const { serve } = results;
  return new Section('mucsim serve over TCP (@xmpp/client, raw sockets)')
    .info(`connect → joined, p50 of ${serve.clients} clients`, serve.joinP50Ms, ms(serve.joinP50Ms))
    .info('connect → joined, p95', serve.joinP95Ms, ms(serve.joinP95Ms))
    .info(
      'stanzas in/s, one sender',
      serve.stanzasInPerSec,
      count(serve.stanzasInPerSec),
      `${count(serve.messages)} messages`,
    )
    .info(
      'stanzas out/s',
      serve.stanzasOutPerSec,
      count(serve.stanzasOutPerSec),
      `to ${serve.occupants} occupants`,
    )
    .info('stanzas in/s with --record', serve.recordedInPerSec, count(serve.recordedInPerSec))
    .figures;
}

export function collectFigures(results: BenchResults): Figure[] {
  return [
    ...startupFigures(results),
    ...simulatorFigures(results),
    ...fuzzFigures(results),
    ...liveFigures(results),
    ...debuggerFigures(results),
    ...serveFigures(results),
  ];
}
