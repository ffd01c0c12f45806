// The benchmark table printed by `npm run bench`: every figure against its goal, in one table — how fast the XEP-0045 simulator and its debugger are (§7.2.3, §7.4)
import type { Figure } from './figures.js';
import type { BenchResults } from './results.js';

const VERDICTS: Record<Figure['verdict'], string> = {
  met: 'met',
  missed: 'MISSED',
  'no goal': '',
  'not measured': 'not measured',
};

function verdict(figure: Figure): string {
  return figure.missedBy ? `MISSED by ${figure.missedBy}` : VERDICTS[figure.verdict];
}

/** Columns padded to their widest cell; section names on lines of their own. */
function table(figures: Figure[]): string[] {
  const rows = figures.map((figure) => [
    `  ${figure.name}`,
    figure.shown,
    figure.goal,
    verdict(figure),
    figure.detail ?? '',
  ]);
  const header = ['Figure', 'measured', 'goal', 'verdict', 'details'];
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (row: string[]) =>
    row
      .map((cell, column) =>
        column === 1 ? cell.padStart(widths[1]!) : cell.padEnd(widths[column]!),
      )
      .join('   ')
      .trimEnd();
  const out = [line(header)];
  figures.forEach((figure, index) => {
    if (figure.section !== figures[index - 1]?.section) out.push('', figure.section);
    out.push(line(rows[index]!));
  });
  return out;
}

function tally(figures: Figure[]): string {
  const counted = (verdict: Figure['verdict']) =>
    figures.filter((figure) => figure.verdict === verdict).length;
  return [
    `${counted('met')} goals met`,
    `${counted('missed')} missed`,
    `${counted('not measured')} not measured here`,
  ].join(', ');
}

export function formatReport(results: BenchResults, figures: Figure[]): string {
  return [
    `mucsim benchmarks${results.quick ? ' (quick: small sizes, only checks that they run)' : ''}`,
    `${results.date} · Node ${results.node} · ${results.cpus} · load average ${results.load}`,
    '',
    ...table(figures),
    '',
    tally(figures),
  ].join('\n');
}
