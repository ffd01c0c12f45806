// Tests for the fuzzer: clean seeds stay clean, runs are deterministic, and injected bugs are caught and shrunk (XEP-0045 §5, §7, §17)
import { Element } from 'ltx';
import { describe, expect, it } from 'vitest';
import { FEATURES } from '../muc/features/index.js';
import type { Feature } from '../muc/hooks.js';
import type { RoomChange } from '../muc/room-change.js';
import { parseScript } from '../scansion/parser.js';
import { runScript } from '../scansion/runner.js';
import { SimTarget } from '../sim/sim-target.js';
import { NS } from '../xmpp/namespaces.js';
import {
  fuzz,
  type InvariantName,
  makeCast,
  recordViolation,
  replay,
  scriptToActions,
  shrink,
  writeRepro,
} from './index.js';

const SMALL = { users: 6, rooms: 3 };

/** The default features with one replaced or added. */
function withFeature(feature: Feature): Feature[] {
  const replaced = FEATURES.some((known) => known.name === feature.name);
  return replaced
    ? FEATURES.map((known) => (known.name === feature.name ? feature : known))
    : [...FEATURES, feature];
}

const admin = FEATURES.find((feature) => feature.name === 'admin')!;

/** An admin feature with a bug: participants may kick (no privilege check for them). */
const participantsMayKick = withFeature({
  ...admin,
  iq: {
    ...admin.iq,
    [`set ${NS.mucAdmin}`]: (context) => {
      const item = context.payload.getChild('item');
      const nick = item?.attrs.nick;
      if (
        item?.attrs.role === 'none' &&
        nick !== undefined &&
        context.occupant?.role === 'participant'
      ) {
        const kick = { kind: 'role', actor: 'room', nick, role: 'none' } as const;
        return { changes: [{ ...kick, answer: context.stanza }] };
      }
      return admin.iq![`set ${NS.mucAdmin}`]!(context);
    },
  },
});

/** Finds the first violation of a buggy service and shrinks it. */
function catchAndShrink(features: Feature[], seed = 1) {
  const result = fuzz({ seed, stanzas: 20_000, ...SMALL, features, record: true });
  expect(result.violation).toBeDefined();
  const cast = makeCast(SMALL.users, SMALL.rooms);
  const shrunk = shrink(cast, result.actions!, result.violation!.invariant, { features });
  return { result, cast, shrunk };
}

describe('fuzz on the real service', () => {
  it.each([1, 2, 3])('seed %i: 2,000 stanzas, no violation', (seed) => {
    const result = fuzz({ seed, stanzas: 2000, users: 8, rooms: 4 });
    expect(result.violation).toBeUndefined();
    expect(result.stanzas).toBe(2000);
    expect(result.checks).toBeGreaterThan(result.steps);
  });

  it('is deterministic: the same seed delivers the same stanzas, another seed others', () => {
    const first = fuzz({ seed: 42, stanzas: 1500, ...SMALL, hash: true });
    const second = fuzz({ seed: 42, stanzas: 1500, ...SMALL, hash: true });
    const other = fuzz({ seed: 43, stanzas: 1500, ...SMALL, hash: true });
    expect(first.hash).toMatch(/^[0-9a-f]{8}$/);
    expect(second.hash).toBe(first.hash);
    expect(second.steps).toBe(first.steps);
    expect(other.hash).not.toBe(first.hash);
  });

  it('stops at maxSteps and records the actions it applied', () => {
    const result = fuzz({ seed: 5, stanzas: 1000, ...SMALL, record: true, maxSteps: 50 });
    expect(result.steps).toBe(50);
    expect(result.actions).toHaveLength(50);
    expect(replay(result.cast, result.actions!).violation).toBeUndefined();
  });
});

describe('fuzz with an injected bug', () => {
  it('catches a participant who kicks, and shrinks it to a short script that replays', async () => {
    const { result, cast, shrunk } = catchAndShrink(participantsMayKick);
    expect(result.violation!.invariant).toBe('privileges');
    expect(result.violation!.detail).toMatch(/Table 3: moderators only/);
    expect(shrunk.actions.length).toBeLessThanOrEqual(8);
    expect(shrunk.actions.length).toBeLessThan(result.actions!.length);
    const repro = writeRepro(
      cast,
      shrunk.actions,
      result.violation!,
      { seed: 1, ...SMALL, step: result.violation!.step },
      participantsMayKick,
    );
    expect(repro.violation?.invariant).toBe('privileges');
    expect(repro.text).toMatch(/^# mucsim fuzz: privileges violated\n/);
    expect(repro.text).toContain('# Step ');
    // The script is a scansion script `mucsim run` replays green against the same service…
    const script = parseScript(repro.text, 'repro.scs');
    const target = new SimTarget({ features: participantsMayKick });
    const run = await runScript(script, target);
    expect(
      run.passed,
      JSON.stringify(run.steps.find((step) => step.status === 'failed')?.reason),
    ).toBe(true);
    // …and read back, its steps show the same violation, which the real service does not have.
    const actions = scriptToActions(script);
    expect(replay(cast, actions, participantsMayKick).violation?.invariant).toBe('privileges');
    expect(replay(cast, actions).violation).toBeUndefined();
  });

  it('records the steps behind a violation: its last steps alone when they suffice, else all', () => {
    const features = FEATURES.filter((feature) => feature.name !== 'banned');
    // A seed whose first violation its last 200 steps reproduce (with seed 1 they do not: the
    // ban it needs is older).
    const options = { seed: 7, stanzas: 20_000, ...SMALL, features };
    const { violation } = fuzz(options);
    expect(violation?.invariant).toBe('occupancy');
    const cast = makeCast(SMALL.users, SMALL.rooms);
    const all = recordViolation(options, violation!, violation!.step + 1);
    expect(all).toHaveLength(violation!.step);
    const recent = recordViolation(options, violation!, 200);
    // The last 200 steps, after connects for whoever was online: enough here.
    expect(recent.length).toBeLessThanOrEqual(200 + cast.clients.length);
    expect(recent.filter((action) => action.kind !== 'connect').length).toBeGreaterThanOrEqual(
      200 - cast.clients.length,
    );
    for (const actions of [all, recent]) {
      expect(replay(cast, actions, features).violation?.invariant).toBe('occupancy');
    }
  });

  const bugs: [string, InvariantName, Feature][] = [
    [
      'a crash on a greeting',
      'no-crash',
      {
        name: 'crashy',
        section: '§7.4',
        hooks: {
          'muc-occupant-groupchat': {
            priority: 100,
            run: ({ stanza }) => {
              if (stanza.getChildText('body') === 'Hi all') throw new Error('boom');
              return undefined;
            },
          },
        },
      },
    ],
    ['outcasts let in', 'occupancy', { name: 'banned', section: '§7.2.7' }],
    [
      'real JIDs on every presence',
      'anonymity',
      {
        name: 'leaky',
        section: '§7.2.3',
        hooks: {
          'muc-build-occupant-presence': {
            priority: 0,
            run: ({ presence, occupant }) => {
              presence.getChild('x', NS.mucUser)?.c('item', { jid: occupant.primaryJid });
            },
          },
        },
      },
    ],
    [
      'two answers to a disco#info',
      'request-reply',
      {
        name: 'chatty',
        section: '§6.4',
        iq: {
          [`get ${NS.discoInfo}`]: ({ out, stanza }) => {
            for (let copy = 0; copy < 2; copy += 1) {
              out.send(
                new Element('iq', {
                  type: 'result',
                  to: stanza.attrs.from,
                  from: stanza.attrs.to,
                  id: stanza.attrs.id,
                }),
                'chatty',
              );
            }
            return undefined;
          },
        },
      },
    ],
    [
      'voice for visitors who ask',
      'roles',
      {
        name: 'generous',
        section: '§7.13',
        hooks: {
          'muc-voice-request': {
            priority: 100,
            run: ({ occupant }) => {
              if (occupant.role !== 'visitor') return undefined;
              const nick = occupant.nick;
              const voice: RoomChange = { kind: 'role', actor: 'room', nick, role: 'participant' };
              return { handled: true, changes: [voice] };
            },
          },
        },
      },
    ],
  ];

  it.each(bugs)('catches %s (%s) and shrinks it', (_name, invariant, feature) => {
    const features = withFeature(feature);
    const { result, shrunk } = catchAndShrink(features);
    expect(result.violation!.invariant).toBe(invariant);
    expect(shrunk.actions.length).toBeLessThanOrEqual(12);
    expect(
      replay(makeCast(SMALL.users, SMALL.rooms), shrunk.actions, features).violation?.invariant,
    ).toBe(invariant);
  });
});
