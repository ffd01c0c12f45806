// `npm run bench -- --quick` runs every benchmark at small sizes and reports every figure; no timing is asserted — the XEP-0045 simulator's benchmarks (§7.2.3, §7.4)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BenchResults } from '../bench/results.js';
import type { Target } from '../bench/targets.js';
import { REPO_ROOT } from './helpers/suite.js';

type Written = BenchResults & { targets: Target[] };

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

  it('times the suite in one process and the mucsim processes', () => {
    expect(written.quick).toBe(true);
    expect(written.suite.passed).toBe(written.suite.scripts);
    expectFigures({ ...written.suite }, ['scripts', 'coldMs', 'warmMs', 'perScriptMedianMs']);
    expect(written.suite.perScriptMs).toHaveLength(written.suite.scripts);
    expectFigures({ ...written.cli }, ['runOneMs', 'runSuiteMs', 'helpMs']);
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
      expect(written.live.reason).toMatch(/prosody/i);
      expect(table).toContain('Against Prosody: not measured');
      return;
    }
    expectFigures({ ...written.live.suite }, ['scripts', 'ms']);
    expect(written.live.suite.perScript).toHaveLength(written.live.suite.scripts);
    expectFigures({ ...written.live }, ['simSuiteMs']);
    if (written.live.suite.passed > 0) {
      expectFigures({ ...written.live }, ['suiteRatio', 'passedLiveMs', 'passedSimMs']);
    }
    expect(written.live.fanout.length).toBeGreaterThanOrEqual(1);
    for (const entry of written.live.fanout) {
      expectFigures({ ...entry }, ['deliveriesPerSec', 'simDeliveriesPerSec', 'ratio']);
    }
  });

  it('measures the TUI: first frame and keypress to frame', () => {
    for (const entry of written.tui) {
      expectFigures({ ...entry }, ['stanzas', 'firstFrameMs', 'keyP50Ms', 'keyP95Ms', 'presses']);
    }
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

  it('prints the table with every target and its verdict', () => {
    for (const heading of [
      'Suite:',
      'Fan-out',
      'Join storm',
      'Prosody',
      'TUI',
      'mucsim serve',
      'Targets',
    ]) {
      expect(table).toContain(heading);
    }
    expect(written.targets.length).toBeGreaterThanOrEqual(11);
    for (const target of written.targets) {
      expect(Number.isFinite(target.value), target.name).toBe(true);
      expect(table).toContain(target.name);
    }
  });
});
