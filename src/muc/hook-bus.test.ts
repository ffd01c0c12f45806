// Tests for the hook bus: Prosody's priority order, first veto wins, iq routing, config form order — XEP-0045 §7.2.17 (error precedence)
import { describe, expect, it } from 'vitest';
import { FEATURES } from './features/index.js';
import { HookBus } from './hook-bus.js';
import type { ConfigField, Feature, HookOutcome, IqHandler, OccupantLeftEvent } from './hooks.js';
import type { Occupant } from './model/occupant.js';
import type { Room } from './room.js';

/** The hooks under test never look at the event, so an empty room and occupant do. */
const leftEvent: OccupantLeftEvent = { room: {} as Room, occupant: {} as Occupant };

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

    bus.fire('muc-occupant-left', leftEvent);

    expect(log).toEqual(['high', 'middle', 'low']);
  });

  it('keeps the feature order between handlers of equal priority', () => {
    const log: string[] = [];
    const bus = new HookBus([feature('first', 0, log), feature('second', 0, log)]);

    bus.fire('muc-occupant-left', leftEvent);

    expect(log).toEqual(['first', 'second']);
  });

  it('stops at the first veto and names the feature that gave it', () => {
    const log: string[] = [];
    const bus = new HookBus([
      feature('banned', -10, log, conflict),
      feature('members-only', -5, log, forbidden),
      feature('nickname', 0, log),
    ]);

    const decision = bus.fire('muc-occupant-left', leftEvent);

    expect(decision).toEqual({ outcome: forbidden, feature: 'members-only' });
    expect(log).toEqual(['nickname', 'members-only']);
  });

  it('stops at a handler that answers "handled"', () => {
    const log: string[] = [];
    const bus = new HookBus([feature('a', 1, log, 'handled'), feature('b', 0, log, forbidden)]);

    expect(bus.fire('muc-occupant-left', leftEvent)).toEqual({ outcome: 'handled', feature: 'a' });
    expect(log).toEqual(['a']);
  });

  it('runs every handler of a notification and answers nothing', () => {
    const log: string[] = [];
    const bus = new HookBus([feature('a', 0, log), feature('b', -1, log), feature('c', 1, log)]);

    const decision = bus.fire('muc-occupant-left', leftEvent);

    expect(decision).toBeUndefined();
    expect(log).toEqual(['c', 'a', 'b']);
  });

  it('answers nothing for a hook no feature handles', () => {
    const log: string[] = [];
    const bus = new HookBus([feature('a', 0, log, forbidden)]);

    expect(bus.fire('muc-room-destroyed', {} as never)).toBeUndefined();
    expect(log).toEqual([]);
  });
});

describe('HookBus.iq', () => {
  it('routes "type namespace" keys to the feature that registered them', () => {
    const get: IqHandler = () => {};
    const set: IqHandler = () => {};
    const bus = new HookBus([
      { name: 'config', section: '§10.2', iq: { 'get urn:owner': get, 'set urn:owner': set } },
    ]);

    expect(bus.iq('get urn:owner')).toEqual({ feature: 'config', handler: get });
    expect(bus.iq('set urn:owner')).toEqual({ feature: 'config', handler: set });
  });

  it('answers undefined for an unknown key', () => {
    const bus = new HookBus([
      { name: 'config', section: '§10.2', iq: { 'get urn:owner': () => {} } },
    ]);

    expect(bus.iq('get urn:admin')).toBeUndefined();
    expect(bus.iq('set urn:owner')).toBeUndefined();
  });

  it('the real feature list routes the muc#owner and muc#admin queries', () => {
    const bus = new HookBus(FEATURES);

    expect(bus.iq('get http://jabber.org/protocol/muc#owner')?.feature).toBe('config');
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
