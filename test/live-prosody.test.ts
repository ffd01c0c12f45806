// The conformance suite and our scenarios against a real Prosody 0.12: which pass is recorded in test/fixtures (docs/prosody-0.12-differences.md) — XEP-0045 on a real server
import { readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LiveTarget } from '../src/live/live-target.js';
import { parseScript } from '../src/scansion/parser.js';
import { runScript, type ScriptResult } from '../src/scansion/runner.js';
import { findProsody, withProsody } from './helpers/prosody.js';
import {
  describeFailure,
  prosodySuiteDir,
  REPO_ROOT,
  runFile,
  scriptsIn,
} from './helpers/suite.js';

interface Expectation {
  lines: number[];
  flaky?: boolean;
  cause: string;
  reason: string;
}

const fixture = JSON.parse(
  readFileSync(join(REPO_ROOT, 'test/fixtures/prosody-0.12-expected-failures.json'), 'utf8'),
) as { scripts: Record<string, Expectation> };

const suite = scriptsIn(prosodySuiteDir()).map((path) => ({
  key: `suite/${basename(path)}`,
  path,
}));
const scenarios = ['tutorial', 'xep0045', 'regressions'].flatMap((folder) =>
  scriptsIn(join(REPO_ROOT, 'scenarios', folder)).map((path) => ({
    key: relative(REPO_ROOT, path),
    path,
  })),
);

/** Live and simulated time per script, printed at the end (the figures in the docs). */
const timings: { key: string; liveMs: number; simMs: number; passed: boolean }[] = [];

async function runLive(path: string, service: string): Promise<ScriptResult> {
  const script = parseScript(readFileSync(path, 'utf8'), basename(path));
  const target = new LiveTarget({ service });
  try {
    return await runScript(script, target, { timeoutMs: 2000 });
  } finally {
    await target.close();
  }
}

function firstFailedLine(result: ScriptResult): number | undefined {
  return result.steps.find((step) => step.status === 'failed')?.action.line;
}

/** The outcome is not the recorded one. */
function surprise(result: ScriptResult, expected: Expectation | undefined): boolean {
  if (!expected) return !result.passed;
  if (result.passed) return expected.flaky !== true;
  return !expected.lines.includes(firstFailedLine(result) ?? -1);
}

const prosody = findProsody();

if (!prosody) {
  console.warn('live Prosody tests skipped: prosody is not installed (scripts/install-prosody.sh)');
  describe.skip('against a real Prosody (prosody is not installed: run scripts/install-prosody.sh as root, or apt-get install prosody)', () => {
    it('is skipped', () => {});
  });
} else {
  describe('against a real Prosody 0.12, a fresh server per script', () => {
    afterAll(() => {
      if (timings.length === 0) return;
      const live = timings.reduce((sum, entry) => sum + entry.liveMs, 0);
      const sim = timings.reduce((sum, entry) => sum + entry.simMs, 0);
      const passed = timings.filter((entry) => entry.passed).length;
      const rows = timings.map(
        (entry) =>
          `  ${entry.passed ? 'pass' : 'FAIL'} ${entry.liveMs.toFixed(0).padStart(5)} ms live ${entry.simMs.toFixed(1).padStart(6)} ms sim  ${entry.key}`,
      );
      console.log(
        `live Prosody: ${passed}/${timings.length} scripts passed; ${live.toFixed(0)} ms live (server start and stop included) vs ${sim.toFixed(0)} ms simulated\n${rows.join('\n')}`,
      );
    });

    const cases = [...suite, ...scenarios].map(({ key, path }) => [key, path] as const);
    it.each(cases)('%s', async (key, path) => {
      const expected = fixture.scripts[key];
      const simStarted = performance.now();
      await runFile(path);
      const simMs = performance.now() - simStarted;
      const started = performance.now();
      let result = await withProsody((server) => runLive(path, server.service));
      timings.push({ key, liveMs: performance.now() - started, simMs, passed: result.passed });
      // Prosody sends some presences in Lua table order: an outcome other than the recorded one
      // must happen twice in a row to fail the test.
      if (surprise(result, expected)) {
        console.warn(
          `${key}: unexpected outcome on Prosody, running it again:\n${describeFailure(result)}`,
        );
        result = await withProsody((server) => runLive(path, server.service));
      }
      const failedAt = firstFailedLine(result);
      if (!expected) {
        expect(result.passed, `expected to pass on Prosody 0.12:\n${describeFailure(result)}`).toBe(
          true,
        );
        return;
      }
      if (result.passed) {
        expect(
          expected.flaky,
          `${key} passes on Prosody 0.12 now: remove it from test/fixtures/prosody-0.12-expected-failures.json and docs/prosody-0.12-differences.md`,
        ).toBe(true);
        return;
      }
      expect(
        expected.lines,
        `${key} fails at another step than recorded (${expected.reason}):\n${describeFailure(result)}`,
      ).toContain(failedAt);
    });

    it('records only scripts that exist', () => {
      const known = new Set(cases.map(([key]) => key));
      const unknown = Object.keys(fixture.scripts).filter(
        (key) => !known.has(key) && (key.startsWith('scenarios/') || suite.length > 0),
      );
      expect(unknown).toEqual([]);
    });
  });
}
