// docs/prosody-differences.md against the code: each extra an --extra name, each Prosody-versus-XEP row taught by `mucsim explain` and shown by a scenario, each simulator row held by its tests — XEP-0045 as Prosody 13 answers it
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explain } from '../src/explain/index.js';
import { EXTRA_NAMES, EXTRAS, isExtra } from '../src/muc/extras.js';
import { parseScript } from '../src/scansion/parser.js';
import { REPO_ROOT } from './helpers/suite.js';
import { sectionsIn } from './helpers/xep-citations.js';

const DOC = join(REPO_ROOT, 'docs', 'prosody-differences.md');

interface Difference {
  id: string;
  kind: string;
  section: string;
  learn: string;
  shownIn: string;
}

/** The table's rows: id | kind | § | learn it | shown in | difference | reason. */
function differences(): Difference[] {
  const rows: Difference[] = [];
  for (const line of readFileSync(DOC, 'utf8').split('\n')) {
    if (!line.startsWith('| ') || !line.endsWith(' |')) continue;
    const cells = line.slice(2, -2).split(' | ');
    if (cells.length !== 7 || !/^§\d/.test(cells[2] ?? '')) continue;
    const [id, kind, section, learn, shownIn] = cells as [string, string, string, string, string];
    rows.push({ id, kind, section, learn, shownIn });
  }
  return rows;
}

/** `` `scenarios/x.scs` `` → the path inside the backquotes. */
function quoted(cell: string): string {
  return /^`([^`]+)`$/.exec(cell)?.[1] ?? cell;
}

const rows = differences();
const ofKind = (kind: string) => rows.filter((row) => row.kind === kind);

describe('docs/prosody-differences.md', () => {
  it('has rows with unique ids, each an extra, a teaching or a simulator difference', () => {
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length);
    expect(rows.filter((row) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(row.id))).toEqual([]);
    expect(rows.filter((row) => !['extra', 'teaching', 'simulator'].includes(row.kind))).toEqual(
      [],
    );
  });

  it('lists every --extra name, with its section and fixture, and nothing else as an extra', () => {
    expect(ofKind('extra').map((row) => row.id)).toEqual([...EXTRA_NAMES]);
    for (const row of ofKind('extra')) {
      expect(isExtra(row.id)).toBe(true);
      if (!isExtra(row.id)) continue;
      expect(row.learn).toBe(`\`--extra ${row.id}\``);
      expect(row.section).toBe(EXTRAS[row.id].section);
      expect(existsSync(join(REPO_ROOT, quoted(row.shownIn))), row.shownIn).toBe(true);
    }
  });

  it('teaches each Prosody-versus-XEP row in `mucsim explain`, under "Prosody:"', () => {
    const untaught = ofKind('teaching').filter((row) => {
      const topic = /^`mucsim explain (.+)`$/.exec(row.learn)?.[1];
      return topic === undefined || !explain(topic)?.prosody;
    });
    expect(untaught.map((row) => `${row.id}: ${row.learn}`)).toEqual([]);
  });

  it('shows each Prosody-versus-XEP row in a scenario that declares its § and names Prosody', () => {
    const problems: string[] = [];
    for (const row of ofKind('teaching')) {
      const path = join(REPO_ROOT, quoted(row.shownIn));
      if (!quoted(row.shownIn).startsWith('scenarios/') || !existsSync(path)) {
        problems.push(`${row.id}: ${row.shownIn} is not a scenario`);
        continue;
      }
      const script = parseScript(readFileSync(path, 'utf8'), path);
      const heading = `${script.title ?? ''}\n${script.description ?? ''}`;
      const declared = sectionsIn(heading);
      if (!sectionsIn(row.section).every((section) => declared.includes(section))) {
        problems.push(`${row.id}: ${row.shownIn} does not declare ${row.section}`);
      }
      const told = [script.description ?? '', ...script.actions.flatMap((a) => a.narration)];
      if (!told.some((text) => text.includes('Prosody'))) {
        problems.push(`${row.id}: ${row.shownIn} never names Prosody`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('names, for each simulator row, files that exist', () => {
    const missing = ofKind('simulator').flatMap((row) =>
      [row.learn, row.shownIn]
        .map(quoted)
        .filter((file) => !existsSync(join(REPO_ROOT, file)))
        .map((file) => `${row.id}: ${file}`),
    );
    expect(missing).toEqual([]);
  });
});
