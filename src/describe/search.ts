// What `/` searches, `f` filters and `:break stanza` look in: the pane's line and the stanza's XML, a step's narration and block, read at a bounded cost — finding XEP-0045 traffic (§7–§10)
import type { JidNames } from './names.js';
import { type StanzaEntry, stanzaRow } from './pane.js';
import { boundedXml } from './read.js';

/** Whether the pane's line of the entry, or its XML (the first 16 KiB), contains `needle` (any case). */
export function stanzaMatches(entry: StanzaEntry, needle: string, names: () => JidNames): boolean {
  const wanted = needle.toLowerCase();
  if (wanted === '') return false;
  if (stanzaRow(entry, names).text.toLowerCase().includes(wanted)) return true;
  return boundedXml(entry.stanza).toLowerCase().includes(wanted);
}

/** The filter of the Stanzas pane: the sequence number, or the line or the XML contains the text. */
export function rowMatches(entry: StanzaEntry, needle: string, names: () => JidNames): boolean {
  const wanted = needle.trim();
  if (wanted === '' || String(entry.seq) === wanted) return true;
  return stanzaMatches(entry, wanted, names);
}

/** A step's narration, its line (`Romeo sends`) or its XML block contains `needle` (any case). */
export function stepMatches(
  step: { action: { client: string; kind: string; narration: readonly string[]; xml?: string } },
  needle: string,
): boolean {
  const wanted = needle.toLowerCase();
  if (wanted === '') return false;
  const { action } = step;
  if (`${action.client} ${action.kind}`.toLowerCase().includes(wanted)) return true;
  if (action.narration.some((line) => line.toLowerCase().includes(wanted))) return true;
  return (action.xml ?? '').toLowerCase().includes(wanted);
}
