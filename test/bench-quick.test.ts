// `npm run bench -- --quick` runs every benchmark at small sizes and reports every figure; no timing is asserted — the XEP-0045 simulator's benchmarks (§7.2.3, §7.4)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Figure } from '../bench/figures.js';
import type { BenchResults } from '../bench/results.js';
import { prosodyMissing } from './helpers/prosody.js';
import { REPO_ROOT } from './helpers/suite.js';

type Written = BenchResults & { figures: Figure[] };

/** Each figure is a finite number, and above zero unless it is a difference of heap sizes. */
function expectFigures(value: Record<string, unknown>, keys: string[], signed = false): void {
  for (const key of keys) {
    expect(value[key], key).toEqual(expect.any(Number));
    expect(Number.isFinite(value[key]), key).toBe(true);
    // At the quick sizes a few occupants can weigh less than the garbage collector's noise.
    if (!signed) expect(value[key] as number, key).toBeGreaterThan(0);
  }
}

describe('npm run bench -- --quick', () => {
  let written: Written;
  let table: string;

  beforeAll(() => {
    if (!existsSync(join(REPO_ROOT, 'dist/bin/mucsim.js'))) {
      execFileSync('npm', ['run', 'build', '--silent'], { cwd: REPO_ROOT });
    }
    const out = join(mkdtempSync(join(tmpdir(), 'mucsim-bench-')), 'results.json');
    const run = spawnSync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', 'bench/run.ts', '--quick', '--out', out],
      { cwd: REPO_ROOT, encoding: 'utf8' },
    );
    if (run.status !== 0) throw new Error(`the quick benchmark failed:\n${run.stderr}`);
    table = run.stdout;
    written = JSON.parse(readFileSync(out, 'utf8')) as Written;
  }, 300_000);

  it('times the suite in one process', () => {
    expect(written.quick).toBe(true);
    expect(written.suite.passed).toBe(written.suite.scripts);
    expectFigures({ ...written.suite }, ['scripts', 'coldMs', 'warmMs', 'perScriptMedianMs']);
    expect(written.suite.perScriptMs).toHaveLength(written.suite.scripts);
  });

  it('times mucsim processes against node -e 0, and first frames in a terminal', () => {
    const { startup } = written;
    if (!startup.measured) {
      expect(startup.reason).toMatch(/terminal/);
      return;
    }
    for (const paired of [startup.help, startup.runOne, startup.runSuite]) {
      expectFigures({ ...paired }, ['medianMs', 'floorMs', 'ratio', 'ratioP25', 'ratioP75']);
      expect(paired.ratioP25).toBeLessThanOrEqual(paired.ratioP75);
    }
    for (const screen of [startup.tui, startup.startScript, startup.npmStart]) {
      expectFigures({ ...screen }, ['frameMs', 'frameMinMs', 'frameMaxMs']);
    }
    expect(startup.npmStart.command).toBe('npm start --silent');
  });

  it('measures fan-out with the trace on and off at every size, and the scaling', () => {
    const sizes = [...new Set(written.fanout.map((entry) => entry.n))];
    expect(sizes.length).toBeGreaterThanOrEqual(2);
    for (const entry of written.fanout) {
      expectFigures({ ...entry }, ['deliveriesPerSec', 'peakHeapBytes', 'peakRssBytes']);
      expectFigures({ ...entry }, ['bytesPerOccupant', 'bytesPerUser'], true);
      expect(entry.deliveries).toBe(entry.messages * entry.n);
      if (entry.trace) expectFigures({ ...entry }, ['traceBytesPerEntry'], true);
    }
    expect(written.fanout).toHaveLength(2 * sizes.length);
    expectFigures({ ...written.scaling }, ['traceOn', 'traceOff']);
    expectFigures(
      { ...written.memory },
      ['bytesPerOccupant', 'bytesPerUser', 'traceBytesPerEntry'],
      true,
    );
  });

  it('times join storms whose deliveries grow as N²', () => {
    expect(written.storm.length).toBeGreaterThanOrEqual(2);
    for (const entry of written.storm) {
      expectFigures({ ...entry }, ['ms', 'deliveries', 'deliveriesPerSec']);
      expect(entry.deliveries).toBeGreaterThanOrEqual(entry.n * (entry.n - 1));
    }
  });

  it('measures against Prosody, or says why not', () => {
    if (!written.live.measured) {
      expect(written.live.reason).toBe(prosodyMissing());
      const absent = written.figures.find((figure) => figure.section === 'Against Prosody');
      expect(absent?.verdict).toBe('not measured');
      const reason = prosodyMissing().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      expect(table).toMatch(new RegExp(` not measured +${reason}`));
      return;
    }
    const { suite } = written.live;
    expect(suite.prosody).toMatch(/^Prosody /);
    for (const run of [suite.fresh, suite.warm]) {
      expectFigures({ ...run }, ['ms']);
      expect(run.perScript).toHaveLength(suite.scripts);
    }
    expectFigures({ ...written.live }, ['simSuiteMs']);
    for (const comparison of [written.live.fresh, written.live.warm]) {
      if (comparison.passedBoth > 0)
        expectFigures({ ...comparison }, ['speedup', 'liveMs', 'simMs']);
    }
    expect(written.live.fanout.length).toBeGreaterThanOrEqual(1);
    for (const entry of written.live.fanout) {
      expectFigures({ ...entry }, ['deliveriesPerSec', 'simDeliveriesPerSec', 'ratio']);
    }
  });

  it('measures the TUI: first frame and keypress to frame, for every key', () => {
    for (const entry of written.tui) {
      expectFigures({ ...entry }, ['stanzas', 'firstFrameMs', 'keyP50Ms', 'keyP95Ms', 'presses']);
      expect(Object.keys(entry.byKey).map((label) => label.split(' ')[0])).toEqual([
        'k',
        'j',
        'G',
        'tab',
        'enter',
        '/',
        'b',
        'n',
      ]);
      for (const key of Object.values(entry.byKey))
        expectFigures({ ...key }, ['p95Ms', 'presses', 'drawP50Ms']);
    }
  });

  it('times one step back after more and more steps', () => {
    expect(written.stepBack.map((run) => run.steps)).toEqual([10, 30, 100]);
    for (const run of written.stepBack) expectFigures({ ...run }, ['backMs', 'worstMs', 'samples']);
    const ratio = written.figures.find((figure) => figure.name.startsWith('step back: cost at'));
    expect(ratio?.goal).toBe('≤ 2× (constant)');
    expect(ratio?.value).toBeCloseTo(written.stepBack[2]!.backMs / written.stepBack[0]!.backMs);
  });

  it('measures mucsim serve over TCP: join latency and stanzas per second', () => {
    expectFigures({ ...written.serve }, [
      'joinP50Ms',
      'joinP95Ms',
      'stanzasInPerSec',
      'stanzasOutPerSec',
      'recordedInPerSec',
    ]);
    expect(written.serve.stanzasOutPerSec).toBeCloseTo(
      written.serve.stanzasInPerSec * written.serve.occupants,
    );
  });

  it('prints every figure against its goal in one table, misses included', () => {
    expect(table).toMatch(/^Figure +measured +goal +verdict +details$/m);
    for (const figure of written.figures) {
      const row = table.split('\n').find((line) => line.startsWith(`  ${figure.name} `));
      expect(row, figure.name).toBeDefined();
      if (figure.verdict === 'missed') expect(row).toContain('MISSED');
      if (figure.verdict === 'met') expect(row).toMatch(/ met( |$)/);
      if (figure.goal) expect(row).toContain(figure.goal);
    }
    const goals = written.figures.filter((figure) => figure.goal !== '');
    expect(goals.length).toBeGreaterThanOrEqual(15);
    expect(table).toMatch(/\d+ goals met, \d+ missed, \d+ not measured here$/m);
  });

  it('says the million-stanza figures are not measured by the quick run', () => {
    const atScale = written.figures.filter((figure) => figure.name.startsWith('1,000,000'));
    expect(atScale.map((figure) => [figure.goal, figure.verdict])).toEqual([
      ['≤ 1,000 ms', 'not measured'],
      ['≤ 16 ms', 'not measured'],
    ]);
  });

  it('measures the memory per checkpoint of time travel, from the live heap', () => {
    const memory = written.figures.find((figure) => figure.name === 'memory per checkpoint');
    const measured = written.stepBack.at(-1)!;
    expect(measured.checkpoints).toBeGreaterThan(0);
    expect(memory?.value).toBe(measured.bytesPerCheckpoint);
    expect(Number.isFinite(memory?.value)).toBe(true);
    expect(memory?.detail).toContain(
      `with its ${measured.checkpoints} checkpoints against without`,
    );
  });
});
