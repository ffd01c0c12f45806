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
