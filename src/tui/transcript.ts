// The plain step-by-step transcript `mucsim tui` prints without a terminal — a XEP-0045 scenario narrated (§7–§10)
import type { DebugSessionApi, SessionStep } from '../debugger/session-api.js';
import { ClientLabels, isStanzaEntry, summarizeEntry } from './stanza-summary.js';

export interface TranscriptOptions {
  write(text: string): void;
  /** Called after every executed step (e.g. to rewrite the `--record` file). */
  afterStep?: (step: SessionStep) => void;
}

function stepLines(session: DebugSessionApi, step: SessionStep, total: number): string[] {
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
    if (result.expected) lines.push(`   expected: ${result.expected.toString()}`);
    if (result.closest) lines.push(`   closest:  ${result.closest.toString()}`);
    for (const diff of result.diff?.split('\n') ?? []) lines.push(`   ${diff}`);
  }
  if (step.traceRange) {
    const labels = new ClientLabels(session);
    for (const entry of session.trace) {
      if (entry.seq < step.traceRange.first || entry.seq > step.traceRange.last) continue;
      if (!isStanzaEntry(entry) || entry.kind === 'input') continue;
      const row = summarizeEntry(entry, labels);
      lines.push(`   ${row.seq} ${row.text}`);
    }
  }
  return lines;
}

/** Executes every step, printing each; true when every step passed. Never waits for input. */
export async function printTranscript(
  session: DebugSessionApi,
  options: TranscriptOptions,
): Promise<boolean> {
  const name = session.script.title ?? session.script.file;
  options.write(`${name}\n`);
  let passed = true;
  for (let step = await session.forward(); step; step = await session.forward()) {
    options.write(`${stepLines(session, step, session.steps.length).join('\n')}\n`);
    options.afterStep?.(step);
    if (step.result?.status === 'failed') {
      passed = false;
      break;
    }
  }
  const left = session.steps.length - session.cursor;
  if (passed) options.write(`all ${session.steps.length} steps passed\n`);
  else options.write(`step ${session.cursor} failed; ${left} step(s) not run\n`);
  return passed;
}
