// The shipped bundle: commands load only their own chunks, stack traces name src/ lines, and npm start rebuilds only when stale — the mucsim command for XEP-0045 rooms
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENTRY, METAFILE, staleBecause } from '../scripts/build.mjs';
import { REPO_ROOT } from './helpers/suite.js';

interface Output {
  entryPoint?: string;
  imports: { path: string; kind: string }[];
  inputs: Record<string, unknown>;
}

let outputs: Record<string, Output>;

beforeAll(() => {
  if (!existsSync(ENTRY)) spawnSync('npm', ['run', 'build', '--silent'], { cwd: REPO_ROOT });
  outputs = (JSON.parse(readFileSync(METAFILE, 'utf8')) as { outputs: Record<string, Output> })
    .outputs;
});

/** The output files Node loads for an output, through its static imports. */
function staticClosure(file: string, into = new Set<string>()): Set<string> {
  if (into.has(file)) return into;
  into.add(file);
  for (const { path, kind } of outputs[file]?.imports ?? []) {
    if (kind === 'import-statement' && outputs[path]) staticClosure(path, into);
  }
  return into;
}

function outputOf(entryPoint: string): string {
  const found = Object.keys(outputs).find((file) => outputs[file]?.entryPoint === entryPoint);
  if (!found) throw new Error(`no output for ${entryPoint}`);
  return found;
}

/** The source files bundled into what `mucsim <command>` loads before it runs. */
function loadedBy(command?: string): string[] {
  const files = staticClosure('dist/bin/mucsim.js', staticClosure(outputOf('src/cli/main.ts')));
  if (command) staticClosure(outputOf(`src/cli/commands/${command}.ts`), files);
  return [...files].flatMap((file) => Object.keys(outputs[file]?.inputs ?? {}));
}

const HEAVY = /node_modules\/(ink|react|react-reconciler|yoga-layout|@xmpp)\//;

describe('the bundle in dist/', () => {
  it('starts `mucsim --help` with commander and the command table only', () => {
    const sources = loadedBy().filter((path) => !path.startsWith('node_modules/'));
    expect(sources.sort()).toEqual([
      'bin/mucsim.ts',
      'src/cli/io.ts',
      'src/cli/main.ts',
      'src/cli/program.ts',
    ]);
    const packages = loadedBy().filter((path) => path.startsWith('node_modules/'));
    expect(packages.filter((path) => !path.startsWith('node_modules/commander/'))).toEqual([]);
  });

  it.each(['run', 'check', 'explain', 'trace', 'diff', 'fuzz', 'machines', 'tui'])(
    'loads neither ink, react nor @xmpp/client before `mucsim %s` runs',
    (command) => {
      expect(loadedBy(command).filter((path) => HEAVY.test(path))).toEqual([]);
    },
  );

  it('keeps ink and @xmpp/client in chunks of their own, imported when used', () => {
    const dynamic = new Set(
      Object.values(outputs).flatMap((output) =>
        output.imports.filter((each) => each.kind === 'dynamic-import').map((each) => each.path),
      ),
    );
    expect(dynamic).toContain(outputOf('src/tui/start-tui.tsx'));
    expect(dynamic).toContain(outputOf('node_modules/@xmpp/client/index.js'));
  });

  it('names src/ files and lines in the stack trace of an internal error', () => {
    // Standard output that throws: an internal error inside mucsim's own code.
    const throwingStdout =
      'data:text/javascript,process.stdout.write=()=>{throw new Error("boom")}';
    const run = spawnSync(process.execPath, ['--import', throwingStdout, ENTRY, '--help'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, MUCSIM_DEBUG: '1' },
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('mucsim: internal error: boom');
    expect(run.stderr).toMatch(/at Object\.out \(.*\/src\/cli\/io\.ts:\d+:\d+\)/);
    expect(run.stderr).toMatch(/at main \(.*\/src\/cli\/main\.ts:\d+:\d+\)/);
  });
});

describe('npm start', () => {
  it('rebuilds only when a bundled source is newer than dist/', () => {
    const source = join(REPO_ROOT, 'src/cli/program.ts');
    const restore = [ENTRY, source].map((path) => ({ path, ...statSync(path) }));
    const hourFromNow = Date.now() + 3_600_000;
    try {
      utimesSync(ENTRY, new Date(), new Date(hourFromNow));
      expect(staleBecause()).toBeUndefined();
      utimesSync(source, new Date(), new Date(hourFromNow + 60_000));
      expect(staleBecause()).toBe('src/cli/program.ts');
    } finally {
      for (const { path, atime, mtime } of restore) utimesSync(path, atime, mtime);
    }
  });
});
