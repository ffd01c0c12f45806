// Exports for bug reports through the CLI: `mucsim trace` (json, jsonl, mermaid, scs) and `mucsim machines` — XEP-0045 scenarios as reports
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScript } from '../src/scansion/parser.js';
import { runScript } from '../src/scansion/runner.js';
import { SimTarget } from '../src/sim/sim-target.js';
import { runCli, tempFiles } from './helpers/cli.js';
import {
  checkSequenceDiagram,
  checkStateDiagram,
  decodeMermaid,
} from './helpers/mermaid-syntax.js';
import { describeFailure, prosodySuiteDir, REPO_ROOT, scriptsIn } from './helpers/suite.js';

const CREATE = `# Create a room; say #hello
[Client] Romeo
\tjid: romeo@localhost

-----

# Romeo creates the room
Romeo connects

Romeo sends:
\t<presence to='room@conference.localhost/Romeo'>
\t\t<x xmlns='http://jabber.org/protocol/muc'/>
\t</presence>

Romeo receives:
\t<presence from='room@conference.localhost/Romeo'>
\t\t<x xmlns='http://jabber.org/protocol/muc#user'>
\t\t\t<status code='201'/>
\t\t\t<item affiliation='owner' role='moderator' jid="\${Romeo's full JID}"/>
\t\t\t<status code='110'/>
\t\t</x>
\t</presence>

Romeo sends:
\t<message type='groupchat' to='room@conference.localhost'><body>a;b #c "quoted" &lt;tag&gt;</body></message>

Romeo disconnects
`;

const WRONG = CREATE.replace("role='moderator'", "role='visitor'");
const BROKEN = CREATE.replace('Romeo sends:', 'Romeo shouts:');

const suite = prosodySuiteDir();
const DEREGISTER = join(suite, 'muc_members_only_deregister.scs');
const ROOM = 'room@conference.localhost';

/** Runs a recorded .scs against a fresh simulator, as `mucsim run` would. */
async function replay(text: string, name: string) {
  return runScript(parseScript(text, name), new SimTarget(), {});
}

describe('mucsim trace --format json', () => {
  it('writes one JSON document with every entry and its cause, exit 0', async () => {
    const directory = tempFiles({ 'create.scs': CREATE });
    const run = await runCli(['trace', join(directory, 'create.scs'), '--format', 'json']);
    expect(run.code).toBe(0);
    const document = JSON.parse(run.stdout);
    expect(document.seed).toBe(1);
    expect(document.passed).toBe(true);
    expect(document.script).toMatch(/create\.scs$/);
    expect(document.clients[0]).toMatchObject({ name: 'Romeo', jid: 'romeo@localhost' });
    const inputs = new Set(
      document.entries
        .filter((entry: { kind: string }) => entry.kind === 'input')
        .map((entry: { seq: number }) => entry.seq),
    );
    const deliveries = document.entries.filter(
      (entry: { kind: string }) => entry.kind === 'delivery',
    );
    expect(deliveries.length).toBeGreaterThan(0);
    for (const delivery of deliveries) expect(inputs.has(delivery.cause)).toBe(true);
    expect(document.entries.map((entry: { kind: string }) => entry.kind)).toEqual(
      expect.arrayContaining(['connect', 'input', 'event', 'delivery', 'disconnect']),
    );
  });

  it('is deterministic: the same script gives the same bytes; another seed, other ids', async () => {
    const directory = tempFiles({ 'create.scs': CREATE });
    const path = join(directory, 'create.scs');
    const first = await runCli(['trace', path, '--format', 'json']);
    const second = await runCli(['trace', path, '--format', 'json']);
    expect(second.stdout).toBe(first.stdout);
    const other = await runCli(['trace', path, '--format', 'json', '--seed', '2']);
    expect(other.code).toBe(0);
    expect(other.stdout).not.toBe(first.stdout);
    expect(JSON.parse(other.stdout).seed).toBe(2);
  });

  it('writes to --output instead of standard output', async () => {
    const directory = tempFiles({ 'create.scs': CREATE });
    const output = join(directory, 'trace.json');
    const run = await runCli([
      'trace',
      join(directory, 'create.scs'),
      '--format',
      'json',
      '--output',
      output,
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(JSON.parse(readFileSync(output, 'utf8')).entries.length).toBeGreaterThan(0);
  });
});

describe('mucsim trace: exit codes and usage', () => {
  it('exports a failing script up to its failure, with exit code 1 and the failed step', async () => {
    const directory = tempFiles({ 'wrong.scs': WRONG });
    const run = await runCli(['trace', join(directory, 'wrong.scs'), '--format', 'json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).passed).toBe(false);
    expect(run.stderr).toMatch(/wrong\.scs:15: Romeo receives failed: /);
  });

  it('rejects an unknown format, a missing file and a broken script with exit code 2', async () => {
    const directory = tempFiles({ 'create.scs': CREATE, 'broken.scs': BROKEN });
    const format = await runCli(['trace', join(directory, 'create.scs'), '--format', 'xml']);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('Allowed choices are json, jsonl, mermaid, scs');
    const missing = await runCli(['trace', 'nowhere.scs']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nowhere.scs: no such file');
    const broken = await runCli(['trace', join(directory, 'broken.scs')]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/broken\.scs:\d+:\d+: /);
    const markdown = await runCli([
      'trace',
      join(directory, 'create.scs'),
      '--format',
      'scs',
      '--markdown',
    ]);
    expect(markdown.code).toBe(2);
    expect(markdown.stderr).toContain('--markdown applies to --format mermaid only');
  });

  it('is listed in mucsim --help with machines', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ {2}trace \[options\] <script>/m);
    expect(run.stdout).toMatch(/^ {2}machines \[options\]/m);
  });
});

describe('mucsim trace --format mermaid', () => {
  it('draws a well-formed sequence diagram with escaped labels and the narration', async () => {
    const directory = tempFiles({ 'create.scs': CREATE });
    const run = await runCli(['trace', join(directory, 'create.scs')]);
    expect(run.code).toBe(0);
    const checked = checkSequenceDiagram(run.stdout);
    expect(checked.errors).toEqual([]);
    expect(checked.participants).toEqual(['Romeo', ROOM]);
    expect(run.stdout).toContain('  title Create a room, say hello');
    expect(checked.notes).toContain('Romeo creates the room');
    const body = checked.labels.find((label) => label.includes('“'));
    expect(decodeMermaid(body ?? '')).toBe('message groupchat “a;b #c "quoted" <tag>”');
  });

  it('fences the diagram with --markdown', async () => {
    const directory = tempFiles({ 'create.scs': CREATE });
    const run = await runCli(['trace', join(directory, 'create.scs'), '--markdown']);
    expect(run.stdout.startsWith('```mermaid\nsequenceDiagram\n')).toBe(true);
    expect(run.stdout.endsWith('```\n')).toBe(true);
    expect(checkSequenceDiagram(run.stdout).errors).toEqual([]);
  });

  if (!existsSync(DEREGISTER)) {
    it.skip(`muc_members_only_deregister.scs (not found in ${suite}; set MUCSIM_PROSODY_SUITE)`, () => {});
  } else {
    it('draws muc_members_only_deregister.scs: two clients, the room, the 321 removal', async () => {
      const run = await runCli(['trace', DEREGISTER, '--format', 'mermaid']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('sequenceDiagram');
      const checked = checkSequenceDiagram(run.stdout);
      expect(checked.errors).toEqual([]);
      expect(checked.participants).toEqual(['Romeo', 'Juliet', ROOM]);
      expect(checked.labels.filter((label) => /\b321\b/.test(label))).toHaveLength(2);
      expect(checked.labels).toContain(
        'presence unavailable Juliet 321 removed: affiliation change',
      );
      expect(checked.notes).toContain('Juliet: member → none, participant → none (321)');
      expect(checked.notes).toContain("Tired of Romeo's company, Juliet unregisters from the room");
      for (const label of [...checked.labels, ...checked.notes]) {
        expect(label.replace(/#(?:\d+|[a-z]+);/g, '')).not.toMatch(/[;#]/);
      }
    });
  }
});

describe('mucsim trace --format scs', () => {
  it('re-records a script as a normalised .scs that replays green', async () => {
    const directory = tempFiles({ 'create.scs': CREATE });
    const run = await runCli(['trace', join(directory, 'create.scs'), '--format', 'scs']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('# Romeo creates the room');
    const result = await replay(run.stdout, 'recorded.scs');
    expect(result.passed, describeFailure(result)).toBe(true);
    const replayed = await runCli(['run', join(tempFiles({ 'r.scs': run.stdout }), 'r.scs')]);
    expect(replayed.code).toBe(0);
  });

  const scripts = [
    ...scriptsIn(suite),
    ...scriptsIn(join(REPO_ROOT, 'scenarios', 'tutorial')),
    ...scriptsIn(join(REPO_ROOT, 'scenarios', 'xep0045')),
  ];
  it.each(scripts.map((path) => [basename(path), path]))(
    '%s: the recording replays green and the diagram is well-formed',
    async (_name, path) => {
      const scs = await runCli(['trace', path, '--format', 'scs']);
      expect(scs.code, scs.stderr).toBe(0);
      const result = await replay(scs.stdout, `${basename(path)}.recorded.scs`);
      expect(result.passed, describeFailure(result)).toBe(true);
      const mermaid = await runCli(['trace', path, '--format', 'mermaid']);
      expect(checkSequenceDiagram(mermaid.stdout).errors).toEqual([]);
    },
  );
  if (scriptsIn(suite).length === 0) {
    it.skip(`the Prosody suite's recordings (not found at ${suite}; set MUCSIM_PROSODY_SUITE)`, () => {});
  }
});

describe('mucsim machines', () => {
  it('draws both machines as one well-formed stateDiagram-v2 by default', async () => {
    const run = await runCli(['machines']);
    expect(run.code).toBe(0);
    const checked = checkStateDiagram(run.stdout);
    expect(checked.errors).toEqual([]);
    for (const state of [
      'locked',
      'open',
      'destroyed',
      'joining',
      'present',
      'visitor',
      'participant',
      'moderator',
      'gone',
    ]) {
      expect(checked.states).toContain(state);
    }
  });

  it('draws one machine, fenced for Markdown', async () => {
    const run = await runCli([
      'machines',
      '--format',
      'mermaid',
      '--machine',
      'occupant',
      '--markdown',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('```mermaid\nstateDiagram-v2\n  [*] --> joining\n')).toBe(true);
    expect(run.stdout).not.toContain('locked');
    expect(checkStateDiagram(run.stdout).errors).toEqual([]);
  });

  it('writes a text outline', async () => {
    const run = await runCli(['machines', '--format', 'text']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^room machine\n {2}locked \(initial\) — /);
    expect(run.stdout).toContain('\noccupant machine\n');
    expect(run.stdout).toContain('occupant.admitted [role = visitor] → visitor');
    // A temporary room left empty is destroyed with nobody to send <destroy/> to.
    expect(run.stdout).toMatch(/destroyed \(final\) — .*<destroy\/>.*temporary room left empty/);
  });

  it('rejects an unknown format or machine with exit code 2', async () => {
    expect((await runCli(['machines', '--format', 'svg'])).code).toBe(2);
    expect((await runCli(['machines', '--machine', 'service'])).code).toBe(2);
    expect((await runCli(['machines', '--format', 'text', '--markdown'])).code).toBe(2);
  });
});

describe('mucsim trace --format jsonl', () => {
  it('writes one trace entry per line as the run goes, each with its cause', async () => {
    const directory = tempFiles({});
    const output = join(directory, 'trace.jsonl');
    const script = join(REPO_ROOT, 'scenarios', 'tutorial', '01-create-and-configure.scs');
    const run = await runCli(['trace', '--format', 'jsonl', '--output', output, script]);
    expect(run.code).toBe(0);
    const lines = readFileSync(output, 'utf8').trim().split('\n');
    const entries = lines.map((line) => JSON.parse(line));
    expect(entries.length).toBeGreaterThan(10);
    expect(entries.map((entry) => entry.seq)).toEqual(entries.map((_entry, index) => index + 1));
    const inputs = new Set(
      entries.filter((entry) => entry.kind === 'input').map((entry) => entry.seq),
    );
    for (const delivery of entries.filter((entry) => entry.kind === 'delivery')) {
      expect(inputs.has(delivery.cause)).toBe(true);
    }
  });
});
