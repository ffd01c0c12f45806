// Tests for XEP-0082 date-times as Prosody's datetime.parse reads them — XEP-0045 §7.2.14 (since)
import { describe, expect, it } from 'vitest';
import { parseDateTime } from '../../../src/xmpp/datetime.js';

describe('parseDateTime', () => {
  it('reads UTC, fractions and zones', () => {
    expect(parseDateTime('2002-10-13T23:58:37Z')).toBe(Date.UTC(2002, 9, 13, 23, 58, 37));
    expect(parseDateTime('2002-10-13T23:58:37.5Z')).toBe(Date.UTC(2002, 9, 13, 23, 58, 37, 500));
    expect(parseDateTime('2002-10-13T23:58:37+02:00')).toBe(Date.UTC(2002, 9, 13, 21, 58, 37));
    expect(parseDateTime('20021013T23:58:37-0130')).toBe(Date.UTC(2002, 9, 14, 1, 28, 37));
  });

  it('carries over out-of-range fields, as os.time', () => {
    expect(parseDateTime('2002-13-01T00:00:00Z')).toBe(Date.UTC(2003, 0, 1));
  });

  it('refuses what the pattern does not match', () => {
    expect(parseDateTime('garbage')).toBeUndefined();
    expect(parseDateTime('2002-10-13 23:58:37Z')).toBeUndefined();
    expect(parseDateTime('2002-10-13T23:58:37 CEST')).toBeUndefined();
  });
});
