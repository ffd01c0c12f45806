// What the Detail pane explains: a step (expected, closest, diff, what it read) or a stanza with its cause and effect (the input, the step, the deciding feature and hooks, the receives that read it, the XEP §) — XEP-0045 §7.1
import type { Element } from 'ltx';
import type { DebugSession } from '../debugger/debug-session.js';
import type { SessionStep } from '../debugger/session-api.js';
import { type Decider, type Why, whyOf } from '../debugger/why.js';
import type { StanzaRow } from '../describe/pane.js';
import { isStanzaEntry, stanzaRow } from '../describe/pane.js';
import { explanationsFor } from '../describe/status-words.js';
import { MATCHED_MARK, SKIPPED_MARK } from './marks.js';
import type { UiState } from './ui-state.js';
import type { StanzaRowList } from './view-model.js';

export interface DetailSection {
  heading: string;
  /** Plain lines, or a stanza to pretty-print and colour. */
  lines?: string[];
  stanza?: Element;
  tone?: 'pass' | 'fail';
}

/** `step 6: Juliet sends (line 52)`, or `typed step 6: …`. */
export function stepLabel(step: SessionStep): string {
  const { action } = step;
  const where =
    step.origin === 'typed' ? ' [typed]' : action.line > 0 ? ` (line ${action.line})` : '';
  return `step ${step.index + 1}: ${action.client} ${action.kind}${where}`;
}

function entryLabel(session: DebugSession, seq: number): string {
  const entry = session.entryAt(seq);
  if (!entry || !isStanzaEntry(entry)) return `#${seq}`;
  return `#${seq} ${stanzaRow(entry, () => session.names()).text}`;
}

function readLines(session: DebugSession, step: SessionStep): string[] {
  const reads = session.readsOf(step);
  if (!reads) return [];
  const lines: string[] = [];
  if (reads.matched !== undefined)
    lines.push(`${MATCHED_MARK} matched ${entryLabel(session, reads.matched)}`);
  for (const seq of reads.skipped)
    lines.push(`${SKIPPED_MARK} skipped ${entryLabel(session, seq)}`);
  return lines;
}

function stepSections(session: DebugSession, index: number): DetailSection[] | undefined {
  const step = session.steps[index];
  const result = step?.result;
  if (!step || !result) return undefined;
  const failed = result.status === 'failed';
  const lines = [`${stepLabel(step)} — ${failed ? '✘ failed' : '✔ passed'}`];
  if (result.reason) lines.push(`reason: ${result.reason}`);
  if (result.note) lines.push(`note: ${result.note}`);
  lines.push(...readLines(session, step));
  if (step.traceRange)
    lines.push(
      `produced #${step.traceRange.first}–#${step.traceRange.last} (enter: go to its stanza)`,
    );
  const sections: DetailSection[] = [{ heading: 'Step', lines, tone: failed ? 'fail' : 'pass' }];
  if (result.expected) sections.push({ heading: 'Expected', stanza: result.expected });
  if (result.closest) sections.push({ heading: 'Closest received', stanza: result.closest });
  if (result.diff) sections.push({ heading: 'Diff', lines: result.diff.split('\n'), tone: 'fail' });
  if (!failed && (result.matched ?? result.sent)) {
    sections.push({
      heading: result.matched ? 'Matched' : 'Sent',
      stanza: result.matched ?? result.sent,
    });
  }
  return sections;
}

function deciderText(decider: Decider): string {
  return decider.section ? `${decider.name} (${decider.section})` : decider.name;
}

/** The cause-and-effect lines of a stanza: input, step, feature, hooks, reader, sections. */
function causeLines(session: DebugSession, row: StanzaRow, why: Why): string[] {
  const lines: string[] = [];
  if (why.cause !== undefined && why.cause !== row.seq) {
    lines.push(`caused by ${entryLabel(session, why.cause)} (enter: go there)`);
  }
  if (why.step) {
    const verb = row.entry.kind === 'input' ? 'sent by' : 'during';
    lines.push(
      `${verb} ${stepLabel(why.step)}${row.entry.kind === 'input' ? ' (enter: go there)' : ''}`,
    );
  } else if (why.cause !== undefined) {
    lines.push('no step sent it: it arrived between steps');
  }
  if (why.decidedBy) lines.push(`decided by: ${deciderText(why.decidedBy)}`);
  for (const verdict of why.verdicts)
    lines.push(`refused by: ${deciderText(verdict)} → ${verdict.condition}`);
  if (why.reading) {
    const mark = why.reading.how === 'matched' ? MATCHED_MARK : SKIPPED_MARK;
    lines.push(`${mark} ${why.reading.how} by ${stepLabel(why.reading.step)}`);
  } else if (row.entry.kind === 'delivery') {
    lines.push('not read by any receives step (yet)');
  }
  if (why.effects) {
    const { delivered, dropped, transitions } = why.effects;
    lines.push(
      `caused ${delivered} deliveries, ${dropped} dropped, ${transitions} transitions (• in the list)`,
    );
  }
  return lines;
}

function stanzaSections(session: DebugSession, row: StanzaRow): DetailSection[] {
  const entry = row.entry;
  const meta = [
    `#${row.seq} ${entry.kind} at ${new Date(entry.time).toISOString().slice(11, 19)} (simulated clock)`,
  ];
  if (entry.kind === 'dropped') meta.push(`dropped: ${entry.reason}`);
  if (entry.kind === 'input' && entry.origin === 'server')
    meta.push('made by the server for this client');
  const sections: DetailSection[] = [{ heading: row.text, lines: meta }];
  sections.push({
    heading: 'Cause and effect',
    lines: causeLines(session, row, whyOf(session, row.seq)),
  });
  sections.push({ heading: 'XML', stanza: entry.stanza });
  const explained = explanationsFor(entry.stanza);
  if (explained.length > 0) sections.push({ heading: 'Explained', lines: explained });
  return sections;
}

/** What the Detail pane shows: the selected step (Script pane last focused) or the selected stanza. */
export function detailSections(
  session: DebugSession,
  ui: UiState,
  rows: StanzaRowList,
): DetailSection[] {
  if (ui.detailSource === 'script') {
    const sections = stepSections(session, ui.selection.script);
    if (sections) return sections;
  }
  const row = rows.at(ui.selection.stanzas);
  if (!row)
    return [{ heading: 'No stanza', lines: ['Step with n or space; the stanzas appear here.'] }];
  return stanzaSections(session, row);
}
