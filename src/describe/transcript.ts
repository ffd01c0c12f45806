// The transcript renderer: a step, its result and what it delivered, as the plain lines `mucsim tui` prints without a terminal — a XEP-0045 scenario narrated (§7–§10)
import type { TraceEntry } from '../muc/trace.js';
import type { StepResult } from '../scansion/runner.js';
import type { Action } from '../scansion/script.js';
import type { JidNames } from './names.js';
import { isStanzaEntry, stanzaRow } from './pane.js';
import { boundedXml } from './read.js';

export interface TranscriptStep {
  index: number;
  action: Action;
  origin: 'script' | 'typed';
  result?: StepResult;
}

/** `3/27 Romeo sends — ✔ passed`, its narration before it, and each stanza it delivered after it. */
export function transcriptLines(
  step: TranscriptStep,
  total: number,
  delivered: readonly TraceEntry[],
  names: () => JidNames,
): string[] {
  const { action, result } = step;
  const lines: string[] = [];
  for (const line of action.narration) lines.push(`   # ${line}`);
  const mark = result?.status === 'failed' ? '✘ failed' : '✔ passed';
  const typed = step.origin === 'typed' ? ' (typed)' : '';
  const nothing = action.nothing ? ': nothing' : '';
  lines.push(
    `${step.index + 1}/${total} ${action.client} ${action.kind}${nothing}${typed} — ${mark}`,
  );
  if (result?.note) lines.push(`   note: ${result.note}`);
  if (result?.status === 'failed') {
    if (result.reason) lines.push(`   reason: ${result.reason}`);
    if (result.expected) lines.push(`   expected: ${boundedXml(result.expected)}`);
    if (result.closest) lines.push(`   closest:  ${boundedXml(result.closest)}`);
    for (const diff of result.diff?.split('\n') ?? []) lines.push(`   ${diff}`);
  }
  for (const entry of delivered) {
    if (!isStanzaEntry(entry) || entry.kind === 'input') continue;
    const row = stanzaRow(entry, names);
    lines.push(`   ${row.seq} ${row.text}`);
  }
  return lines;
}
