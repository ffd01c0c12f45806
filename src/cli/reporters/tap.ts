// TAP 14: one top-level test point per script, with a YAML block for failures — results of XEP-0045 scenario scripts
import { canonicalXml } from '../../xmpp/xml.js';
import type { CliIo } from '../io.js';
import { extrasLine, failedStep, type Reporter, reportPassed, skippedCount } from './report.js';

function yamlString(text: string): string {
  return JSON.stringify(text);
}

export function tapReporter(io: CliIo, total: number): Reporter {
  io.out(`TAP version 14\n1..${total}\n`);
  return {
    script(report, index) {
      const number = index + 1;
      if (reportPassed(report)) {
        io.out(`ok ${number} - ${report.name}\n`);
        return;
      }
      io.out(`not ok ${number} - ${report.name}\n  ---\n`);
      if (report.inputError) {
        io.out(`  message: ${yamlString(report.inputError)}\n  ...\n`);
        return;
      }
      const step = failedStep(report);
      io.out(`  message: ${yamlString(step?.reason ?? 'failed')}\n`);
      if (step) {
        io.out(`  at: ${yamlString(`${report.path}:${step.action.line}:${step.action.column}`)}\n`);
        io.out(`  step: ${yamlString(`${step.action.client} ${step.action.kind}`)}\n`);
        if (step.expected) io.out(`  expected: ${yamlString(canonicalXml(step.expected))}\n`);
        if (step.closest) io.out(`  closest: ${yamlString(canonicalXml(step.closest))}\n`);
      }
      io.out(`  skipped: ${skippedCount(report)}\n  ...\n`);
    },
    end(summary) {
      const extras = extrasLine(summary.extras);
      if (extras) io.out(`# ${extras}\n`);
    },
  };
}
