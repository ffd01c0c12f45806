// The machine charts are drawn from the definitions: every state, initial and final markers, guards — and a changed chart changes the drawing (XEP-0045 §10.1, §5.1)

import { describe, expect, it } from 'vitest';
import { createMachine, setup } from 'xstate';
import {
  guardLabel,
  machineChart,
  machineOutline,
  outlineLines,
  stateDiagram,
  stateKeys,
} from '../../../src/export/machine-chart.js';
import { occupantMachine } from '../../../src/muc/occupant-machine.js';
import { roomMachine } from '../../../src/muc/room-machine.js';
import { checkStateDiagram } from '../../helpers/mermaid-syntax.js';

interface ConfigState {
  states?: Record<string, ConfigState>;
}

/** State keys read straight from a machine's config, independently of the generator. */
function configKeys(config: ConfigState): string[] {
  return Object.entries(config.states ?? {}).flatMap(([key, child]) => [key, ...configKeys(child)]);
}

const room = machineChart(roomMachine);
const occupant = machineChart(occupantMachine);

describe('the real charts', () => {
  it('contain every state of both machines', () => {
    const keys = [
      ...configKeys(roomMachine.config as ConfigState),
      ...configKeys(occupantMachine.config as ConfigState),
    ];
    expect(keys).toEqual(
      expect.arrayContaining(['locked', 'open', 'destroyed', 'joining', 'present', 'gone']),
    );
    const drawn = checkStateDiagram(stateDiagram([room, occupant]));
    expect(drawn.errors).toEqual([]);
    for (const key of keys) expect(drawn.states).toContain(key);
    const outline = machineOutline([room, occupant]);
    for (const key of keys) expect(outline).toMatch(new RegExp(`^ +(▶ )?${key}\\b`, 'm'));
  });

  it('draws the room lifecycle with its initial and final states', () => {
    const text = stateDiagram([room]);
    expect(text.split('\n')).toEqual(
      expect.arrayContaining([
        'stateDiagram-v2',
        '  [*] --> locked',
        '  locked --> open : room.configured',
        '  locked --> open : lock.expired',
        '  open --> destroyed : room.destroyed',
        '  destroyed --> [*]',
      ]),
    );
  });

  it('nests the roles inside present, with its initial state, and shows guards from their params', () => {
    const text = stateDiagram([occupant]);
    expect(text).toContain(
      '  state present {\n    [*] --> participant\n    visitor\n    participant\n    moderator\n  }',
    );
    expect(text).toContain('  joining --> moderator : occupant.admitted [role = moderator]');
    expect(text).toContain('  present --> gone : role.changed [role = none]');
    expect(text).toContain('  present --> present : nick.changed');
    expect(text).toContain('  gone --> [*]');
    expect(checkStateDiagram(text).errors).toEqual([]);
  });

  it('wraps several machines each in a state named after it', () => {
    const text = stateDiagram([room, occupant]);
    expect(text).toContain('  state room {\n    [*] --> locked');
    expect(text).toContain('  state occupant {\n    [*] --> joining');
  });

  it('fences for Markdown on request', () => {
    expect(stateDiagram([room], { markdown: true })).toMatch(
      /^```mermaid\nstateDiagram-v2\n[\s\S]*\n```\n$/,
    );
  });

  it('outlines the chart with descriptions, transitions and the current state marked', () => {
    const lines = outlineLines(occupant, 'moderator');
    expect(lines[0]?.text).toBe('occupant machine');
    expect(lines.find((line) => line.current)?.text).toMatch(/^▶ moderator — /);
    expect(lines.map((line) => line.text)).toContain('role.changed [role = none] → gone');
    expect(lines.map((line) => line.text)).toContain('nick.changed ↺');
    expect(lines.find((line) => line.text.startsWith('participant'))?.text).toMatch(
      /^participant \(initial\)/,
    );
  });
});

describe('nothing is hard-coded', () => {
  it('shows a state added to a copy of the room machine', () => {
    const config = roomMachine.config as {
      states: Record<string, { on?: Record<string, unknown> }>;
    };
    const copy = createMachine({
      ...(roomMachine.config as object),
      states: {
        ...config.states,
        open: { on: { ...config.states.open?.on, 'room.archived': 'archived' } },
        archived: { type: 'final', description: 'Kept for the records' },
      },
    } as Parameters<typeof createMachine>[0]);
    const chart = machineChart(copy);
    expect(stateKeys(chart)).toEqual(['locked', 'open', 'destroyed', 'archived']);
    const text = stateDiagram([chart]);
    expect(text).toContain('  open --> archived : room.archived');
    expect(text).toContain('  archived --> [*]');
    expect(machineOutline([chart])).toContain('archived (final) — Kept for the records');
    expect(stateDiagram([room])).not.toContain('archived');
  });

  it('draws delayed, eventless and parallel charts, with unique ids for repeated keys', () => {
    const machine = setup({ guards: { isReady: () => true } }).createMachine({
      id: 'demo',
      initial: 'waiting',
      states: {
        waiting: { after: { 1000: 'busy' }, always: { target: 'done', guard: 'isReady' } },
        busy: {
          type: 'parallel',
          states: {
            left: { initial: 'idle', states: { idle: { on: { go: 'run' } }, run: {} } },
            right: { initial: 'idle', states: { idle: {} } },
          },
          on: { 'demo.end': 'done' },
        },
        done: { type: 'final' },
      },
    });
    const text = stateDiagram([machineChart(machine)]);
    const checked = checkStateDiagram(text);
    expect(checked.errors).toEqual([]);
    expect(text).toContain('waiting --> busy : after 1000 ms');
    expect(text).toContain('waiting --> done : always [isReady]');
    expect(text).toMatch(/state demo_busy_left_idle|state "idle" as demo_busy_left_idle/);
    expect(text).toContain('state "idle" as demo_busy_right_idle');
    expect(text).toMatch(/\n {4}--\n/);
  });
});

describe('guardLabel', () => {
  it('reads params, names and functions', () => {
    expect(guardLabel({ type: 'isRole', params: { role: 'visitor' } })).toBe('role = visitor');
    expect(guardLabel({ type: 'isOpen' })).toBe('isOpen');
    expect(guardLabel('isOpen')).toBe('isOpen');
    expect(guardLabel(function hasVoice() {})).toBe('hasVoice');
    expect(guardLabel(undefined)).toBeUndefined();
  });
});
