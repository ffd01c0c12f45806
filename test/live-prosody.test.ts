// The conformance suite and every bundled scenario against a real Prosody 13, a fresh server per run: each must pass — XEP-0045 on the reference server
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { LiveTarget } from '../src/live/live-target.js';
import { parseScript } from '../src/scansion/parser.js';
import { runScript, type ScriptResult } from '../src/scansion/runner.js';
import { coverageRows } from './helpers/coverage-table.js';
import { bundledScenarios, liveRuns, suiteScripts } from './helpers/live-scripts.js';
import { describeOnProsody } from './helpers/on-prosody.js';
import { withProsody } from './helpers/prosody.js';
import { describeFailure, runFile } from './helpers/suite.js';

/** Live and simulated time per script, printed at the end (the figures in the docs). */
const timings: { key: string; liveMs: number; simMs: number; passed: number; runs: number }[] = [];
/** Whether each script passed every run on Prosody 13, by key (`scenarios/xep0045/…`). */
const outcomes = new Map<string, boolean>();

async function runLive(path: string, service: string): Promise<ScriptResult> {
  const script = parseScript(readFileSync(path, 'utf8'), basename(path));
  const target = new LiveTarget({ service });
  try {
    return await runScript(script, target, { timeoutMs: 2000 });
  } finally {
    await target.close();
  }
}

const runs = liveRuns();

describeOnProsody(`against a real Prosody 13, a fresh server per run (${runs} run(s) each)`, () => {
  afterAll(() => {
    if (timings.length === 0) return;
    const live = timings.reduce((sum, entry) => sum + entry.liveMs, 0);
    const sim = timings.reduce((sum, entry) => sum + entry.simMs, 0);
    const rows = timings.map(
      (entry) =>
        `  ${entry.passed}/${entry.runs} ${entry.liveMs.toFixed(0).padStart(6)} ms live ${entry.simMs.toFixed(1).padStart(6)} ms sim  ${entry.key}`,
    );
    console.log(
      `live Prosody: ${timings.filter((entry) => entry.passed === entry.runs).length}/${timings.length} scripts passed every run; ${live.toFixed(0)} ms live (server start and stop included) vs ${sim.toFixed(0)} ms simulated\n${rows.join('\n')}`,
    );
  });

  const cases = [...suiteScripts(), ...bundledScenarios()].map(
    ({ key, path }) => [key, path] as const,
  );
  it.each(cases)('%s', async (key, path) => {
    outcomes.set(key, false);
    const simStarted = performance.now();
    const simulated = await runFile(path);
    const simMs = performance.now() - simStarted;
    expect(simulated.passed, `on the simulator:\n${describeFailure(simulated)}`).toBe(true);
    const started = performance.now();
    const failures: string[] = [];
    for (let run = 0; run < runs; run += 1) {
      const result = await withProsody((server) => runLive(path, server.service));
      if (!result.passed) failures.push(`run ${run + 1}: ${describeFailure(result)}`);
    }
    const entry = { key, simMs, runs, passed: runs - failures.length };
    timings.push({ ...entry, liveMs: performance.now() - started });
    outcomes.set(key, failures.length === 0);
    expect(failures, `${key} on Prosody 13`).toEqual([]);
  });

  // Runs after the scripts: each row's live column says what its scenarios just did.
  it('docs/coverage.md: ✓ exactly where every scenario of the row passed every run', () => {
    const wrong: string[] = [];
    for (const row of coverageRows()) {
      const keys = row.scenarios.map((name) => `scenarios/${name}`);
      // A filtered run (vitest -t) leaves some out: only rows whose scenarios all ran are judged.
      if (!keys.every((key) => outcomes.has(key))) continue;
      const passed = keys.every((key) => outcomes.get(key) === true);
      if ((row.live === '✓') !== passed) {
        wrong.push(
          `§${row.section}: says ${row.live}, but the scenarios ${passed ? 'passed' : 'did not all pass'}`,
        );
      }
    }
    expect(wrong).toEqual([]);
  });
});
