// Tests for SHA-1 and base64 decoding (avatar hashes, XEP-0153): the FIPS 180 test vectors and Prosody's lenient decoding
import { describe, expect, it } from 'vitest';
import { base64Decode, sha1Hex } from '../../../src/xmpp/sha1.js';

const text = (value: string) => new TextEncoder().encode(value);

describe('sha1Hex', () => {
  it('gives the FIPS 180 test vectors', () => {
    expect(sha1Hex(text(''))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(sha1Hex(text('abc'))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(sha1Hex(text('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe(
      '84983e441c3bd26ebaae4aa1f95129e5e54670f1',
    );
  });

  it('pads across a block boundary (55, 56 and 64 bytes)', () => {
    expect(sha1Hex(text('a'.repeat(55)))).toBe('c1c8bbdc22796e28c0e15163d20899b65621d65a');
    expect(sha1Hex(text('a'.repeat(56)))).toBe('c2db330f6083854c99d4b5bfb6e8f29f201be699');
    expect(sha1Hex(text('a'.repeat(64)))).toBe('0098ba824b5c16427bd7a1122a5a442a25ec644d');
  });
});

describe('base64Decode', () => {
  it('decodes, skipping line breaks and padding', () => {
    expect(new TextDecoder().decode(base64Decode('aGVs\nbG8g\nd29y\nbGQ='))).toBe('hello world');
  });
});
