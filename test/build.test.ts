// The shipped bundles: a small launcher, every command but the debugger in one code-cached file, the debugger's ink and @xmpp/client loaded only when used, stack traces naming src/ lines, and npm start rebuilding only when stale — the mucsim command for XEP-0045 rooms
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
type Metafile = { outputs: Record<string, Output>; inputs: Record<string, unknown> };

let builds: { launcher: Metafile; core: Metafile; esm: Metafile };

beforeAll(() => {
  if (!existsSync(ENTRY)) spawnSync('npm', ['run', 'build', '--silent'], { cwd: REPO_ROOT });
  builds = JSON.parse(readFileSync(METAFILE, 'utf8'));
});

const LESSON = 'scenarios/tutorial/01-create-and-configure.scs';
const HEAVY = /node_modules\/(ink|react|react-reconciler|yoga-layout|@xmpp)\//;
const TUI = /node_modules\/(ink|react|react-reconciler|yoga-layout)\//;

/** The output files Node loads for an output of the ES-module build, through static imports. */
function staticClosure(file: string, into = new Set<string>()): Set<string> {
  const outputs = builds.esm.outputs;
  if (into.has(file)) return into;
  into.add(file);
  for (const { path, kind } of outputs[file]?.imports ?? []) {
    if (kind === 'import-statement' && outputs[path]) staticClosure(path, into);
  }
  return into;
}

function esmOutputOf(entryPoint: string): string {
  const outputs = builds.esm.outputs;
  const found = Object.keys(outputs).find((file) => outputs[file]?.entryPoint === entryPoint);
  if (!found) throw new Error(`no output for ${entryPoint}`);
  return found;
}

/** The source files bundled into what `mucsim <command>` loads from dist/esm/ before it runs. */
function esmLoadedBy(command: string): string[] {
  const files = staticClosure(esmOutputOf(`src/cli/commands/${command}.ts`));
  staticClosure(esmOutputOf('src/cli/main.ts'), files);
  return [...files].flatMap((file) => Object.keys(builds.esm.outputs[file]?.inputs ?? {}));
}

/**
 * Runs the built mucsim with `Number.isInteger` throwing for 4242, so that `--seed 4242` makes
 * parseSeed (src/cli/options.ts) fail as a bug would: an internal error inside mucsim's code.
 */
function runWithBrokenSeedCheck(...args: string[]) {
  const broken =
    'data:text/javascript,const isInteger=Number.isInteger;Number.isInteger=(value)=>{if(value===4242)throw new Error("boom");return isInteger(value)}';
  return spawnSync(process.execPath, ['--import', broken, ENTRY, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, MUCSIM_DEBUG: '1' },
  });
}

describe('the bundles in dist/', () => {
  it('starts from a launcher that holds no command', () => {
    expect(Object.keys(builds.launcher.inputs).sort()).toEqual([
      'bin/core-loader.ts',
      'bin/mucsim.ts',
      'bin/stack-traces.ts',
      'src/cli/requested-command.ts',
    ]);
  });

  it('runs every command but the debugger from the core, which has no ink or react', () => {
    const inputs = Object.keys(builds.core.inputs);
    for (const command of [
      'run',
      'check',
      'explain',
      'trace',
      'diff',
      'fuzz',
      'machines',
      'serve',
    ]) {
      expect(inputs).toContain(`src/cli/commands/${command}.ts`);
    }
    expect(inputs).not.toContain('src/cli/commands/tui.ts');
    expect(inputs).not.toContain('src/cli/commands/serve-tui.ts');
    expect(inputs.filter((path) => TUI.test(path))).toEqual([]);
  });

  it('runs the core from V8’s code cache', () => {
    const probe = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const { loadCore } = await import('./dist/bin/core-loader.js');
         process.stdout.write(String(loadCore('dist').script.cachedDataRejected));`,
      ],
      { cwd: REPO_ROOT, encoding: 'utf8' },
    );
    expect(probe.stdout).toBe('false');
  });

  it.each(['run', 'check', 'explain', 'trace', 'diff', 'fuzz', 'machines', 'serve', 'tui'])(
    'loads neither ink, react nor @xmpp/client from dist/esm/ before `mucsim %s` runs',
    (command) => {
      expect(esmLoadedBy(command).filter((path) => HEAVY.test(path))).toEqual([]);
    },
  );

  it('keeps ink and @xmpp/client in ES-module chunks of their own, imported when used', () => {
    const dynamic = new Set(
      Object.values(builds.esm.outputs).flatMap((output) =>
        output.imports.filter((each) => each.kind === 'dynamic-import').map((each) => each.path),
      ),
    );
    expect(dynamic).toContain(esmOutputOf('src/tui/start-tui.tsx'));
    expect(dynamic).toContain(esmOutputOf('node_modules/@xmpp/client/index.js'));
  });

  it.each([
    ['the core', 'run'],
    ['the ES modules', 'tui'],
  ])(
    'names src/ files and lines in the stack trace of an internal error, from %s',
    (_, command) => {
      const run = runWithBrokenSeedCheck(command, '--seed', '4242', LESSON);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('mucsim: internal error: boom');
      expect(run.stderr).toMatch(/at .*parseSeed .*\(.*\/src\/cli\/options\.ts:\d+:\d+\)/);
      expect(run.stderr).not.toMatch(/dist\//);
    },
  );
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
