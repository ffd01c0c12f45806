// Suite benchmark: the Prosody conformance suite and our scenarios in one process, cold and warm — XEP-0045 scenarios (§7–§10)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseScript } from '../src/scansion/parser.js';
import { runScript } from '../src/scansion/runner.js';
import { SimTarget } from '../src/sim/sim-target.js';
import { median, medianTime, REPO_ROOT } from './harness.js';

export interface SuiteResult {
  scripts: number;
  passed: number;
  /** The first pass in a fresh process (cold JIT): what `mucsim run` does. */
  coldMs: number;
  /** Median of the later passes. */
  warmMs: number;
  /** Median over the scripts of each script's median time in the later passes. */
  perScriptMedianMs: number;
  /** Each script's median time in the later passes, in `suiteFiles()` order. */
  perScriptMs: number[];
}

function scriptsUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return scriptsUnder(path);
      return name.endsWith('.scs') ? [path] : [];
    });
}

export function suiteDirs(): string[] {
  const prosody = resolve(
    REPO_ROOT,
    process.env.MUCSIM_PROSODY_SUITE ?? '../shared/scansion/prosody',
  );
  return [prosody, join(REPO_ROOT, 'scenarios')];
}

/** Every script of MUCSIM_PROSODY_SUITE and scenarios/**, as file paths. */
export function suiteFiles(): string[] {
  return suiteDirs().flatMap(scriptsUnder);
}

export async function measureSuite(options: { samples: number; warmup: number }) {
  const files = suiteFiles().map((path) => ({ path, text: readFileSync(path, 'utf8') }));
  const times = files.map((): number[] => []);
  let passed = 0;
  const runAll = async () => {
    passed = 0;
    for (const [index, file] of files.entries()) {
      const started = performance.now();
      const result = await runScript(parseScript(file.text, basename(file.path)), new SimTarget());
      times[index]!.push(performance.now() - started);
      if (result.passed) passed += 1;
    }
  };
  const coldStart = performance.now();
  await runAll();
  const coldMs = performance.now() - coldStart;
  const coldPassed = passed;
  const warmMs = await medianTime(runAll, options);
  const perScript = times.map((passes) => median(passes.slice(1)));
  return {
    scripts: files.length,
    passed: coldPassed,
    coldMs,
    warmMs,
    perScriptMedianMs: median(perScript),
    perScriptMs: perScript,
  } satisfies SuiteResult;
}
