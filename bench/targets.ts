// The speed targets of the XEP-0045 simulator, checked against the measured figures — fan-out (§7.4), join storms (§7.2.3), the suite and the debugger
import type { BenchResults } from './results.js';

export interface Target {
  name: string;
  /** `≥ 1,000,000 /s`, `< 1 s`… */
  goal: string;
  value: number;
  shown: string;
  met: boolean;
}

const count = (value: number) => Math.round(value).toLocaleString('en');
const ms = (value: number) => `${value.toFixed(0)} ms`;

function atLeast(name: string, goal: number, value: number, shown: string): Target {
  return { name, goal: `≥ ${count(goal)}`, value, shown, met: value >= goal };
}

function below(name: string, goal: string, limit: number, value: number, shown: string): Target {
  return { name, goal, value, shown, met: value < limit };
}

export function checkTargets(results: BenchResults): Target[] {
  const fanout = (trace: boolean) => results.fanout.filter((entry) => entry.trace === trace);
  const slowest = (trace: boolean) => Math.min(...fanout(trace).map((e) => e.deliveriesPerSec));
  const largest = results.tui.reduce((a, b) => (b.stanzas > a.stanzas ? b : a));
  const tuiLabel = `with ${count(largest.stanzas)} stanzas`;
  return [
    atLeast(
      'fan-out, trace off, deliveries/s (slowest N)',
      1e6,
      slowest(false),
      count(slowest(false)),
    ),
    atLeast(
      'fan-out, trace on, deliveries/s (slowest N)',
      3e5,
      slowest(true),
      count(slowest(true)),
    ),
    {
      name: 'heap per trace entry',
      goal: '≤ 300 B',
      value: results.memory.traceBytesPerEntry,
      shown: `${results.memory.traceBytesPerEntry.toFixed(0)} B`,
      met: results.memory.traceBytesPerEntry <= 300,
    },
    {
      name: 'heap per occupant, trace off',
      goal: '≤ 1,024 B',
      value: results.memory.bytesPerOccupant,
      shown: `${results.memory.bytesPerOccupant.toFixed(0)} B`,
      met: results.memory.bytesPerOccupant <= 1024,
    },
    ...(['traceOn', 'traceOff'] as const).map((key) => ({
      name: `scaling, largest N / smallest N, ${key === 'traceOn' ? 'trace on' : 'trace off'}`,
      goal: '≥ 0.8',
      value: results.scaling[key],
      shown: results.scaling[key].toFixed(2),
      met: results.scaling[key] >= 0.8,
    })),
    below(
      'suite in one process (first pass)',
      '< 1 s',
      1000,
      results.suite.coldMs,
      ms(results.suite.coldMs),
    ),
    below(
      'mucsim run <one script>',
      '< 300 ms',
      300,
      results.cli.runOneMs,
      ms(results.cli.runOneMs),
    ),
    below('mucsim --help', '< 200 ms', 200, results.cli.helpMs, ms(results.cli.helpMs)),
    below(
      `TUI first frame ${tuiLabel}`,
      '< 500 ms',
      500,
      largest.firstFrameMs,
      ms(largest.firstFrameMs),
    ),
    below(
      `TUI keypress → frame p95 ${tuiLabel}`,
      '< 50 ms',
      50,
      largest.keyP95Ms,
      ms(largest.keyP95Ms),
    ),
  ];
}
