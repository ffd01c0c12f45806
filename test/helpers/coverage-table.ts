// Test helper: XEP-0045's use cases (§6–§11) from the shared reference's inventory, and docs/coverage.md's table of the scenarios that cover them
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './suite.js';

export const REFERENCE_PATH = join(REPO_ROOT, '..', 'shared', 'docs', 'xep0045-reference.md');
export const COVERAGE_PATH = join(REPO_ROOT, 'docs', 'coverage.md');

export interface UseCase {
  /** `7.2.10` */
  section: string;
  title: string;
  /** The error conditions the inventory names for it (backquoted in its Errors column). */
  errors: string[];
}

export interface CoverageRow {
  section: string;
  title: string;
  /** Paths under scenarios/, e.g. `xep0045/04-disco-room.scs`. */
  scenarios: string[];
  /** One entry per error: the XEP's condition and what the row says Prosody answers. */
  errors: { condition: string; answer: string }[];
  live: string;
}

/** The cells of a Markdown table row (`| a | b |`), or undefined for any other line. */
function cells(line: string): string[] | undefined {
  if (!line.startsWith('| ') || !line.endsWith(' |')) return undefined;
  return line
    .slice(2, -2)
    .split(' | ')
    .map((cell) => cell.trim());
}

const SECTION_CELL = /^\d+(?:\.\d+)+$/;

/** The rows of the inventory in §3 of the reference (`## 3.` up to `## 4.`). */
export function referenceUseCases(): UseCase[] | undefined {
  if (!existsSync(REFERENCE_PATH)) return undefined;
  const text = readFileSync(REFERENCE_PATH, 'utf8');
  const inventory = text.slice(text.indexOf('\n## 3.'), text.indexOf('\n## 4.'));
  const cases: UseCase[] = [];
  for (const line of inventory.split('\n')) {
    const row = cells(line);
    if (!row || !SECTION_CELL.test(row[0] ?? '')) continue;
    // §6–§10: § | anchor | title | exchange | examples | errors; §11 has no errors column.
    const errorsCell = row.length >= 6 ? (row[5] ?? '') : '';
    const errors = [...errorsCell.matchAll(/`([a-z-]+)`/g)].map((match) => match[1] as string);
    cases.push({ section: row[0] as string, title: row[2] ?? '', errors });
  }
  return cases;
}

/** `7.2.10` → `7.2`: the XEP's use case a row belongs to (its first two numbers). */
export function useCaseOf(section: string): string {
  return section.split('.').slice(0, 2).join('.');
}

/** docs/coverage.md: § | use case | scenarios | errors | live. */
export function coverageRows(): CoverageRow[] {
  const rows: CoverageRow[] = [];
  for (const line of readFileSync(COVERAGE_PATH, 'utf8').split('\n')) {
    const row = cells(line);
    if (!row || !SECTION_CELL.test(row[0] ?? '')) continue;
    const [section, title, scenarios, errors, live] = row as [
      string,
      string,
      string,
      string,
      string,
    ];
    rows.push({
      section,
      title,
      scenarios: [...scenarios.matchAll(/`([^`]+\.scs)`/g)].map((match) => match[1] as string),
      errors:
        errors === '—'
          ? []
          : errors.split('<br>').map((entry) => {
              const found = /^`([a-z-]+)` → (.+)$/.exec(entry);
              return found
                ? { condition: found[1] as string, answer: found[2] as string }
                : { condition: '', answer: entry };
            }),
      live,
    });
  }
  return rows;
}

/** `` `not-acceptable` (04-disco-room, 12-private-messages) ``: each condition an answer claims, with its scenarios. */
export function claimedErrors(answer: string): { condition: string; scenarios: string[] }[] {
  return [...answer.matchAll(/`([a-z-]+)` \(([^)]+)\)/g)].map((match) => ({
    condition: match[1] as string,
    scenarios: (match[2] as string).split(', '),
  }));
}
