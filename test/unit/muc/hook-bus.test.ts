// Tests for the hook bus: Prosody's priority order, first veto wins, iq routing, config form order — XEP-0045 §7.2.17 (error precedence)
import { describe, expect, it } from 'vitest';
import { CORE_IQ } from '../../../src/muc/core/index.js';
import { Effects } from '../../../src/muc/effects.js';
import { FEATURES } from '../../../src/muc/features/index.js';
import { HookBus } from '../../../src/muc/hook-bus.js';
import type {
  ConfigField,
  Feature,
  HookOutcome,
  IqHandler,
  OccupantLeftEvent,
} from '../../../src/muc/hooks.js';
import type { Occupant } from '../../../src/muc/model/occupant.js';
import type { RoomChange } from '../../../src/muc/room-change.js';
import type { RoomView } from '../../../src/muc/room-view.js';

/** The hooks under test never look at the event, so an empty room and occupant do. */
const leftEvent: OccupantLeftEvent = {
  room: {} as RoomView,
  out: new Effects(),
  occupant: {} as Occupant,
};

/** Collects the changes the bus hands over, with the feature that asked. */
function collector(): {
  applied: [string, RoomChange[]][];
  apply: (changes: readonly RoomChange[], feature: string) => void;
} {
  const applied: [string, RoomChange[]][] = [];
  return { applied, apply: (changes, feature) => applied.push([feature, [...changes]]) };
}

const ignore = () => {};

/** A feature with one `muc-occupant-left` handler that logs its name and answers `outcome`. */
function feature(name: string, priority: number, log: string[], outcome?: HookOutcome): Feature {
  return {
    name,
    section: '§0',
    hooks: {
      'muc-occupant-left': {
        priority,
        run: () => {
          log.push(name);
          return outcome;
        },
      },
    },
  };
}

const forbidden: HookOutcome = { veto: { type: 'auth', condition: 'forbidden' } };
const conflict: HookOutcome = { veto: { type: 'cancel', condition: 'conflict' } };

describe('HookBus.fire', () => {
  it('runs handlers from the highest priority to the lowest, whatever the feature order', () => {
    const log: string[] = [];
    const bus = new HookBus([
      feature('low', -10, log),
      feature('high', 2, log),
      feature('middle', 0, log),
    ]);

    bus.fire('muc-occupant-left', leftEvent, ignore);

    expect(log).toEqual(['high', 'middle', 'low']);
  });

  it('keeps the feature order between handlers of equal priority', () => {
    const log: string[] = [];
    const bus = new HookBus([feature('first', 0, log), feature('second', 0, log)]);

    bus.fire('muc-occupant-left', leftEvent, ignore);

    expect(log).toEqual(['first', 'second']);
  });

  it('stops at the first veto and names the feature that gave it', () => {
    const log: string[] = [];
    const bus = new HookBus([
      feature('banned', -10, log, conflict),
      feature('members-only', -5, log, forbidden),
      feature('nickname', 0, log),
    ]);

    const decision = bus.fire('muc-occupant-left', leftEvent, ignore);

    expect(decision).toEqual({ outcome: forbidden, feature: 'members-only' });
    expect(log).toEqual(['nickname', 'members-only']);
  });

  it('stops at a handler that answers "handled"', () => {
    const log: string[] = [];
    const handled: HookOutcome = { handled: true };
    const bus = new HookBus([feature('a', 1, log, handled), feature('b', 0, log, forbidden)]);

    expect(bus.fire('muc-occupant-left', leftEvent, ignore)).toEqual({
      outcome: 'handled',
      feature: 'a',
    });
    expect(log).toEqual(['a']);
  });

  it("applies each handler's changes before the next handler runs, in its feature's name", () => {
    const log: string[] = [];
    const unlock: RoomChange = { kind: 'lifecycle', event: { type: 'room.configured' } };
    const remove: RoomChange = { kind: 'remove', nicks: ['Romeo'], code: '322', tellOthers: false };
    const { applied, apply } = collector();
    const bus = new HookBus([
      feature('lock', 2, log, { changes: [unlock] }),
      feature('members-only', 1, log, { handled: true, changes: [remove] }),
      feature('never', 0, log, forbidden),
    ]);
    const logAtApply: number[] = [];

    const decision = bus.fire('muc-occupant-left', leftEvent, (changes, name) => {
      logAtApply.push(log.length);
      apply(changes, name);
    });

    expect(applied).toEqual([
      ['lock', [unlock]],
      ['members-only', [remove]],
    ]);
    expect(logAtApply).toEqual([1, 2]);
    expect(decision).toEqual({ outcome: 'handled', feature: 'members-only' });
    expect(log).toEqual(['lock', 'members-only']);
  });

  it('runs every handler of a notification and answers nothing', () => {
    const log: string[] = [];
    const bus = new HookBus([feature('a', 0, log), feature('b', -1, log), feature('c', 1, log)]);

    const decision = bus.fire('muc-occupant-left', leftEvent, ignore);

    expect(decision).toBeUndefined();
    expect(log).toEqual(['c', 'a', 'b']);
  });

  it('answers nothing for a hook no feature handles', () => {
    const log: string[] = [];
    const bus = new HookBus([feature('a', 0, log, forbidden)]);

    expect(bus.fire('muc-room-destroyed', {} as never, ignore)).toBeUndefined();
    expect(log).toEqual([]);
  });
});

describe('HookBus.iq', () => {
  it('routes "type namespace" keys to the feature that registered them', () => {
    const get: IqHandler = () => undefined;
    const set: IqHandler = () => undefined;
    const bus = new HookBus([
      { name: 'config', section: '§10.2', iq: { 'get urn:owner': get, 'set urn:owner': set } },
    ]);

    expect(bus.iq('get urn:owner')).toEqual({ feature: 'config', handler: get });
    expect(bus.iq('set urn:owner')).toEqual({ feature: 'config', handler: set });
  });

  it('answers undefined for an unknown key', () => {
    const bus = new HookBus([
      { name: 'config', section: '§10.2', iq: { 'get urn:owner': () => undefined } },
    ]);

    expect(bus.iq('get urn:admin')).toBeUndefined();
    expect(bus.iq('set urn:owner')).toBeUndefined();
  });

  it('the core answers the muc#owner queries, the real feature list the muc#admin ones', () => {
    const bus = new HookBus(FEATURES);

    expect(CORE_IQ.get('get http://jabber.org/protocol/muc#owner')?.part).toBe('config');
    expect(bus.iq('get http://jabber.org/protocol/muc#owner')).toBeUndefined();
    expect(bus.iq('set http://jabber.org/protocol/muc#admin')?.feature).toBe('admin');
  });
});

describe('HookBus.configFields', () => {
  const field = (name: string): ConfigField => ({
    priority: 0,
    field: { var: name, type: 'text-single' },
    read: () => undefined,
    write: () => false,
  });

  it('lists the fields in feature order, then in each feature’s own order', () => {
    const bus = new HookBus([
      { name: 'b', section: '§0', config: [field('b1'), field('b2')] },
      { name: 'none', section: '§0' },
      { name: 'a', section: '§0', config: [field('a1')] },
    ]);

    expect(bus.configFields.map(({ feature, field }) => [feature, field.field.var])).toEqual([
      ['b', 'b1'],
      ['b', 'b2'],
      ['a', 'a1'],
    ]);
  });

  it('follows FEATURES for the real room configuration form', () => {
    const expected = FEATURES.flatMap((feature) =>
      (feature.config ?? []).map((config) => config.field.var),
    );

    const bus = new HookBus(FEATURES);

    expect(bus.configFields.map(({ field }) => field.field.var)).toEqual(expected);
    expect(expected.slice(0, 3)).toEqual([
      'muc#roomconfig_roomname',
      'muc#roomconfig_roomdesc',
      'muc#roomconfig_lang',
    ]);
  });
});
