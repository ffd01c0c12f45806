// Test helper: the XEP-0045 sections a text cites (`§7.2.10`, a range `§10.3–10.8`), ranges expanded in the XEP's order — for the citation and coverage checks
import { XEP_SECTIONS } from '../../src/explain/xep-sections.js';

/** Every section number of XEP-0045, in document order. */
export const SECTION_ORDER: readonly string[] = XEP_SECTIONS.map((section) => section.number);

/** `§7.2.10`, a range `§10.3–10.8`; `RFC 6120 §8.3.2` is another document's. */
const SECTION = /(RFC \d+ )?§(\d+(?:\.\d+)*)(?:–(\d+(?:\.\d+)*))?/g;

/** The sections a text cites, a range standing for every section from its first to its last. */
export function sectionsIn(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(SECTION)) {
    if (match[1]) continue;
    const first = match[2] as string;
    const last = match[3];
    found.push(first);
    if (last === undefined) continue;
    found.push(last);
    const from = SECTION_ORDER.indexOf(first);
    const to = SECTION_ORDER.indexOf(last);
    if (from !== -1 && to > from) found.push(...SECTION_ORDER.slice(from + 1, to));
  }
  return found;
}
