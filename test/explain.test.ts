// `mucsim explain` as a user meets it, plus the guards around src/explain: generated XEP-0045 table up to date, own words, pure module, tutorial citations
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wrap } from '../src/cli/commands/explain.js';
import { explain, listTopics, XEP_SECTIONS } from '../src/explain/index.js';
import { parseScript } from '../src/scansion/parser.js';
import { runCli } from './helpers/cli.js';
import { REPO_ROOT, scriptsIn } from './helpers/suite.js';

const XEP_DIR = join(REPO_ROOT, '..', 'shared', 'xep-0045');
const hasXep = existsSync(join(XEP_DIR, 'xep-0045.xml'));
const ESC = '\u001b[';

describe('mucsim explain', () => {
  it('explains a status code with its sections, examples and a Prosody line', async () => {
    const run = await runCli(['explain', '307']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('Status 307: kicked');
    expect(lines[1]).toBe('XEP-0045 §8.2, §7.2.18 · Examples 43, 90, 92');
    expect(run.stdout).toContain('a moderator set their role to none');
    expect(run.stdout).toMatch(/^Prosody: informs the remaining occupants first/m);
    expect(run.stdout).toMatch(/^See also: §8\.2, 333, not-allowed$/m);
  });

  it('accepts a topic in several words', async () => {
    const run = await runCli(['explain', 'status', 'code', '307']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('Status 307: kicked');
  });

  it('explains an error condition and where Prosody answers differently', async () => {
    const run = await runCli(['explain', 'forbidden']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('Error <forbidden/> (type auth)');
    expect(run.stdout.replace(/\n/g, ' ')).toContain('Examples 28, 87, 135, 164, 184, 199, 204');
    expect(run.stdout).toMatch(/^Prosody: answers not-allowed, not forbidden/m);
  });

  it('explains a section by number, with or without §', async () => {
    const withMark = await runCli(['explain', '§9.4']);
    const without = await runCli(['explain', '9.4']);
    expect(withMark.code).toBe(0);
    expect(without.stdout).toBe(withMark.stdout);
    expect(withMark.stdout).toMatch(
      /^XEP-0045 §9\.4 Revoking Membership\nXEP-0045 §9\.4 · Examples 124–128\n/,
    );
    expect(withMark.stdout).toContain('321');
  });

  it('explains a use case by its everyday name', async () => {
    const run = await runCli(['explain', 'kick']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('XEP-0045 §8.2 Kicking an Occupant');
  });

  it('explains a role with its glyph and what it may and may not do', async () => {
    const run = await runCli(['explain', 'visitor']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^Role: visitor\nXEP-0045 §5\.1, §5\.1\.1, §5\.1\.2, §5\.1\.3 · glyph "\."\n/,
    );
    expect(run.stdout).toMatch(/^May: be present in the room;/m);
    expect(run.stdout).toMatch(/^May not: .*send messages to/m);
  });

  it('explains an affiliation, and tells "role none" from "affiliation none"', async () => {
    const outcast = await runCli(['explain', 'outcast']);
    expect(outcast.stdout).toMatch(/^Affiliation: outcast\n.*glyph "!"/);
    expect(outcast.stdout).not.toMatch(/^May: /m);
    const role = await runCli(['explain', 'role', 'none']);
    const affiliation = await runCli(['explain', 'affiliation', 'none']);
    expect(role.stdout.split('\n')[0]).toBe('Role: none');
    expect(affiliation.stdout.split('\n')[0]).toBe('Affiliation: none');
  });

  it('rejects an unknown topic with suggestions on stderr and exit code 2', async () => {
    const run = await runCli(['explain', 'forbiden']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('no topic "forbiden". Did you mean: forbidden');
    expect(run.stderr).toContain('mucsim explain --list');
  });

  it('offers both meanings of a bare "none"', async () => {
    const run = await runCli(['explain', 'none']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Did you mean: role none, affiliation none');
  });

  it('says nothing helpful is near for nonsense, still with exit code 2', async () => {
    const run = await runCli(['explain', 'xyzzy']);
    expect(run.code).toBe(2);
    expect(run.stderr).not.toContain('Did you mean');
  });

  it('asks for a topic when given none', async () => {
    const run = await runCli(['explain']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('name a topic');
  });

  it('lists every topic by kind with --list', async () => {
    const run = await runCli(['explain', '--list']);
    expect(run.code).toBe(0);
    for (const heading of ['Status codes (§12)', 'Error conditions', 'Sections', 'Roles (§5.1)']) {
      expect(run.stdout).toContain(`${heading}\n`);
    }
    expect(run.stdout).toMatch(/^ {2}307 {2}kicked \(§8\.2\): removed by a moderator/m);
    expect(run.stdout).toMatch(/^ {2}§10\.9 +Destroying a Room$/m);
    expect(run.stdout).toMatch(/^ {2}outcast +! {2}banned: may not enter$/m);
    expect(run.stdout).not.toContain('§14.3');
    const listed = run.stdout.split('\n').filter((line) => /^ {2}\S/.test(line));
    expect(listed).toHaveLength(listTopics().length);
  });

  it('is listed in the main help', async () => {
    const run = await runCli(['--help']);
    expect(run.stdout).toMatch(/explain \[options\] \[topic\.\.\.\]/);
  });

  it('has no colour with NO_COLOR or without a terminal, and colour with FORCE_COLOR', async () => {
    const plain = await runCli(['explain', '307'], {});
    expect(plain.stdout).not.toContain(ESC);
    const noColor = await runCli(['explain', '307'], { NO_COLOR: '1', FORCE_COLOR: '1' });
    expect(noColor.stdout).not.toContain(ESC);
    const forced = await runCli(['explain', '307'], { FORCE_COLOR: '1' });
    expect(forced.stdout).toContain(`${ESC}1mStatus 307: kicked${ESC}22m`);
    expect(forced.stdout).toContain(`${ESC}33mProsody:${ESC}39m`);
  });

  it('wraps text at the given width with a hanging indent', () => {
    expect(wrap('aa bb cc dd', 8, '> ', '  ')).toBe('> aa bb\n  cc dd');
    expect(wrap('', 10)).toBe('');
  });
});

describe('src/explain stays pure', () => {
  it('imports no node: modules and uses neither process nor Date', () => {
    const dir = join(REPO_ROOT, 'src', 'explain');
    const sources = readdirSync(dir).filter(
      (name) => name.endsWith('.ts') && !name.endsWith('.test.ts'),
    );
    expect(sources.length).toBeGreaterThan(5);
    for (const name of sources) {
      const text = readFileSync(join(dir, name), 'utf8');
      expect(text, name).not.toMatch(/from 'node:|\bprocess\.|\bnew Date\b|\bDate\.now\b/);
    }
  });
});

describe.skipIf(!hasXep)('against the XEP source (../shared/xep-0045)', () => {
  it('keeps src/explain/xep-sections.ts generated from the current XEP', () => {
    const check = spawnSync(
      process.execPath,
      [join(REPO_ROOT, 'scripts', 'generate-xep-sections.mjs'), '--check'],
      { cwd: REPO_ROOT, encoding: 'utf8' },
    );
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('writes explanations and lessons in its own words: no run of 8 words copied from the XEP', () => {
    const prose = readFileSync(join(XEP_DIR, 'xep-0045.xml'), 'utf8')
      .replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, ' ')
      .replace(/<[^>]+>/g, ' ');
    const words = (text: string) => text.toLowerCase().match(/[a-z0-9#'-]+/g) ?? [];
    const shingles = (list: string[]) =>
      list.slice(0, Math.max(0, list.length - 7)).map((_, i) => list.slice(i, i + 8).join(' '));
    const spec = new Set(shingles(words(prose)));
    for (const explanation of listTopics()) {
      for (const text of [explanation.text, explanation.summary, explanation.prosody ?? '']) {
        const copied = shingles(words(text)).filter((shingle) => spec.has(shingle));
        expect(copied, explanation.topic).toEqual([]);
      }
    }
    for (const path of scriptsIn(join(REPO_ROOT, 'scenarios', 'tutorial'))) {
      const narration = readFileSync(path, 'utf8')
        .split('\n')
        .filter((line) => line.startsWith('#'))
        .join(' ');
      const copied = shingles(words(narration)).filter((shingle) => spec.has(shingle));
      expect(copied, path).toEqual([]);
    }
  });
});

describe('scenarios/tutorial', () => {
  const lessons = scriptsIn(join(REPO_ROOT, 'scenarios', 'tutorial'));

  it('has at least six lessons, in order, each with a title and a description', () => {
    expect(lessons.length).toBeGreaterThanOrEqual(6);
    expect(lessons[0]).toMatch(/01-create-and-configure\.scs$/);
    for (const path of lessons) {
      const script = parseScript(readFileSync(path, 'utf8'), path);
      expect(script.title, path).toMatch(/^Lesson \d+: /);
      expect(script.description, path).toMatch(/XEP-0045 §/);
      expect(script.warnings, path).toEqual([]);
    }
  });

  it('cites only sections, examples and explain topics that exist', () => {
    const sections = new Set(XEP_SECTIONS.map((section) => `§${section.number}`));
    for (const path of lessons) {
      const text = readFileSync(path, 'utf8');
      const narration = text
        .split('\n')
        .filter((line) => line.startsWith('#'))
        .join('\n');
      for (const cited of narration.matchAll(/§(\d+(?:\.\d+)*)/g)) {
        expect(sections, `${path}: ${cited[0]}`).toContain(`§${cited[1]}`);
      }
      for (const cited of narration.matchAll(/Examples? (\d+)(?:–(\d+))?/g)) {
        for (const number of [cited[1], cited[2]].filter(Boolean)) {
          expect(Number(number), `${path}: ${cited[0]}`).toBeLessThanOrEqual(220);
        }
      }
      for (const cited of narration.matchAll(/mucsim explain ([^\s,.`)]+(?: none)?)/g)) {
        if (cited[1] === '<topic>') continue;
        expect(explain(cited[1]!), `${path}: ${cited[0]}`).toBeDefined();
      }
    }
  });
});
