// Test helper: the scripts the live tests play against Prosody 13 (the conformance suite and every bundled XEP-0045 scenario), and how many runs each gets
import { basename, join, relative } from 'node:path';
import { prosodySuiteDir, REPO_ROOT, scriptsIn } from './suite.js';

export interface LiveScript {
  /** `suite/<name>.scs` or the path under the repository, e.g. `scenarios/xep0045/01-disco-service.scs`. */
  key: string;
  path: string;
}

export const SCENARIO_FOLDERS = ['tutorial', 'xep0045', 'regressions'] as const;

export function suiteScripts(): LiveScript[] {
  return scriptsIn(prosodySuiteDir()).map((path) => ({ key: `suite/${basename(path)}`, path }));
}

/** Every `.scs` under scenarios/, by folder. */
export function bundledScenarios(): LiveScript[] {
  return SCENARIO_FOLDERS.flatMap((folder) =>
    scriptsIn(join(REPO_ROOT, 'scenarios', folder)).map((path) => ({
      key: relative(REPO_ROOT, path),
      path,
    })),
  );
}

/**
 * Runs per script, each on a fresh server: MUCSIM_LIVE_RUNS (default 1, what CI does). The
 * verification that every scenario passes 5 runs out of 5 is `MUCSIM_LIVE_RUNS=5 npx vitest run
 * test/live-prosody.test.ts`.
 */
export function liveRuns(): number {
  const raw = process.env.MUCSIM_LIVE_RUNS;
  if (raw === undefined || raw === '') return 1;
  const runs = Number(raw);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new Error(`MUCSIM_LIVE_RUNS must be a whole number of runs, 1 or more; got '${raw}'`);
  }
  return runs;
}
