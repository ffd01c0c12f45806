// What `/` filters and `:break stanza` look in: the pane's line and the stanza's XML, read at a bounded cost — finding XEP-0045 traffic (§7–§10)
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

/** The filter of the Stanzas pane: the line (or the sequence number) contains the text; XML is not searched. */
export function rowMatches(entry: StanzaEntry, needle: string, names: () => JidNames): boolean {
  const wanted = needle.trim().toLowerCase();
  if (wanted === '' || String(entry.seq) === wanted) return true;
  return stanzaRow(entry, names).text.toLowerCase().includes(wanted);
}
