// Every script's trace, in memory: scenarios/, the extras' and TUI fixtures and Prosody's suite, each as the JSON trace `mucsim trace --format json` writes — XEP-0045 scenarios (§7–§10), same script ⇒ same bytes
//
// `npx tsx test/helpers/trace-identity.ts record DIR` writes one trace per script into DIR;
// `… compare DIR` reruns them and names every script whose trace is not byte for byte the one
// in DIR (exit 1); `… hashes` rewrites test/fixtures/trace-hashes.json, which
// test/trace-identity.test.ts checks on every run.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { DebugSession } from '../../src/debugger/debug-session.js';
import { traceDocument } from '../../src/export/trace-document.js';
import { isExtra, type MucExtra } from '../../src/muc/extras.js';
import { parseScript } from '../../src/scansion/parser.js';
import { prosodySuiteDir, REPO_ROOT, scriptsIn } from './suite.js';

export const HASHES_FILE = join(REPO_ROOT, 'test/fixtures/trace-hashes.json');

export interface TracedScript {
  /** `scenarios/tutorial/01-….scs`, `test/fixtures/…`, or `prosody/<name>.scs` for the suite. */
  name: string;
  path: string;
  extras: MucExtra[];
}

/** The scripts whose traces must not change: ours (all of scenarios/), the fixtures, Prosody's suite. */
export function tracedScripts(): TracedScript[] {
  const ours = ['xep0045', 'tutorial', 'regressions'].flatMap((folder) =>
    scriptsIn(join(REPO_ROOT, 'scenarios', folder)),
  );
  const fixtures = ['extras', 'tui'].flatMap((folder) =>
    scriptsIn(join(REPO_ROOT, 'test/fixtures', folder)),
  );
  const local = [...ours, ...fixtures].map((path) => {
    const stem = basename(path, '.scs');
    return {
      name: relative(REPO_ROOT, path),
      path,
      extras: path.includes('/extras/') && isExtra(stem) ? [stem] : [],
    };
  });
  const suite = scriptsIn(prosodySuiteDir()).map((path) => ({
    name: `prosody/${basename(path)}`,
    path,
    extras: [],
  }));
  return [...local, ...suite];
}

/** The script run to its end (or first failure) on the simulator, seed 1: its JSON trace. */
export async function traceOf(script: TracedScript): Promise<string> {
  const parsed = parseScript(readFileSync(script.path, 'utf8'), basename(script.path));
  const session = DebugSession.fromScript(parsed, { seed: 1, world: { extras: script.extras } });
  await session.run();
  const passed = session.steps
    .slice(0, session.cursor)
    .every((step) => step.result?.status !== 'failed');
  return traceDocument({
    script: script.name,
    seed: 1,
    passed,
    clients: [],
    entries: session.trace,
  });
}

export function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

async function main(command: string | undefined, dir: string | undefined): Promise<number> {
  const scripts = tracedScripts();
  if (command === 'hashes') {
    const hashes: Record<string, string> = {};
    for (const script of scripts) hashes[script.name] = hashOf(await traceOf(script));
    writeFileSync(HASHES_FILE, `${JSON.stringify(hashes, null, 2)}\n`);
    process.stdout.write(`${scripts.length} trace hashes written to ${HASHES_FILE}\n`);
    return 0;
  }
  if ((command !== 'record' && command !== 'compare') || dir === undefined) {
    process.stderr.write(
      'usage: trace-identity.ts record|compare DIR, or trace-identity.ts hashes\n',
    );
    return 2;
  }
  const fileOf = (script: TracedScript) => join(dir, `${script.name.replace(/\//g, '__')}.json`);
  let differing = 0;
  for (const script of scripts) {
    const trace = await traceOf(script);
    if (command === 'record') {
      mkdirSync(dir, { recursive: true });
      writeFileSync(fileOf(script), trace);
      continue;
    }
    let before: string | undefined;
    try {
      before = readFileSync(fileOf(script), 'utf8');
    } catch {
      before = undefined;
    }
    if (before !== trace) {
      differing += 1;
      process.stdout.write(`${before === undefined ? 'new' : 'differs'}: ${script.name}\n`);
      writeFileSync(`${fileOf(script)}.after`, trace);
    }
  }
  const done = command === 'record' ? `recorded in ${dir}` : `${differing} traces differ`;
  process.stdout.write(`${scripts.length} scripts, ${done}\n`);
  return differing === 0 ? 0 : 1;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  process.exitCode = await main(process.argv[2], process.argv[3]);
}
