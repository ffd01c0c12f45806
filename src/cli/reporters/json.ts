// Machine-readable results: one object per script with its failure and skipped stanzas — XEP-0045 scenario scripts
import { canonicalXml } from '../../xmpp/xml.js';
import type { CliIo } from '../io.js';
import {
  failedStep,
  type Reporter,
  reportPassed,
  type ScriptReport,
  skippedCount,
} from './report.js';

function toJson(report: ScriptReport) {
  const step = failedStep(report);
  return {
    file: report.path,
    title: report.result?.title,
    passed: reportPassed(report),
    steps: report.result?.steps.length ?? 0,
    skipped: skippedCount(report),
    durationMs: Math.round(report.durationMs * 100) / 100,
    inputError: report.inputError,
    failure: step && {
      step: step.index + 1,
      line: step.action.line,
      column: step.action.column,
      client: step.action.client,
      action: step.action.kind,
      reason: step.reason,
      expected: step.expected && canonicalXml(step.expected),
      closest: step.closest && canonicalXml(step.closest),
      diff: step.diff,
      skipped: step.skipped.map(canonicalXml),
    },
  };
}

export function jsonReporter(io: CliIo): Reporter {
  return {
    script() {},
    end(summary) {
      const scripts = summary.reports.map(toJson);
      const passed = scripts.filter((script) => script.passed).length;
      const document = {
        passed,
        failed: scripts.length - passed,
        durationMs: Math.round(summary.durationMs),
        extras: summary.extras,
        scripts,
      };
      io.out(`${JSON.stringify(document, null, 2)}\n`);
    },
  };
}
