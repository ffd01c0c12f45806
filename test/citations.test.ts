// Every XEP-0045 section and example the scenarios and `mucsim explain` cite exists, and each cited example fits where that can be checked: its stanza kind is one the cited steps send or receive, and an example cited beside a section lies in (or above) that section (XEP-0045 1.35.5)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScript } from '../src/scansion/parser.js';
import type { Action } from '../src/scansion/script.js';
import { REPO_ROOT, scriptsIn } from './helpers/suite.js';
import { SECTION_ORDER, sectionsIn } from './helpers/xep-citations.js';

const XEP_DIR = join(REPO_ROOT, '..', 'shared', 'xep-0045');
const EXAMPLES_PATH = join(XEP_DIR, 'examples.json');
const hasExamples = existsSync(EXAMPLES_PATH);
if (!hasExamples) {
  console.warn(`citations: ${EXAMPLES_PATH} is missing, so the example checks are SKIPPED`);
}

interface Example {
  n: number;
  caption: string;
  section: { number: string };
  topLevel: string[];
}

const examples = new Map<number, Example>(
  hasExamples
    ? (JSON.parse(readFileSync(EXAMPLES_PATH, 'utf8')) as Example[]).map((example) => [
        example.n,
        example,
      ])
    : [],
);
const SECTIONS = new Set(SECTION_ORDER);

/** `Example 31`, `Examples 116–117`, `Examples 90 and 92`, `Examples 8–13, 77`. */
const EXAMPLES = /Examples? (\d+(?:\s*(?:–|-|,|and)\s*\d+)*)/g;

function exampleNumbers(list: string): number[] {
  const numbers: number[] = [];
  for (const part of list.split(/\s*(?:,|and)\s*/)) {
    const [from, to] = part.split(/\s*[–-]\s*/).map(Number) as [number, number | undefined];
    for (let n = from; n <= (to ?? from); n += 1) numbers.push(n);
  }
  return numbers;
}

/** `7.2.10` lies in `7.2` (or is it); either way round, the two are on one branch. */
function sameBranch(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

interface Citation {
  where: string;
  sections: string[];
  examples: number[];
  /** Sections cited in the same parenthesis as the examples. */
  besideExamples: string[];
}

/** Every citation in a text; a parenthesis holding both sections and examples pairs them. */
function citationsIn(text: string, where: string): Citation[] {
  const found: Citation[] = [];
  const sections = sectionsIn(text);
  const numbers = [...text.matchAll(EXAMPLES)].flatMap((match) => exampleNumbers(match[1] ?? ''));
  found.push({ where, sections, examples: numbers, besideExamples: [] });
  for (const group of text.matchAll(/\(([^()]*)\)/g)) {
    const inner = group[1] ?? '';
    const beside = sectionsIn(inner);
    const cited = [...inner.matchAll(EXAMPLES)].flatMap((match) => exampleNumbers(match[1] ?? ''));
    // "(§9.2; Example 118 shows …)": only a section and an example side by side are a pair.
    if (beside.length > 0 && cited.length > 0 && !inner.includes(';')) {
      found.push({ where, sections: [], examples: cited, besideExamples: beside });
    }
  }
  return found;
}

/** The narration blocks of a script, each with the stanza names of the steps it introduces. */
function narrationBlocks(
  actions: readonly Action[],
): { text: string; line: number; kinds: string[] }[] {
  const blocks: { text: string; line: number; kinds: string[] }[] = [];
  for (const [index, action] of actions.entries()) {
    if (action.narration.length === 0) continue;
    const kinds: string[] = [];
    for (const next of actions.slice(index)) {
      if (next !== action && next.narration.length > 0) break;
      const name = /^\s*<([\w:]+)/.exec(next.xml ?? '')?.[1];
      if (name) kinds.push(name);
    }
    blocks.push({ text: action.narration.join('\n'), line: action.line, kinds });
  }
  return blocks;
}

function scenarioFiles(): string[] {
  const root = join(REPO_ROOT, 'scenarios');
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => scriptsIn(join(root, entry.name)));
}

function explainFiles(): string[] {
  const root = join(REPO_ROOT, 'src', 'explain');
  return readdirSync(root)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .filter((name) => name !== 'xep-sections.ts')
    .map((name) => join(root, name));
}

function checkCitation(citation: Citation, problems: string[]): void {
  for (const section of [...citation.sections, ...citation.besideExamples]) {
    if (!SECTIONS.has(section)) problems.push(`${citation.where}: §${section} does not exist`);
  }
  if (!hasExamples) return;
  for (const n of citation.examples) {
    const example = examples.get(n);
    if (!example) {
      problems.push(`${citation.where}: Example ${n} does not exist`);
      continue;
    }
    if (citation.besideExamples.length === 0) continue;
    const fits = citation.besideExamples.some((section) =>
      sameBranch(section, example.section.number),
    );
    if (!fits) {
      problems.push(
        `${citation.where}: Example ${n} is in §${example.section.number}, cited beside §${citation.besideExamples.join(', §')}`,
      );
    }
  }
}

describe('citations of XEP-0045', () => {
  it('scenarios cite sections and examples that exist, beside the sections they are in', () => {
    const problems: string[] = [];
    for (const path of scenarioFiles()) {
      const script = parseScript(readFileSync(path, 'utf8'), path);
      const name = relative(REPO_ROOT, path);
      const heading = `${script.title ?? ''}\n${script.description ?? ''}`;
      for (const citation of citationsIn(heading, `${name} (description)`))
        checkCitation(citation, problems);
      for (const block of narrationBlocks(script.actions)) {
        for (const citation of citationsIn(block.text, `${name}:${block.line}`))
          checkCitation(citation, problems);
      }
      for (const citation of citationsIn(script.epilogue.join('\n'), `${name} (summary)`))
        checkCitation(citation, problems);
    }
    expect(problems).toEqual([]);
  });

  it.skipIf(!hasExamples)(
    'an example cited in narration shows a stanza of the kind the narrated steps send or receive',
    () => {
      const problems: string[] = [];
      for (const path of scenarioFiles()) {
        const script = parseScript(readFileSync(path, 'utf8'), path);
        for (const block of narrationBlocks(script.actions)) {
          if (block.kinds.length === 0) continue;
          for (const match of block.text.matchAll(EXAMPLES)) {
            for (const n of exampleNumbers(match[1] ?? '')) {
              const example = examples.get(n);
              if (!example || example.topLevel.length === 0) continue;
              if (example.topLevel.some((kind) => block.kinds.includes(kind))) continue;
              problems.push(
                `${relative(REPO_ROOT, path)}:${block.line}: Example ${n} (${example.topLevel.join(', ')}: ${example.caption}) beside steps of ${[...new Set(block.kinds)].join(', ')}`,
              );
            }
          }
        }
      }
      expect(problems).toEqual([]);
    },
  );

  it('the explain texts cite sections and examples that exist, beside the sections they are in', () => {
    const problems: string[] = [];
    for (const path of explainFiles()) {
      const name = relative(REPO_ROOT, path);
      for (const [index, line] of readFileSync(path, 'utf8').split('\n').entries()) {
        for (const citation of citationsIn(line, `${name}:${index + 1}`))
          checkCitation(citation, problems);
      }
    }
    expect(problems).toEqual([]);
  });
});
