// Section explanations: the generated XEP-0045 table (titles, examples) joined with the hand-written notes — §5–§17
import { SECTION_NOTES } from './section-notes.js';
import type { Explanation } from './types.js';
import { XEP_SECTIONS, type XepSection } from './xep-sections.js';

const byNumber = new Map(XEP_SECTIONS.map((section) => [section.number, section]));

export function xepSection(number: string): XepSection | undefined {
  return byNumber.get(number);
}

/** Whether `inner` is `outer` or one of its subsections ('7.2.10' is inside '7.2' and '7'). */
export function isWithin(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(`${outer}.`);
}

/** The examples of a section and all its subsections, in order. */
export function examplesWithin(number: string): number[] {
  return XEP_SECTIONS.filter((section) => isWithin(section.number, number))
    .flatMap((section) => section.examples)
    .sort((a, b) => a - b);
}

/** The innermost section holding an example: '§8.2' for Example 90. */
export function sectionOfExample(example: number): string | undefined {
  const found = XEP_SECTIONS.find((section) => section.examples.includes(example));
  return found ? `§${found.number}` : undefined;
}

/** 'Examples 89–93', 'Example 154', 'Examples 43, 90, 92'; '' when there are none. */
export function formatExamples(examples: readonly number[]): string {
  if (examples.length === 0) return '';
  const sorted = [...new Set(examples)].sort((a, b) => a - b);
  const runs: string[] = [];
  let start = sorted[0]!;
  let previous = start;
  const close = () => {
    if (previous === start) runs.push(String(start));
    else if (previous === start + 1) runs.push(`${start}, ${previous}`);
    else runs.push(`${start}–${previous}`);
  };
  for (const example of sorted.slice(1)) {
    if (example === previous + 1) {
      previous = example;
      continue;
    }
    close();
    start = example;
    previous = example;
  }
  close();
  return `${sorted.length === 1 ? 'Example' : 'Examples'} ${runs.join(', ')}`;
}

function sectionExplanation(section: XepSection): Explanation {
  const note = SECTION_NOTES[section.number];
  const topic = `§${section.number}`;
  const text =
    note?.text ??
    `mucsim has no lesson for this part of XEP-0045; read ${topic} (${section.title}) in the specification.`;
  return {
    kind: 'section',
    topic,
    title: `XEP-0045 ${topic} ${section.title}`,
    summary: note?.summary ?? `${topic} ${section.title}`,
    text,
    sections: [topic],
    examples: examplesWithin(section.number),
    prosody: note?.prosody,
    seeAlso: note?.seeAlso ?? [],
    aliases: [...(note?.aliases ?? []), section.anchor],
  };
}

/** Every section of the XEP; those without a hand-written note say so. */
export function sectionExplanations(): Explanation[] {
  return XEP_SECTIONS.map(sectionExplanation);
}

/** Whether a section has a hand-written lesson (the ones `--list` shows). */
export function hasLesson(number: string): boolean {
  return SECTION_NOTES[number] !== undefined;
}
