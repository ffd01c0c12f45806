// The bytes of a .scs file as text: UTF-8 only, and a precise message (with the byte offset) for anything else — scripts of XEP-0045 scenarios
export type Decoded = { ok: true; text: string } | { ok: false; message: string };

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Byte order marks of encodings that are not UTF-8. */
const MARKS: readonly { bytes: readonly number[]; encoding: string }[] = [
  { bytes: [0xff, 0xfe, 0x00, 0x00], encoding: 'UTF-32LE' },
  { bytes: [0x00, 0x00, 0xfe, 0xff], encoding: 'UTF-32BE' },
  { bytes: [0xff, 0xfe], encoding: 'UTF-16LE' },
  { bytes: [0xfe, 0xff], encoding: 'UTF-16BE' },
];

function hex(byte: number): string {
  return `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** The encoding a byte order mark announces, if it is not UTF-8. */
function markedEncoding(bytes: Uint8Array): string | undefined {
  return MARKS.find((mark) => mark.bytes.every((byte, index) => bytes[index] === byte))?.encoding;
}

/** UTF-16 without a mark: text in ASCII has a NUL beside every character. */
function unmarkedUtf16(bytes: Uint8Array): string | undefined {
  const sample = bytes.subarray(0, 512 - (Math.min(bytes.length, 512) % 2));
  if (sample.length < 4) return undefined;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let index = 0; index < sample.length; index += 1) {
    if (sample[index] === 0) {
      if (index % 2 === 0) evenNuls += 1;
      else oddNuls += 1;
    }
  }
  const half = sample.length / 2;
  if (oddNuls >= half * 0.6 && evenNuls === 0) return 'UTF-16LE';
  if (evenNuls >= half * 0.6 && oddNuls === 0) return 'UTF-16BE';
  return undefined;
}

/** Length of the valid UTF-8 sequence at `at`, or 0 (RFC 3629 §4: no overlongs, no surrogates). */
function sequenceLength(bytes: Uint8Array, at: number): number {
  const first = bytes[at] as number;
  if (first < 0x80) return 1;
  const [length, low, high] =
    first >= 0xc2 && first <= 0xdf
      ? [2, 0x80, 0xbf]
      : first === 0xe0
        ? [3, 0xa0, 0xbf]
        : first === 0xed
          ? [3, 0x80, 0x9f]
          : first >= 0xe1 && first <= 0xef
            ? [3, 0x80, 0xbf]
            : first === 0xf0
              ? [4, 0x90, 0xbf]
              : first >= 0xf1 && first <= 0xf3
                ? [4, 0x80, 0xbf]
                : first === 0xf4
                  ? [4, 0x80, 0x8f]
                  : [0, 0, 0];
  if (length === 0) return 0;
  const second = bytes[at + 1];
  if (second === undefined || second < low || second > high) return 0;
  for (let index = 2; index < length; index += 1) {
    const next = bytes[at + index];
    if (next === undefined || next < 0x80 || next > 0xbf) return 0;
  }
  return length;
}

/** Offset of the first byte that does not start a valid UTF-8 sequence, or -1. */
function firstInvalidByte(bytes: Uint8Array): number {
  for (let at = 0; at < bytes.length; ) {
    const length = sequenceLength(bytes, at);
    if (length === 0) return at;
    at += length;
  }
  return -1;
}

/** `line:column` of a byte offset, counting characters of the valid text before it. */
function positionOf(bytes: Uint8Array, offset: number): { line: number; column: number } {
  const before = UTF8.decode(bytes.subarray(0, offset));
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length, column: [...(lines.at(-1) ?? '')].length + 1 };
}

/**
 * Decodes a script, or says why it cannot be read: another encoding (by its byte order mark,
 * or UTF-16's NULs), or the first invalid UTF-8 sequence with its line, column and byte offset.
 * `shown` is the path as the messages name it.
 */
export function decodeScript(bytes: Uint8Array, shown: string): Decoded {
  const other = markedEncoding(bytes) ?? unmarkedUtf16(bytes);
  if (other) {
    return {
      ok: false,
      message: `${shown}:1:1: the file is ${other}, but scripts are UTF-8 (convert it: iconv -f ${other} -t UTF-8)`,
    };
  }
  const invalid = firstInvalidByte(bytes);
  if (invalid === -1) return { ok: true, text: UTF8.decode(bytes) };
  const { line, column } = positionOf(bytes, invalid);
  return {
    ok: false,
    message: `${shown}:${line}:${column}: invalid UTF-8 at byte ${invalid} (${hex(bytes[invalid] as number)}): scripts are UTF-8 (a Latin-1 file converts with iconv -f LATIN1 -t UTF-8)`,
  };
}
