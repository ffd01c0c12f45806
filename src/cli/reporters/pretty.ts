// The human reporter: a line per script, and for a failure the expected stanza, the closest one, a diff and what was skipped (XEP-0045 stanzas)
import type { Element } from 'ltx';
import { visibleText } from '../../xmpp/visible.js';
import { prettyXml } from '../../xmpp/xml.js';
import type { Palette } from '../colors.js';
import type { CliIo } from '../io.js';
import { extrasLine, failedStep, type Reporter, reportPassed, skippedCount } from './report.js';

/** Script and server text is shown visibly: an escape sequence in a stanza never drives the terminal. */
function indent(text: string, prefix = '      '): string {
  return visibleText(text)
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');
}

function oneLine(stanza: Element): string {
  const text = visibleText(stanza.toString());
  return text.length > 140 ? `${text.slice(0, 137)}...` : text;
}

export function prettyReporter(io: CliIo, palette: Palette): Reporter {
  return {
    script(report) {
      const skipped = skippedCount(report);
      const timing = palette.dim(`${report.durationMs.toFixed(0)} ms`);
      if (report.inputError) {
        io.out(`${palette.red('✘')} ${report.path}\n${indent(report.inputError, '    ')}\n`);
        return;
      }
      const steps = report.result?.steps.length ?? 0;
      const details = palette.dim(`(${steps} steps, ${skipped} skipped)`);
      if (reportPassed(report)) {
        io.out(`${palette.green('✔')} ${report.path} ${details} ${timing}\n`);
        return;
      }
      io.out(`${palette.red('✘')} ${report.path} ${details} ${timing}\n`);
      const step = failedStep(report);
      if (!step) return;
      const action = step.action;
      const where = `${report.path}:${action.line}:${action.column}`;
      io.out(
        `    ${palette.bold(`step ${step.index + 1}`)} ${where}: ${action.client} ${action.kind}\n`,
      );
      if (step.reason) io.out(`    ${palette.red(visibleText(step.reason))}\n`);
      if (step.expected) io.out(`    expected:\n${indent(prettyXml(step.expected, '  '))}\n`);
      if (step.closest) io.out(`    closest received:\n${indent(prettyXml(step.closest, '  '))}\n`);
      if (step.diff) io.out(`    diff (- expected, + received):\n${indent(step.diff)}\n`);
      if (step.skipped.length > 0) {
        io.out(`    skipped ${step.skipped.length} stanza(s) before failing:\n`);
        for (const stanza of step.skipped) io.out(`${indent(palette.dim(oneLine(stanza)))}\n`);
      }
    },
    end(summary) {
      const passed = summary.reports.filter(reportPassed).length;
      const failed = summary.reports.length - passed;
      const line = `${passed} passed, ${failed} failed (${summary.reports.length} scripts) in ${summary.durationMs.toFixed(0)} ms`;
      const extras = extrasLine(summary.extras);
      if (extras) io.out(`\n${palette.yellow(extras)}`);
      io.out(`\n${failed === 0 ? palette.green(line) : palette.red(line)}\n`);
    },
  };
}
