// The trace as JSON lines: stanzas serialised once, causes kept — for exports and determinism checks (XEP-0045 §7.1)
import type { TraceEntry } from './trace.js';

export type TraceJson = Record<string, unknown>;

/** One trace entry as plain data; stanzas become their XML text. */
export function traceEntryToJson(entry: TraceEntry): TraceJson {
  if ('stanza' in entry) return { ...entry, stanza: entry.stanza.toString() };
  return { ...entry };
}

/** The whole trace, one JSON object per line: the same script always gives the same text. */
export function traceToJsonLines(entries: readonly TraceEntry[]): string {
  return entries.map((entry) => JSON.stringify(traceEntryToJson(entry))).join('\n');
}
