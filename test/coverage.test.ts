// docs/coverage.md against the XEP-0045 use-case inventory (§6–§11) and the scenarios: every use case covered by scenarios that declare it, every error the XEP names answered, each claim found in the scenario it cites
import { readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScript } from '../src/scansion/parser.js';
import {
  type CoverageRow,
  claimedErrors,
  coverageRows,
  REFERENCE_PATH,
  referenceUseCases,
  useCaseOf,
} from './helpers/coverage-table.js';
import { bundledScenarios } from './helpers/live-scripts.js';
import { REPO_ROOT } from './helpers/suite.js';
import { sectionsIn } from './helpers/xep-citations.js';

const useCases = referenceUseCases();
if (!useCases) console.warn(`coverage: ${REFERENCE_PATH} is missing, so the checks are SKIPPED`);

interface Scenario {
  /** The path under scenarios/, as the table writes it. */
  name: string;
  stem: string;
  declared: ReadonlySet<string>;
  /** The stanza error conditions its receives steps expect. */
  receivedErrors: ReadonlySet<string>;
}

const ERROR_CONDITION = /<([a-z-]+) xmlns=['"]urn:ietf:params:xml:ns:xmpp-stanzas['"]/g;

function scenarios(): Scenario[] {
  return bundledScenarios().map(({ path }) => {
    const script = parseScript(readFileSync(path, 'utf8'), path);
    const receivedErrors = new Set(
      script.actions
        .filter((action) => action.kind === 'receives')
        .flatMap((action) => [...(action.xml ?? '').matchAll(ERROR_CONDITION)])
        .map((match) => match[1] as string),
    );
    return {
      name: relative(join(REPO_ROOT, 'scenarios'), path),
      stem: basename(path, '.scs'),
      declared: new Set(sectionsIn(`${script.title ?? ''}\n${script.description ?? ''}`)),
      receivedErrors,
    };
  });
}

/** What is wrong with one row's error entries: each XEP error answered, each claim true. */
function errorProblems(row: CoverageRow, xepErrors: readonly string[], all: Scenario[]): string[] {
  const problems: string[] = [];
  const answered = new Set(row.errors.map((entry) => entry.condition));
  for (const condition of xepErrors) {
    if (!answered.has(condition)) problems.push(`§${row.section}: no entry for \`${condition}\``);
  }
  for (const { condition, answer } of row.errors) {
    if (condition === '') problems.push(`§${row.section}: "${answer}" is not \`condition\` → …`);
    const claims = claimedErrors(answer);
    if (claims.length === 0 && !/^(never|not with the reference configuration)\b/.test(answer)) {
      problems.push(`§${row.section}: \`${condition}\` → "${answer}" cites no scenario`);
    }
    for (const claim of claims) {
      for (const stem of claim.scenarios) {
        const scenario = all.find((candidate) => candidate.stem === stem);
        if (!scenario) problems.push(`§${row.section}: no scenario ${stem}`);
        else if (!scenario.receivedErrors.has(claim.condition)) {
          problems.push(`§${row.section}: ${stem} receives no \`${claim.condition}\``);
        }
      }
    }
  }
  return problems;
}

describe.skipIf(!useCases)('docs/coverage.md', () => {
  const cases = useCases ?? [];
  const rows = coverageRows();
  const all = scenarios();

  it('has one row per use case of the inventory, in its order, with its title', () => {
    expect(rows.map(({ section, title }) => ({ section, title }))).toEqual(
      cases.map(({ section, title }) => ({ section, title })),
    );
  });

  it("covers the XEP's 47 use cases of §6–§11", () => {
    const covered = new Set(
      rows.filter((row) => row.scenarios.length > 0).map((row) => useCaseOf(row.section)),
    );
    expect(new Set(cases.map((useCase) => useCaseOf(useCase.section))).size).toBe(47);
    expect([...new Set(cases.map((useCase) => useCaseOf(useCase.section)))]).toEqual([...covered]);
  });

  it('lists, for each use case, exactly the scenarios whose heading declares its section', () => {
    for (const row of rows) {
      const declaring = all.filter((scenario) => scenario.declared.has(row.section));
      expect(row.scenarios, `§${row.section}`).toEqual(declaring.map((scenario) => scenario.name));
      expect(row.scenarios.length, `§${row.section} has no scenario`).toBeGreaterThan(0);
    }
  });

  it('answers every error the XEP names, each answer found in the scenarios it cites', () => {
    const problems = rows.flatMap((row) => {
      const xepErrors = cases.find((useCase) => useCase.section === row.section)?.errors ?? [];
      return errorProblems(row, xepErrors, all);
    });
    expect(problems).toEqual([]);
  });

  it('says ✓ or ✗ in the live column (test/live-prosody.test.ts checks which)', () => {
    expect(rows.filter((row) => row.live !== '✓' && row.live !== '✗')).toEqual([]);
  });
});
