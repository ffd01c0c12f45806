// Runs a script to the end for the exports: the trace, who is who, the narration anchored in the trace, and a normalised re-recording — XEP-0045 scenarios (§7–§10) as bug reports
import { DebugSession } from '../debugger/debug-session.js';
import type { TraceEntry } from '../muc/trace.js';
import type { Script } from '../scansion/script.js';
import type { SequenceClient, SequenceNote } from './mermaid.js';

export interface ExportFailure {
  /** 0-based index of the failed action in the script. */
  index: number;
  line: number;
  client: string;
  kind: string;
  reason: string;
}

/** What every export reads: a script run from start to end (or to its first failed step). */
export interface ExportRun {
  script: Script;
  seed: number;
  trace: readonly TraceEntry[];
  /** The script's clients with the full JIDs their `connects` bound. */
  clients: SequenceClient[];
  /** The `#` narration of each executed step, anchored at the trace entry it precedes. */
  notes: SequenceNote[];
  passed: boolean;
  failure?: ExportFailure;
  /** The run as a normalised .scs that replays green (what each client actually received). */
  recording(): string;
}

export interface ExportRunOptions {
  seed: number;
  /** Called with each trace entry as it is appended, so an export can be written as it grows. */
  onEntry?: (entry: TraceEntry) => void;
}

/**
 * Where an export runs its script. Only the simulator exists here; a live target (a real
 * server, `--server xmpp://…`, see src/live) plugs in as another `ExportRunner` that fills the
 * trace with what its clients sent and received (it has no domain events or hook verdicts).
 */
export type ExportRunner = (script: Script, options: ExportRunOptions) => Promise<ExportRun>;

/** `#` lines joined into paragraphs (a blank `#` line starts a new one). */
function paragraphs(lines: readonly string[]): string[] {
  const result: string[] = [];
  let current: string[] = [];
  for (const line of [...lines, '']) {
    if (line.trim() !== '') current.push(line.trim());
    else if (current.length > 0) {
      result.push(current.join(' '));
      current = [];
    }
  }
  return result;
}

/** The simulator: a DebugSession stepped to the end (or its first failure). */
export const simulateForExport: ExportRunner = async (script, options) => {
  const session = DebugSession.fromScript(script, { seed: options.seed });
  if (options.onEntry) session.world?.trace.subscribe(options.onEntry);
  const stop = await session.run();
  const executed = session.steps.slice(0, session.cursor);
  const trace = session.trace;
  const bound = new Map<string, string[]>();
  const notes: SequenceNote[] = [];
  let next = 1;
  for (const step of executed) {
    const range = step.traceRange;
    const anchor = range?.first ?? next;
    for (const text of paragraphs(step.action.narration)) notes.push({ before: anchor, text });
    if (range) next = range.last + 1;
    if (step.action.kind === 'connects' && range) {
      const connect = trace.find(
        (entry) => entry.kind === 'connect' && entry.seq >= range.first && entry.seq <= range.last,
      );
      if (connect?.kind === 'connect') {
        const list = bound.get(step.action.client) ?? [];
        if (!list.includes(connect.jid)) list.push(connect.jid);
        bound.set(step.action.client, list);
      }
    }
  }
  const clients = session.clientDefinitions().map((client) => ({
    name: client.name,
    jid: client.jid,
    bound: bound.get(client.name) ?? [],
  }));
  const failed = executed.find((step) => step.result?.status === 'failed');
  const run: ExportRun = {
    script,
    seed: options.seed,
    trace,
    clients,
    notes,
    passed: stop === 'end' && failed === undefined,
    recording: () => session.recording(),
  };
  if (failed) {
    run.failure = {
      index: failed.index,
      line: failed.action.line,
      client: failed.action.client,
      kind: failed.action.kind,
      reason: failed.result?.reason ?? 'failed',
    };
  }
  return run;
};
