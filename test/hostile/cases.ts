// The hostile inputs tried on every command, as an attacker and a careless user would: files, arguments, servers and outputs — the command line around XEP-0045 scenarios
import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';

export interface HostileCase {
  /** What was tried, for the report. */
  name: string;
  args: string[];
  /** Exit codes that are a right answer for this input. */
  codes: readonly number[];
  /** Where standard output goes: a pipe read to the end, one closed after the first line, or /dev/full. */
  stdout?: 'pipe' | 'first-line' | 'full';
  /** A file for standard input (none: stdin is closed, never a terminal). */
  stdin?: string;
}

const ESC = '\u001b';
const USAGE = [2] as const;
const RUNS = [0, 1] as const;

/** Files an attacker or a careless user points mucsim at, in a fresh directory. */
export function hostileFiles(repo: string): { directory: string; files: string[] } {
  const directory = mkdtempSync(join(tmpdir(), 'mucsim-hostile-'));
  const good = readFileSync(join(repo, 'scenarios/tutorial/01-create-and-configure.scs'), 'utf8');
  const write = (name: string, content: string | Buffer) => {
    writeFileSync(join(directory, name), content);
    return join(directory, name);
  };
  const files = [
    write('good.scs', good),
    write('failing.scs', good.replace("role='moderator'", "role='visitor'")),
    write('garbage.scs', Buffer.from([...Array(4096).keys()].map((index) => (index * 7919) % 256))),
    write('nul.scs', `${good.slice(0, 100)}\u0000${good.slice(100)}`),
    write('big.scs', `${good}\n# ${'x'.repeat(17 * 1024 * 1024)}\n`),
    write('long-token.scs', `${good}\nRomeo ${'y'.repeat(10_000_000)}\n`),
    write('deep.scs', good.replace('<body>', `<body>${'<a>'.repeat(200_000)}`)),
    write('wide.scs', good.replace('<body>', `<body>${'<a/>'.repeat(200_000)}`)),
    write(
      'many-clients.scs',
      `${Array.from({ length: 3000 }, (_, index) => `[Client] C${index}\n\tjid: c${index}@localhost\n`).join('')}-----\nC0 connects\n`,
    ),
    write('escape-name.scs', good.replaceAll('Romeo', `Ro${ESC}[2Jmeo`)),
    write('bidi.scs', good.replace('<body>', '<body>\u202eevil\u202c')),
    write('crlf.scs', good.replaceAll('\n', '\r\n')),
    write('bom.scs', `\ufeff${good}`),
    write('utf16.scs', Buffer.from(`\ufeff${good}`, 'utf16le')),
    write('latin1.scs', Buffer.from(`# caf\u00e9\n${good}`, 'latin1')),
    // biome-ignore lint/suspicious/noTemplateCurlyInString: scansion's own ${…} syntax
    write('cdata-variable.scs', good.replace('<body>', "<body><![CDATA[${Romeo's JID}]]>")),
    write('entity-variable.scs', good.replace('<body>', '<body>&#36;{Mercutio&apos;s JID}')),
    write('empty.scs', ''),
    write('only-comments.scs', '# title\n# description\n## tag\n'),
  ];
  for (const [index, mutated] of mutations(good).entries()) {
    files.push(write(`mutated-${index}.scs`, mutated));
  }
  symlinkSync('/dev/full', join(directory, 'full-disk'));
  symlinkSync('loop.scs', join(directory, 'loop.scs'));
  symlinkSync('nowhere.scs', join(directory, 'dangling.scs'));
  spawnSync('mkfifo', [join(directory, 'fifo.scs')]);
  mkdirSync(join(directory, 'dir.scs'));
  files.push(join(directory, 'loop.scs'), join(directory, 'dangling.scs'));
  return { directory, files };
}

/** Seeded edits of a good script: deleted, inserted, duplicated and swapped pieces. */
function mutations(text: string): string[] {
  const edit = fc.tuple(
    fc.nat(),
    fc.constantFrom(
      '',
      '<',
      '>',
      '&',
      '"',
      "'",
      '${',
      '}',
      '\t',
      '\n',
      '-----\n',
      '[Client] X\n',
      'nothing',
      '</x>',
      ESC,
    ),
    fc.integer({ min: 0, max: 30 }),
  );
  return fc
    .sample(fc.array(edit, { minLength: 1, maxLength: 6 }), { seed: 45, numRuns: 40 })
    .map((edits) =>
      edits.reduce((result, [at, insert, remove]) => {
        const position = at % Math.max(result.length, 1);
        return result.slice(0, position) + insert + result.slice(position + remove);
      }, text),
    );
}

/** Every case: each file on each command that reads one, then arguments, servers and outputs. */
export function hostileCases(
  files: readonly string[],
  directory: string,
  servers: { silent: string; http: string; closed: string },
): HostileCase[] {
  const good = files[0] as string;
  const cases: HostileCase[] = [];
  const add = (
    name: string,
    args: string[],
    codes: readonly number[],
    extra: Partial<HostileCase> = {},
  ) => cases.push({ name, args, codes, ...extra });
  for (const file of files) {
    const shown = file.startsWith(directory) ? file.slice(directory.length + 1) : file;
    add(`check ${shown}`, ['check', file], [0, 2]);
    add(`run ${shown}`, ['run', file], [0, 1, 2]);
    add(`trace ${shown}`, ['trace', file, '--format', 'json'], [0, 1, 2]);
    add(`tui ${shown} (no terminal)`, ['tui', file], [0, 1, 2]);
  }
  for (const reporter of ['pretty', 'tap', 'json', 'junit']) {
    add(
      `run the directory --reporter ${reporter}`,
      ['run', '--reporter', reporter, directory],
      USAGE,
    );
  }
  add('check the directory', ['check', directory], USAGE);
  add('run /dev/zero', ['run', '/dev/zero'], USAGE);
  add('run a directory named .scs', ['run', join(directory, 'dir.scs')], USAGE);
  add('run a path too long', ['run', `${'a'.repeat(5000)}.scs`], USAGE);
  add('run a path with an escape', ['run', `${ESC}]0;owned\u0007.scs`], USAGE);
  add('run a script from stdin', ['run', '/dev/stdin'], RUNS, {
    stdin: good,
  });
  for (const seed of [
    '',
    ' ',
    '-1',
    '1e3',
    '0x10',
    '4294967296',
    '99999999999999999999',
    'NaN',
    `${ESC}[5m`,
  ]) {
    add(`run --seed ${JSON.stringify(seed)}`, ['run', '--seed', seed, good], USAGE);
  }
  for (const timeout of ['0', '-1', 'abc', '1e9s', '600001ms', '']) {
    add(`run --timeout ${JSON.stringify(timeout)}`, ['run', '--timeout', timeout, good], USAGE);
  }
  for (const server of [
    'xmpp://',
    'http://localhost',
    'xmpp://[::1',
    'xmpp://host:99999',
    'xmpp://a b',
    '',
    servers.silent,
    servers.http,
    servers.closed,
  ]) {
    add(
      `run --server ${JSON.stringify(server)}`,
      ['run', '--server', server, '--timeout', '500ms', good],
      USAGE,
    );
    add(
      `diff --server ${JSON.stringify(server)}`,
      ['diff', good, '--server', server, '--timeout', '500ms'],
      USAGE,
    );
    add(`tui --server ${JSON.stringify(server)}`, ['tui', good, '--server', server], USAGE);
  }
  for (const domain of ['', '@', 'a/b', ' '])
    add(`run --domain ${JSON.stringify(domain)}`, ['run', '--domain', domain, good], USAGE);
  add('diff without --server', ['diff', good], USAGE);
  for (const format of ['pdf', '', 'json', 'jsonl', 'mermaid', 'scs']) {
    add(
      `trace --format ${JSON.stringify(format)}`,
      ['trace', good, '--format', format],
      format === 'pdf' || format === '' ? USAGE : RUNS,
    );
  }
  add('trace --markdown --format json', ['trace', good, '--markdown', '--format', 'json'], USAGE);
  // A link to /dev/full, never the device itself: a writer that renames a file over its
  // target would replace the link, not the machine's /dev/full.
  const full = join(directory, 'full-disk');
  for (const output of [full, '/no/such/dir/x', directory, '']) {
    add(`trace --output ${output}`, ['trace', good, '--output', output], USAGE);
    add(
      `trace --format jsonl --output ${output}`,
      ['trace', good, '--format', 'jsonl', '--output', output],
      USAGE,
    );
    add(`tui --record ${output}`, ['tui', good, '--record', output], USAGE);
    // No violation in 100 stanzas: nothing is written, so a full disk is fine.
    add(
      `fuzz --output ${output}`,
      ['fuzz', '--stanzas', '100', '--output', output],
      output === full ? [0] : USAGE,
    );
  }
  for (const [option, value] of [
    ['--stanzas', '0'],
    ['--stanzas', '-1'],
    ['--stanzas', 'abc'],
    ['--stanzas', '1e3'],
    ['--stanzas', '100000001'],
    ['--users', '0'],
    ['--users', '51'],
    ['--rooms', '0'],
    ['--rooms', '51'],
    ['--shrink-seconds', '0'],
    ['--seed', ''],
  ] as const) {
    add(`fuzz ${option} ${JSON.stringify(value)}`, ['fuzz', option, value], USAGE);
  }
  add('fuzz --check-determinism', ['fuzz', '--stanzas', '2000', '--check-determinism'], [0]);
  for (const topic of [
    '',
    '§',
    '§999',
    '307 308',
    'y'.repeat(100_000),
    `${ESC}[31m`,
    '\u202e307',
    'status',
    'kick',
    '😀',
  ]) {
    add(`explain ${JSON.stringify(topic.slice(0, 20))}`, ['explain', topic], [0, 2]);
  }
  add('explain --list extra', ['explain', '--list', 'extra'], [0, 2]);
  for (const args of [
    ['--format', 'svg'],
    ['--machine', 'nope'],
    ['--markdown', '--format', 'text'],
    ['extra'],
  ]) {
    add(`machines ${args.join(' ')}`, ['machines', ...args], USAGE);
  }
  add('machines --format text', ['machines', '--format', 'text'], [0]);
  add('tui without a script and without a terminal', ['tui'], USAGE);
  for (const args of [
    [],
    ['--help'],
    ['--version'],
    ['help', 'run'],
    ['help', 'nope'],
    ['nope'],
    ['--nope'],
    [`${ESC}[2J`],
    ['run'],
  ]) {
    const informational =
      args[0] === '--help' || args[0] === '--version' || (args[0] === 'help' && args[1] === 'run');
    add(`mucsim ${args.join(' ')}`, args, informational ? [0] : USAGE);
  }
  for (const args of [
    ['run', good],
    ['trace', good, '--format', 'jsonl'],
    ['fuzz', '--stanzas', '5000'],
    ['tui', good],
    ['explain', '--list'],
    ['machines'],
    ['check', good],
  ]) {
    add(`${args[0]} | head -1`, args, [0], { stdout: 'first-line' });
    add(`${args[0]} > /dev/full`, args, USAGE, { stdout: 'full' });
  }
  return cases;
}

/** The bad-input corpus's scripts: each is also tried on every command that reads a script. */
export function corpusScripts(repo: string): string[] {
  const folder = join(repo, 'test/fixtures/bad');
  return readdirSync(folder)
    .filter((name) => name.endsWith('.scs'))
    .map((name) => join(folder, name));
}

/** The scripts we ship, to check that every one still answers cleanly. */
export function shippedScripts(repo: string): string[] {
  return ['scenarios/tutorial', 'scenarios/xep0045'].flatMap((folder) =>
    readdirSync(join(repo, folder))
      .filter((name) => name.endsWith('.scs'))
      .map((name) => join(repo, folder, name)),
  );
}
