// The benchmark table printed by `npm run bench`: suite, fan-out, join storms, memory, Prosody, TUI and the targets — how fast the XEP-0045 simulator is (§7.2.3, §7.4)
import type { BenchResults } from './results.js';
import type { Target } from './targets.js';

const count = (value: number) => Math.round(value).toLocaleString('en');
const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const bytes = (value: number) => `${value.toFixed(0)} B`;

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) =>
    Math.max(...rows.map((row) => (row[column] ?? '').length)),
  );
  return rows.map((row) =>
    row
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[0]!) : cell.padStart(widths[column]!),
      )
      .join('   ')
      .trimEnd(),
  );
}

function fanoutRows(results: BenchResults): string[][] {
  const sizes = [...new Set(results.fanout.map((entry) => entry.n))];
  const at = (n: number, trace: boolean) =>
    results.fanout.find((entry) => entry.n === n && entry.trace === trace)!;
  const row = (label: string, cell: (n: number) => string) => [label, ...sizes.map(cell)];
  return [
    row('Fan-out (groupchat, one room)', (n) => `N=${count(n)}`),
    row('  deliveries/s, trace on', (n) => count(at(n, true).deliveriesPerSec)),
    row('  deliveries/s, trace off', (n) => count(at(n, false).deliveriesPerSec)),
    row('  peak heap, trace on', (n) => mb(at(n, true).peakHeapBytes)),
    row('  peak heap, trace off', (n) => mb(at(n, false).peakHeapBytes)),
    row('  peak RSS, trace on', (n) => mb(at(n, true).peakRssBytes)),
    row('  heap per occupant, trace off', (n) => bytes(at(n, false).bytesPerOccupant)),
    row('  heap per connected user', (n) => bytes(at(n, false).bytesPerUser)),
    row('  heap per trace entry', (n) => bytes(at(n, true).traceBytesPerEntry ?? Number.NaN)),
  ];
}

function liveLines(results: BenchResults): string[] {
  const live = results.live;
  if (!live.measured) return [`Against Prosody: not measured (${live.reason})`];
  return [
    'Against Prosody 0.12 (live transport)',
    ...table([
      ['', 'Prosody', 'simulator', 'ratio'],
      [`  suite, all ${live.suite.scripts} scripts`, ms(live.suite.ms), ms(live.simSuiteMs), ''],
      [
        `  suite, the ${live.suite.passed} that pass live`,
        ms(live.passedLiveMs),
        ms(live.passedSimMs),
        `${live.suiteRatio.toFixed(0)}× slower`,
      ],
      ...live.fanout.map((entry) => [
        `  fan-out N=${count(entry.n)}, deliveries/s`,
        count(entry.deliveriesPerSec),
        count(entry.simDeliveriesPerSec),
        `${entry.ratio.toFixed(0)}× faster`,
      ]),
    ]),
  ];
}

export function formatReport(results: BenchResults, targets: Target[]): string {
  const { suite, cli } = results;
  return [
    `mucsim benchmarks${results.quick ? ' (quick: small sizes, only checks that they run)' : ''}`,
    `${results.date} · Node ${results.node} · ${results.cpus}`,
    '',
    ...table([
      [`Suite: ${suite.scripts} scripts (${suite.passed} pass)`, ''],
      ['  one process, first pass (cold)', ms(suite.coldMs)],
      ['  one process, warm pass (median)', ms(suite.warmMs)],
      ['  per script (median)', ms(suite.perScriptMedianMs)],
      [`  mucsim run ${cli.script} (wall, median)`, ms(cli.runOneMs)],
      ['  mucsim run <whole suite> (wall, median)', ms(cli.runSuiteMs)],
      ['  mucsim --help (wall, median)', ms(cli.helpMs)],
    ]),
    '',
    ...table(fanoutRows(results)),
    `  scaling (largest N / smallest N): trace on ${results.scaling.traceOn.toFixed(2)}, trace off ${results.scaling.traceOff.toFixed(2)}`,
    '',
    ...table([
      ['Join storm (N users enter one room)', 'time', 'deliveries', 'deliveries/s'],
      ...results.storm.map((entry) => [
        `  N=${count(entry.n)}, trace ${entry.trace ? 'on' : 'off'}`,
        ms(entry.ms),
        count(entry.deliveries),
        count(entry.deliveriesPerSec),
      ]),
    ]),
    '',
    ...liveLines(results),
    '',
    ...table([
      ['TUI (160×48)', 'first frame', 'key p50', 'key p95'],
      ...results.tui.map((entry) => [
        `  ${count(entry.stanzas)} stanzas`,
        ms(entry.firstFrameMs),
        ms(entry.keyP50Ms),
        ms(entry.keyP95Ms),
      ]),
    ]),
    '',
    ...table([
      [`mucsim serve over TCP (@xmpp/client, raw sockets)`, ''],
      [`  connect → joined, p50 of ${results.serve.clients} clients`, ms(results.serve.joinP50Ms)],
      [`  connect → joined, p95`, ms(results.serve.joinP95Ms)],
      [
        `  stanzas in/s (${count(results.serve.messages)} messages, one sender)`,
        count(results.serve.stanzasInPerSec),
      ],
      [
        `  stanzas out/s (to ${results.serve.occupants} occupants)`,
        count(results.serve.stanzasOutPerSec),
      ],
      ['  stanzas in/s with --record', count(results.serve.recordedInPerSec)],
    ]),
    '',
    ...table([
      ['Targets', 'goal', 'reached', ''],
      ...targets.map((target) => [
        `  ${target.name}`,
        target.goal,
        target.shown,
        target.met ? 'met' : 'NOT MET',
      ]),
    ]),
  ].join('\n');
}
