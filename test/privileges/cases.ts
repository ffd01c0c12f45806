// How a row of the §5 tables becomes a test: its title, its Prosody note, and known simulator failures — XEP-0045 §5
import { it } from 'vitest';

/**
 * What a row says beyond its expected value. mucsim follows Prosody where Prosody departs from
 * the XEP (README, "Where mucsim follows Prosody rather than the XEP"), so the expected value
 * is always Prosody's; `xep` then records the XEP's answer and `prosody` why they differ.
 */
export interface Note {
  /** The XEP's answer, when it is not the expected (Prosody's) one. */
  xep?: string;
  /** Why Prosody answers differently; required whenever `xep` is set. */
  prosody?: string;
}

/**
 * A cell where the simulator is known to give another answer than the expected one: the test
 * runs as `it.fails`, so it turns red the day the simulator is fixed and the mark must go.
 * - `BUG`: the simulator disagrees with both the XEP and Prosody.
 * - `NOT PROSODY`: the simulator follows the XEP where Prosody (its stated reference) does not.
 */
export interface KnownFailure {
  kind: 'BUG' | 'NOT PROSODY';
  /** What the simulator answers instead, in a few words (shown in the title). */
  says: string;
  /** Why, and where in src/ (kept in the data, listed in the report). */
  evidence: string;
}

/** `base → expected (XEP: …; Prosody: …)`, prefixed `BUG:` or `NOT PROSODY:` for known failures. */
export function titleOf(
  base: string,
  expected: string,
  note: Note = {},
  known?: KnownFailure,
): string {
  if (note.xep !== undefined && note.prosody === undefined) {
    throw new Error(`row "${base}" gives the XEP's answer without saying why Prosody differs`);
  }
  const deviation = note.xep === undefined ? '' : ` (XEP: ${note.xep}; Prosody: ${note.prosody})`;
  const prefix = known ? `${known.kind}: ` : '';
  const says = known ? ` — simulator: ${known.says}` : '';
  return `${prefix}${base} → ${expected}${deviation}${says}`;
}

/**
 * Registers one cell's test: `it`, or `it.fails` for a known simulator failure. Only a failed
 * expectation counts as the known failure: any other error (a broken arrangement) is logged and
 * swallowed, so that `it.fails` reports it instead of hiding it.
 */
export function cell(title: string, known: KnownFailure | undefined, body: () => void): void {
  if (!known) {
    it(title, body);
    return;
  }
  it.fails(title, () => {
    try {
      body();
    } catch (error) {
      if (error instanceof Error && error.name === 'AssertionError') throw error;
      console.error('not the known failure:', error);
    }
  });
}

/** A tally of rows per table, so a missing cell shows in the output and fails the count test. */
export class Tally {
  private readonly cells = new Set<string>();
  private readonly marks = { BUG: 0, 'NOT PROSODY': 0 };
  private deviations = 0;

  add(key: string, note: Note = {}, known?: KnownFailure): void {
    if (this.cells.has(key)) throw new Error(`cell ${key} is listed twice`);
    this.cells.add(key);
    if (note.xep !== undefined) this.deviations += 1;
    if (known) this.marks[known.kind] += 1;
  }

  get size(): number {
    return this.cells.size;
  }

  report(table: string): string {
    return `${table}: ${this.size} rows, ${this.deviations} where Prosody differs from the XEP, ${this.marks.BUG} BUG, ${this.marks['NOT PROSODY']} NOT PROSODY`;
  }
}
