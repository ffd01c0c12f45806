// Each invariant of the fuzzer can fail: a bug written into a copy of the MUC core is reported, by the right invariant, within a bounded number of stanzas — XEP-0045 §5, §7, §10, §17
import { afterAll, describe, expect, it } from 'vitest';
import { type CoreCopy, coreWithFault } from './fuzz-faults/core-copy.js';
import { FAULTS } from './fuzz-faults/faults.js';

/** Every fault is reported within this many stanzas of each seed below. */
const BOUND = 30_000;
const SEEDS = [1, 2, 3];
const CAST = { users: 8, rooms: 4 };

const copies: CoreCopy[] = [];
/** Removing the copies' files can take long on a busy machine: the hook's own timeout. */
afterAll(() => {
  for (const copy of copies) copy.remove();
}, 60_000);

describe('the fuzzer reports a bug written into a copy of the core', () => {
  it.each(FAULTS.map((fault) => [fault.name, fault] as const))(
    '%s',
    async (_name, fault) => {
      const copy = await coreWithFault(fault);
      copies.push(copy);
      for (const seed of SEEDS) {
        const result = copy.fuzz.fuzz({ seed, stanzas: BOUND, ...CAST });
        expect(result.violation, `${fault.what}: not reported in ${BOUND} stanzas`).toBeDefined();
        expect(fault.invariants, result.violation?.detail).toContain(result.violation?.invariant);
      }
    },
    60_000,
  );

  it('and the same seeds on an unchanged copy report nothing', async () => {
    const copy = await coreWithFault({ name: 'none', edits: [] });
    copies.push(copy);
    for (const seed of SEEDS) {
      const result = copy.fuzz.fuzz({ seed, stanzas: BOUND, ...CAST });
      expect(result.violation?.detail).toBeUndefined();
      expect(result.stanzas).toBe(BOUND);
    }
  }, 120_000);
});
