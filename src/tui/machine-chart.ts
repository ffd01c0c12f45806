// Text charts of the room and occupant machines, built from their xstate definitions — XEP-0045 §10.1 (locked → open), §10.9 (destroyed), §5.1 (roles)
import { occupantMachine } from '../muc/occupant-machine.js';
import { roomMachine } from '../muc/room-machine.js';

interface StateConfig {
  type?: string;
  initial?: string;
  states?: Record<string, StateConfig>;
  on?: Record<string, unknown>;
}

export interface ChartLine {
  text: string;
  /** The line of the current state. */
  current: boolean;
}

/** `#occupant.present.moderator` → `moderator`; `open` → `open`. */
function targetName(target: unknown): string | undefined {
  const raw = typeof target === 'string' ? target : (target as { target?: unknown })?.target;
  if (typeof raw !== 'string') return undefined;
  return raw.split('.').at(-1);
}

function edges(on: Record<string, unknown> | undefined): string[] {
  if (!on) return [];
  return Object.entries(on).map(([event, spec]) => {
    const targets = (Array.isArray(spec) ? spec : [spec])
      .map(targetName)
      .filter((name): name is string => name !== undefined);
    return targets.length === 0 ? `${event} ↺` : `${event} → ${[...new Set(targets)].join('|')}`;
  });
}

function chartLines(
  states: Record<string, StateConfig>,
  current: string | undefined,
  depth: number,
): ChartLine[] {
  const lines: ChartLine[] = [];
  const pad = '  '.repeat(depth);
  for (const [name, config] of Object.entries(states)) {
    const isCurrent = name === current;
    const marker = isCurrent ? '▶ ' : '  ';
    const final = config.type === 'final' ? ' (final)' : '';
    const shown = isCurrent ? `[${name}]` : name;
    lines.push({ text: `${marker}${pad}${shown}${final}`, current: isCurrent });
    if (config.states) lines.push(...chartLines(config.states, current, depth + 1));
    for (const edge of edges(config.on)) {
      lines.push({ text: `  ${pad}    ${edge}`, current: false });
    }
  }
  return lines;
}

function machineStates(machine: { config: unknown }): Record<string, StateConfig> {
  return ((machine.config as StateConfig).states ?? {}) as Record<string, StateConfig>;
}

/** The room chart (`locked → open → destroyed`) with the given lifecycle marked. */
export function roomChart(current: string | undefined): ChartLine[] {
  return chartLines(machineStates(roomMachine), current, 0);
}

/** The occupant chart (`joining → present{visitor|participant|moderator} → gone`) with its state marked. */
export function occupantChart(current: string | undefined): ChartLine[] {
  return chartLines(machineStates(occupantMachine), current, 0);
}

/** One-line path of a machine's top-level states: `locked → open → destroyed`. */
export function statePath(kind: 'room' | 'occupant'): string {
  const states = machineStates(kind === 'room' ? roomMachine : occupantMachine);
  return Object.entries(states)
    .map(([name, config]) =>
      config.states ? `${name}{${Object.keys(config.states).join(' | ')}}` : name,
    )
    .join(' → ');
}
