// Tests for the fuzzer: clean seeds stay clean, runs are deterministic, and injected bugs are caught and shrunk (XEP-0045 §5, §7, §17)
import { describe, expect, it } from 'vitest';
import {
  fuzz,
  makeCast,
  recordViolation,
  replay,
  scriptToActions,
  shrink,
  writeRepro,
} from '../../../src/fuzz/index.js';
import { FEATURES } from '../../../src/muc/features/index.js';
import type { Feature } from '../../../src/muc/hooks.js';
import { parseScript } from '../../../src/scansion/parser.js';
import { runScript } from '../../../src/scansion/runner.js';
import { SimTarget } from '../../../src/sim/sim-target.js';

const SMALL = { users: 6, rooms: 3 };

/** The service without its ban check: outcasts walk in (the faults of a copied core are in test/fuzz-faults). */
const withoutBans = FEATURES.filter((feature) => feature.name !== 'banned');

/** Finds the first violation of a buggy service and shrinks it. */
async function catchAndShrink(features: Feature[], seed = 1) {
  const result = fuzz({ seed, stanzas: 20_000, ...SMALL, features, record: true });
  expect(result.violation).toBeDefined();
  const cast = makeCast(SMALL.users, SMALL.rooms);
  const shrunk = await shrink(cast, result.actions!, result.violation!.invariant, { features });
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
  it('catches outcasts let in, and shrinks it to a short script that replays', async () => {
    const { result, cast, shrunk } = await catchAndShrink(withoutBans);
    expect(result.violation!.invariant).toBe('occupancy');
    expect(result.violation!.detail).toMatch(/the outcast u\d@localhost entered/);
    expect(shrunk.actions.length).toBeLessThanOrEqual(8);
    expect(shrunk.actions.length).toBeLessThan(result.actions!.length);
    const info = { seed: 1, ...SMALL, step: result.violation!.step };
    const repro = writeRepro(cast, shrunk.actions, result.violation!, info, withoutBans);
    expect(repro.violation?.invariant).toBe('occupancy');
    expect(repro.text).toMatch(/^# mucsim fuzz: occupancy violated\n/);
    expect(repro.text).toContain('# Step ');
    // The script is a scansion script `mucsim run` replays green against the same service…
    const script = parseScript(repro.text, 'repro.scs');
    const run = await runScript(script, new SimTarget({ features: withoutBans }));
    const failed = run.steps.find((step) => step.status === 'failed');
    expect(run.passed, JSON.stringify(failed?.reason)).toBe(true);
    // …and read back, its steps show the same violation, which the real service does not have.
    const actions = scriptToActions(script);
    expect(replay(cast, actions, withoutBans).violation?.invariant).toBe('occupancy');
    expect(replay(cast, actions).violation).toBeUndefined();
  });

  it('records the steps behind a violation: its last steps alone when they suffice, else all', () => {
    const cast = makeCast(SMALL.users, SMALL.rooms);
    // Seed 4's outcast entered with a ban among its last 200 steps; seed 1's ban is older.
    const suffice = { seed: 4, stanzas: 20_000, ...SMALL, features: withoutBans };
    const older = { seed: 1, stanzas: 20_000, ...SMALL, features: withoutBans };
    const { violation } = fuzz(suffice);
    expect(violation?.invariant).toBe('occupancy');
    const all = recordViolation(suffice, violation!, violation!.step + 1);
    expect(all).toHaveLength(violation!.step);
    const recent = recordViolation(suffice, violation!, 200);
    // The last 200 steps, after connects for whoever was online.
    expect(recent.length).toBeLessThanOrEqual(200 + cast.clients.length);
    expect(recent.filter((action) => action.kind !== 'connect').length).toBeGreaterThanOrEqual(
      200 - cast.clients.length,
    );
    for (const actions of [all, recent]) {
      expect(replay(cast, actions, withoutBans).violation?.invariant).toBe('occupancy');
    }
    const { violation: late } = fuzz(older);
    expect(late!.step).toBeGreaterThan(200);
    const kept = recordViolation(older, late!, 200);
    expect(kept).toHaveLength(late!.step);
    expect(replay(cast, kept, withoutBans).violation?.invariant).toBe('occupancy');
  });
});
