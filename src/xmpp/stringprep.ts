// stringprep (RFC 3454) nodeprep/resourceprep/nameprep for JIDs and room nicknames — XEP-0045 §17.1 (Addresses)
import { ForgetfulMemo } from './forgetful-memo.js';
import {
  A1,
  B1,
  B2_MULTI,
  B2_RUNS,
  C3,
  C4,
  C5,
  C6,
  C7,
  C8,
  C9,
  C11,
  C12,
  C21,
  C22,
  D1,
  D2,
} from './stringprep-tables.js';

export interface StringprepOptions {
  /**
   * Prohibit code points unassigned in Unicode 3.2 (RFC 3454 §7 "stored strings"), as Prosody
   * does for nicknames. Without it the string is prepared as a query and they pass through.
   */
  strict?: boolean;
}

interface Profile {
  caseFold: boolean;
  /** Merged flat [first, last] pairs of every code point the profile prohibits. */
  prohibited: readonly number[];
  /** Inputs already prepared, as a query and as a stored string: their output, or undefined if refused. */
  prepared: readonly [PreparedMemo, PreparedMemo];
}

type PreparedMemo = ForgetfulMemo<string, string | undefined>;

/** How many prepared strings each profile remembers per mode (it forgets them all beyond). */
const preparedMemo = (): PreparedMemo => new ForgetfulMemo(4096);

/** RFC 6122 §2.1: "Each allowable portion of a JID ... MUST NOT be more than 1023 bytes in length". */
const MAX_BYTES = 1023;

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** RFC 3920 Appendix A.5: nodeprep also prohibits " & ' / : < > @. */
const NODEPREP_ASCII = Array.from('"&\'/:<>@', (c) => [c.charCodeAt(0), c.charCodeAt(0)]).flat();

const NODEPREP: Profile = {
  caseFold: true,
  prohibited: union(C11, C12, C21, C22, C3, C4, C5, C6, C7, C8, C9, NODEPREP_ASCII),
  prepared: [preparedMemo(), preparedMemo()],
};
const RESOURCEPREP: Profile = {
  caseFold: false,
  prohibited: union(C12, C21, C22, C3, C4, C5, C6, C7, C8, C9),
  prepared: [preparedMemo(), preparedMemo()],
};
const NAMEPREP: Profile = {
  caseFold: true,
  prohibited: union(C12, C22, C3, C4, C5, C6, C7, C8, C9),
  prepared: [preparedMemo(), preparedMemo()],
};

/**
 * Prepares a JID localpart (RFC 3920 Appendix A / RFC 6122 Appendix A): case-folded, and
 * without spaces or `" & ' / : < > @`. Returns undefined when the input is prohibited.
 * The empty string prepares to '': whether an empty part is allowed is the caller's rule.
 */
export function nodeprep(input: string, options: StringprepOptions = {}): string | undefined {
  return prepare(input, NODEPREP, options.strict === true);
}

/**
 * Prepares a JID resourcepart or a room nickname (RFC 3920 Appendix B / RFC 6122 Appendix B):
 * case and ASCII spaces are kept. Returns undefined when the input is prohibited; '' stays ''.
 */
export function resourceprep(input: string, options: StringprepOptions = {}): string | undefined {
  return prepare(input, RESOURCEPREP, options.strict === true);
}

/** Prepares a domain label (RFC 3491 nameprep). Returns undefined when prohibited; '' stays ''. */
export function nameprep(input: string, options: StringprepOptions = {}): string | undefined {
  return prepare(input, NAMEPREP, options.strict === true);
}

/** `prepareUncached`, once per input: the same few nicks and addresses come back stanza after stanza. */
function prepare(input: string, profile: Profile, strict: boolean): string | undefined {
  // Prosody refuses inputs of 1024 bytes or more (a UTF-16 unit is at least one byte).
  if (input.length > MAX_BYTES) return undefined;
  const prepared = profile.prepared[strict ? 1 : 0];
  return prepared.get(input, (uncached) => prepareUncached(uncached, profile, strict));
}

function prepareUncached(input: string, profile: Profile, strict: boolean): string | undefined {
  // Prosody refuses inputs of 1024 bytes or more before preparing them.
  if (utf8Length(input) > MAX_BYTES) return undefined;
  let output: string | undefined;
  if (PRINTABLE_ASCII.test(input)) {
    // Printable ASCII is assigned, not in B.1 and NFKC-stable: only case folding applies.
    output = profile.caseFold ? input.toLowerCase() : input;
  } else {
    output = mapAndNormalize(input, profile.caseFold, strict);
    if (output === undefined) return undefined;
  }
  const codePoints = toCodePoints(output);
  if (codePoints.some((cp) => inRanges(profile.prohibited, cp))) return undefined;
  if (!passesBidi(codePoints) || utf8Length(output) > MAX_BYTES) return undefined;
  return output;
}

/**
 * RFC 3454 §3 mapping, then §4 NFKC as of Unicode 3.2, which today's NFKC matches on Unicode 3.2
 * characters (normalization stability) except the five CJK compatibility ideographs fixed by
 * Corrigendum #4 (U+2F868, U+2F874, U+2F91F, U+2F95F, U+2F9BF). A code point unassigned in 3.2
 * had no decomposition and combining class 0, so it passes through unchanged and blocks
 * composition: the text between such code points is normalized piecewise. Returns undefined
 * for one in strict mode.
 */
function mapAndNormalize(input: string, caseFold: boolean, strict: boolean): string | undefined {
  let output = '';
  let segment = '';
  for (const c of input) {
    const cp = c.codePointAt(0)!;
    if (!inRanges(A1, cp)) {
      segment += mapCodePoint(cp, caseFold);
    } else if (strict) {
      return undefined;
    } else {
      output += segment.normalize('NFKC') + c;
      segment = '';
    }
  }
  return output + segment.normalize('NFKC');
}

/** RFC 3454 §3: B.1 maps to nothing; B.2 case-folds in the profiles that fold case. */
function mapCodePoint(cp: number, caseFold: boolean): string {
  if (inRanges(B1, cp)) return '';
  if (!caseFold) return String.fromCodePoint(cp);
  const multi = B2_MULTI.get(cp);
  if (multi !== undefined) return multi;
  const run = findRange(B2_RUNS, 4, cp);
  const folds = run >= 0 && (cp - B2_RUNS[run]) % B2_RUNS[run + 2] === 0;
  return String.fromCodePoint(folds ? cp + B2_RUNS[run + 3] : cp);
}

/**
 * RFC 3454 §6: "If a string contains any RandALCat character, the string MUST NOT contain any
 * LCat character." and "a RandALCat character MUST be the first character of the string, and a
 * RandALCat character MUST be the last character of the string." (C.8 is prohibited already.)
 */
function passesBidi(codePoints: readonly number[]): boolean {
  if (!codePoints.some((cp) => inRanges(D1, cp))) return true;
  return (
    inRanges(D1, codePoints[0]) &&
    inRanges(D1, codePoints[codePoints.length - 1]) &&
    !codePoints.some((cp) => inRanges(D2, cp))
  );
}

function inRanges(ranges: readonly number[], cp: number): boolean {
  return findRange(ranges, 2, cp) >= 0;
}

/** Binary search over flat records of `stride` numbers starting [first, last, ...]; -1 if none. */
function findRange(records: readonly number[], stride: number, cp: number): number {
  let low = 0;
  let high = records.length / stride - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const at = mid * stride;
    if (cp < records[at]) high = mid - 1;
    else if (cp > records[at + 1]) low = mid + 1;
    else return at;
  }
  return -1;
}

/** Merges flat [first, last] range tables into one sorted table for a single lookup. */
function union(...tables: readonly (readonly number[])[]): number[] {
  const pairs = tables
    .flatMap((table) =>
      Array.from({ length: table.length / 2 }, (_, i) => table.slice(2 * i, 2 * i + 2)),
    )
    .sort((a, b) => a[0] - b[0]);
  const merged: number[] = [];
  for (const [first, last] of pairs) {
    const end = merged.length - 1;
    if (end > 0 && first <= merged[end] + 1) merged[end] = Math.max(merged[end], last);
    else merged.push(first, last);
  }
  return merged;
}

function toCodePoints(s: string): number[] {
  return Array.from(s, (c) => c.codePointAt(0)!);
}

function utf8Length(s: string): number {
  let bytes = 0;
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return bytes;
}
