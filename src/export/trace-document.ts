// The trace as one JSON document with causes, for bug reports and tools: same script and seed, same bytes — XEP-0045 §7.1 (order of events)
import type { TraceEntry } from '../muc/trace.js';
import { traceEntryToJson } from '../muc/trace-json.js';
import type { SequenceClient } from './mermaid.js';

export interface TraceDocumentInput {
  /** The script's path as given on the command line. */
  script: string;
  seed: number;
  passed: boolean;
  clients: readonly SequenceClient[];
  entries: readonly TraceEntry[];
}

/**
 * `{ script, seed, passed, clients, entries }`: the header pretty-printed, then one trace entry
 * per line (stanzas as XML text, `cause` = the `seq` of the input that produced the entry).
 */
export function traceDocument(input: TraceDocumentInput): string {
  const clients = input.clients.map((client) => ({
    name: client.name,
    jid: client.jid,
    bound: [...(client.bound ?? [])],
  }));
  const header = [
    `  "script": ${JSON.stringify(input.script)}`,
    `  "seed": ${JSON.stringify(input.seed)}`,
    `  "passed": ${JSON.stringify(input.passed)}`,
    `  "clients": ${JSON.stringify(clients)}`,
  ];
  const entries = input.entries.map((entry) => `    ${JSON.stringify(traceEntryToJson(entry))}`);
  const list = entries.length === 0 ? '[]' : `[\n${entries.join(',\n')}\n  ]`;
  return `{\n${header.join(',\n')},\n  "entries": ${list}\n}\n`;
}
