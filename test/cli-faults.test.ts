// The CLI when things go wrong around it: closed pipes, full disks, unwritable and unreadable paths, other encodings, escape sequences — the command line around XEP-0045 scenarios
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempFiles } from './helpers/cli.js';
import { REPO_ROOT } from './helpers/suite.js';

const BIN = join(REPO_ROOT, 'dist', 'bin', 'mucsim.js');
const TUTORIAL = join(REPO_ROOT, 'scenarios', 'tutorial');
const FIRST = join(TUTORIAL, '01-create-and-configure.scs');
const STACK_LINE = /^\s+at /m;
const ESC = '\u001b';

if (!existsSync(BIN)) {
  spawnSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: REPO_ROOT });
}

const GOOD = readFileSync(FIRST, 'utf8');

/** Runs the real binary; its standard output is read up to the first line, then closed. */
function firstLineThenClose(
  args: string[],
): Promise<{ code: number | null; line: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('node', [BIN, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    let line = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (line === '' && stdout.includes('\n')) {
        line = stdout.slice(0, stdout.indexOf('\n'));
        child.stdout.destroy();
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('close', (code) => resolve({ code, line, stderr }));
  });
}

describe('output that goes away', () => {
  it.each([
    ['run', ['run', TUTORIAL]],
    ['trace', ['trace', FIRST, '--format', 'jsonl']],
    ['fuzz', ['fuzz', '--stanzas', '20000']],
    ['tui without a terminal', ['tui', FIRST]],
  ])(
    '%s into a pipe closed after one line ends quietly with exit code 0',
    async (_, args) => {
      const run = await firstLineThenClose(args);
      expect(run.line).not.toBe('');
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
    },
    30_000,
  );

  it.each([
    ['run', ['run', FIRST]],
    ['trace', ['trace', FIRST]],
    ['explain', ['explain', '307']],
  ])('%s onto a full disk is an I/O error with exit code 2, not a failed test', (_, args) => {
    const full = openSync('/dev/full', 'w');
    const run = spawnSync('node', [BIN, ...args], {
      cwd: REPO_ROOT,
      stdio: ['ignore', full, 'pipe'],
      encoding: 'utf8',
    });
    expect(run.stderr).toBe(
      'mucsim: cannot write to standard output: no space left on device (ENOSPC)\n',
    );
    expect(run.status).toBe(2);
  });

  it('trace into a full file is an I/O error, not a failed step, and the device stays a device', async () => {
    // Through a link: a writer that renamed a file over its target would replace the link only.
    const full = join(tempFiles({}), 'full');
    symlinkSync('/dev/full', full);
    const jsonl = await runCli(['trace', FIRST, '--format', 'jsonl', '--output', full]);
    expect(jsonl.stderr).toBe(`mucsim: cannot write ${full}: no space left on device (ENOSPC)\n`);
    expect(jsonl.code).toBe(2);
    const record = await runCli(['tui', FIRST, '--record', full]);
    expect(record.stderr).toBe(`mucsim: cannot write ${full}: no space left on device (ENOSPC)\n`);
    expect(record.code).toBe(2);
    expect(lstatSync(full).isSymbolicLink()).toBe(true);
  });
});

describe('files that cannot be written', () => {
  it('tui --record to an unwritable path is refused before the first step', async () => {
    const run = await runCli(['tui', FIRST, '--record', '/no/such/directory/session.scs']);
    expect(run.stderr).toBe(
      'mucsim: cannot write /no/such/directory/session.scs: no such file or directory (ENOENT)\n',
    );
    expect(run.stdout).toBe('');
    expect(run.code).toBe(2);
  });

  it('trace and fuzz --output to a directory are I/O errors', async () => {
    const directory = tempFiles({});
    const trace = await runCli(['trace', FIRST, '--output', directory]);
    expect(trace.stderr).toMatch(/^mucsim: cannot write .*: is a directory \(EISDIR\)\n$/);
    expect(trace.code).toBe(2);
    const fuzz = await runCli([
      'fuzz',
      '--stanzas',
      '10',
      '--output',
      join(directory, 'x', 'y.scs'),
    ]);
    expect(fuzz.stderr).toMatch(/^mucsim: cannot write .*y\.scs: no such file or directory/);
    expect(fuzz.stdout).toBe('');
    expect(fuzz.code).toBe(2);
  });

  it('a recording without a terminal is a valid script after every step, and the exact one at the end', async () => {
    const directory = tempFiles({});
    const record = join(directory, 'session.scs');
    const run = await runCli(['tui', FIRST, '--record', record]);
    expect(run.code).toBe(0);
    const replay = await runCli(['run', '--strict-order', record]);
    expect(replay.stdout).toContain('1 passed, 0 failed');
  });
});

describe('a directory with files that cannot be read', () => {
  function mixedDirectory(): string {
    const directory = tempFiles({
      'a-good.scs': GOOD,
      'b-latin1.scs': '',
      'd-utf16.scs': '',
    });
    writeFileSync(join(directory, 'b-latin1.scs'), Buffer.from(`# caf\u00e9\n${GOOD}`, 'latin1'));
    writeFileSync(join(directory, 'd-utf16.scs'), Buffer.from(`\ufeff${GOOD}`, 'utf16le'));
    symlinkSync('c-loop.scs', join(directory, 'c-loop.scs'));
    symlinkSync('nowhere', join(directory, 'e-dangling.scs'));
    spawnSync('mkfifo', [join(directory, 'f-fifo.scs')]);
    mkdirSync(join(directory, 'z-later'));
    writeFileSync(join(directory, 'z-later', 'good.scs'), GOOD);
    return directory;
  }

  const problems = [
    /b-latin1\.scs:1:6: invalid UTF-8 at byte 5 \(0xE9\): scripts are UTF-8/,
    /c-loop\.scs: a loop of symbolic links \(ELOOP\)/,
    /d-utf16\.scs:1:1: the file is UTF-16LE, but scripts are UTF-8/,
    /e-dangling\.scs: no such file or directory \(ENOENT\)/,
    /f-fifo\.scs: not a regular file/,
  ];

  it('run reports each as an error and keeps every other result, in the pretty report', async () => {
    const run = await runCli(['run', mixedDirectory()]);
    for (const problem of problems) expect(run.stdout).toMatch(problem);
    expect(run.stdout).toContain('2 passed, 5 failed (7 scripts)');
    expect(run.code).toBe(2);
  });

  it.each(['tap', 'json', 'junit'])('and in the %s report', async (reporter) => {
    const run = await runCli(['run', '--reporter', reporter, mixedDirectory()]);
    expect(run.code).toBe(2);
    for (const problem of problems) {
      const escaped = reporter === 'junit' ? run.stdout.replaceAll('&#10;', '\n') : run.stdout;
      expect(escaped).toMatch(problem);
    }
    if (reporter === 'json') {
      const document = JSON.parse(run.stdout);
      expect([document.passed, document.failed]).toEqual([2, 5]);
    }
    if (reporter === 'junit') expect(run.stdout).toContain('tests="7" failures="5"');
    if (reporter === 'tap') expect(run.stdout.match(/^ok /gm)).toHaveLength(2);
  });

  it('check reports each with exit code 2 and checks the others', async () => {
    const check = await runCli(['check', mixedDirectory()]);
    for (const problem of problems) expect(check.stderr).toMatch(problem);
    expect(check.stdout.match(/^ok /gm)).toHaveLength(2);
    expect(check.code).toBe(2);
  });

  it('a device that never ends is read no further than the most a script may be', async () => {
    const run = await runCli(['check', '/dev/zero']);
    expect(run.stderr).toBe('/dev/zero: larger than 16777216 bytes, the most a script may be\n');
    expect(run.code).toBe(2);
  });

  it('a named symlink loop is reported as a loop', async () => {
    const directory = tempFiles({});
    symlinkSync('loop.scs', join(directory, 'loop.scs'));
    const run = await runCli(['run', join(directory, 'loop.scs')]);
    expect(run.stderr).toContain('loop.scs: a loop of symbolic links (ELOOP)');
    expect(run.code).toBe(2);
  });
});

describe('options and arguments', () => {
  it('mucsim alone prints the usage on standard error with exit code 2', async () => {
    const run = await runCli([]);
    expect(run.stderr).toContain('Usage: mucsim [options] [command]');
    expect(run.stdout).toBe('');
    expect(run.code).toBe(2);
  });

  it.each([[''], [' 1'], ['0x10'], ['1e3'], ['-1']])('--seed %j is a usage error', async (seed) => {
    const run = await runCli(['run', '--seed', seed, FIRST]);
    expect(run.stderr).toContain('expected a whole number from 0 to 4294967295');
    expect(run.code).toBe(2);
  });
});

describe('escape sequences from outside are shown, never sent to the terminal', () => {
  it.each([
    ['an unknown command', [`${ESC}]0;pwned${'\u0007'}`]],
    ['an unknown option', ['run', `--${ESC}[2J`]],
    ['an explain topic', ['explain', `${ESC}[31mred`]],
    ['a bad seed', ['run', '--seed', `${ESC}[5m`, FIRST]],
    ['a missing path', ['run', `${ESC}[31m.scs`]],
  ])('%s', async (_, args) => {
    const run = await runCli(args);
    expect(`${run.stdout}${run.stderr}`).not.toContain(ESC);
    expect(`${run.stdout}${run.stderr}`).toContain('\\x1b');
    expect(run.code).toBe(2);
  });

  it('a script file whose name holds an escape sequence', async () => {
    const directory = tempFiles({
      [`${ESC}[31mred.scs`]: GOOD.replace('receives:', 'receives: nothing\n\nRomeo receives:'),
    });
    const run = await runCli(['run', directory]);
    expect(run.stdout).not.toContain(ESC);
    expect(run.stdout).toContain('\\x1b[31mred.scs');
  });

  it('a 10 MB token is echoed cut to a bounded length', async () => {
    const directory = tempFiles({ 'long.scs': `${GOOD}\nRomeo ${'x'.repeat(10_000_000)}\n` });
    const run = await runCli(['check', directory]);
    expect(run.stderr.length).toBeLessThan(1000);
    expect(run.stderr).toContain('(10,000,000 characters)');
    const explain = await runCli(['explain', 'y'.repeat(1_000_000)]);
    expect(explain.stderr.length).toBeLessThan(1000);
    expect(explain.code).toBe(2);
  });

  it('no answer carries a stack trace', async () => {
    const directory = tempFiles({ 'x.scs': `[Client] ${ESC}\n` });
    for (const args of [
      ['check', directory],
      ['run', directory],
      ['tui', join(directory, 'x.scs')],
    ]) {
      const run = await runCli(args);
      expect(`${run.stdout}${run.stderr}`).not.toMatch(STACK_LINE);
      expect(readFileSync(join(directory, 'x.scs'), 'utf8')).toContain(ESC);
    }
  });
});
