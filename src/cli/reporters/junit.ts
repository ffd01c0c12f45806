// JUnit XML for CI dashboards: one testcase per script — results of XEP-0045 scenario scripts

import { visibleText } from '../../xmpp/visible.js';
import { canonicalXml, escapeXmlAttr, escapeXmlText } from '../../xmpp/xml.js';
import type { CliIo } from '../io.js';
import { failedStep, type Reporter, reportPassed, type ScriptReport } from './report.js';

function testcase(report: ScriptReport): string {
  const head = `  <testcase classname="mucsim" name="${escapeXmlAttr(report.name)}" time="${(report.durationMs / 1000).toFixed(3)}"`;
  if (reportPassed(report)) return `${head}/>\n`;
  const step = failedStep(report);
  const message = report.inputError ?? step?.reason ?? 'failed';
  const body = [
    step
      ? `${report.path}:${step.action.line}:${step.action.column} ${step.action.client} ${step.action.kind}`
      : '',
    step?.expected ? `expected: ${canonicalXml(step.expected)}` : '',
    step?.closest ? `closest: ${canonicalXml(step.closest)}` : '',
    step?.diff ?? '',
  ]
    .filter(Boolean)
    .join('\n');
  // XML cannot hold control characters, which a live server's stanza may carry: shown as escapes.
  return `${head}>\n    <failure message="${escapeXmlAttr(visibleText(message))}">${escapeXmlText(visibleText(body))}</failure>\n  </testcase>\n`;
}

export function junitReporter(io: CliIo): Reporter {
  return {
    script() {},
    end(summary) {
      const failures = summary.reports.filter((report) => !reportPassed(report)).length;
      io.out('<?xml version="1.0" encoding="UTF-8"?>\n');
      io.out(
        `<testsuite name="mucsim" tests="${summary.reports.length}" failures="${failures}" time="${(summary.durationMs / 1000).toFixed(3)}">\n`,
      );
      if (summary.extras.length > 0) {
        const value = escapeXmlAttr(summary.extras.join(' '));
        io.out(
          `  <properties>\n    <property name="mucsim.extras" value="${value}"/>\n  </properties>\n`,
        );
      }
      for (const report of summary.reports) io.out(testcase(report));
      io.out('</testsuite>\n');
    },
  };
}
