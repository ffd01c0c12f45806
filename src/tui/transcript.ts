// The plain step-by-step transcript `mucsim tui` prints without a terminal — a XEP-0045 scenario narrated (§7–§10)
import type { DebugSession } from '../debugger/debug-session.js';
import type { SessionStep } from '../debugger/session-api.js';
import { transcriptLines } from '../describe/transcript.js';

export interface TranscriptOptions {
  write(text: string): void;
  /** Called after every executed step (e.g. to rewrite the `--record` file). */
  afterStep?: (step: SessionStep) => void;
}

/** The trace entries a step produced. */
function producedBy(session: DebugSession, step: SessionStep) {
  const range = step.traceRange;
  if (!range) return [];
  const entries = [];
  for (let seq = range.first; seq <= range.last; seq += 1) {
    const entry = session.entryAt(seq);
    if (entry) entries.push(entry);
  }
  return entries;
}

/** Executes every step, printing each; true when every step passed. Never waits for input. */
export async function printTranscript(
  session: DebugSession,
  options: TranscriptOptions,
): Promise<boolean> {
  const { script } = session;
  options.write(`${script.title ?? script.file}\n`);
  if (script.description) options.write(`${script.description}\n`);
  let passed = true;
  for (let step = await session.forward(); step; step = await session.forward()) {
    const lines = transcriptLines(step, session.steps.length, producedBy(session, step), () =>
      session.names(),
    );
    options.write(`${lines.join('\n')}\n`);
    options.afterStep?.(step);
    if (step.result?.status === 'failed') {
      passed = false;
      break;
    }
  }
  const left = session.steps.length - session.cursor;
  if (passed) options.write(`all ${session.steps.length} steps passed\n`);
  else options.write(`step ${session.cursor} failed; ${left} step(s) not run\n`);
  // The lesson's closing words (its summary and the pointer to the next lesson), once it is over.
  if (passed && script.epilogue.length > 0) {
    options.write(`${script.epilogue.map((line) => `# ${line}`.trimEnd()).join('\n')}\n`);
  }
  return passed;
}
