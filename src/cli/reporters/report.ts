// What a reporter is told about each script run — results of XEP-0045 scenario scripts
import type { ScriptResult } from '../../scansion/runner.js';

export interface ScriptReport {
  /** The path as shown to the user. */
  path: string;
  name: string;
  result?: ScriptResult;
  /** An input error that stopped the script before it ran (file:line:column …). */
  inputError?: string;
  durationMs: number;
}

export interface RunSummary {
  reports: ScriptReport[];
  durationMs: number;
  /** The simulator's extras that were on (`--extra`): the run did not follow Prosody there. */
  extras: readonly string[];
}

/** One line naming the extras that were on, for the human reporters. */
export function extrasLine(extras: readonly string[]): string | undefined {
  if (extras.length === 0) return undefined;
  return `mucsim extras on: ${extras.join(', ')} (beyond Prosody 13: a script that relies on them fails on Prosody)`;
}

export interface Reporter {
  /** Called once per script, as soon as it finished. */
  script(report: ScriptReport, index: number): void;
  end(summary: RunSummary): void;
}

export function skippedCount(report: ScriptReport): number {
  return report.result?.steps.reduce((total, step) => total + step.skipped.length, 0) ?? 0;
}

export function failedStep(report: ScriptReport) {
  return report.result?.steps.find((step) => step.status === 'failed');
}

export function reportPassed(report: ScriptReport): boolean {
  return report.inputError === undefined && report.result?.passed === true;
}
