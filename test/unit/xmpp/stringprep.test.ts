// Tests for stringprep nodeprep/resourceprep/nameprep and the generated RFC 3454 tables — XEP-0045 §17.1
import { describe, expect, it } from 'vitest';
import { nameprep, nodeprep, resourceprep } from '../../../src/xmpp/stringprep.js';
import * as tables from '../../../src/xmpp/stringprep-tables.js';

describe('resourceprep (room nicknames)', () => {
  it('maps the robot face with its variation selector to the bare emoji when not strict', () => {
    // Arrange
    const nick = '\u{1F916}\uFE0F';

    // Act
    const prepared = resourceprep(nick);

    // Assert
    expect(prepared).toBe('\u{1F916}');
  });

  it('rejects the robot face in strict mode: U+1F916 is unassigned in Unicode 3.2', () => {
    expect(resourceprep('\u{1F916}\uFE0F', { strict: true })).toBeUndefined();
  });

  it('keeps case and ASCII spaces', () => {
    expect(resourceprep('Romeo')).toBe('Romeo');
    expect(resourceprep('a b')).toBe('a b');
  });

  it('accepts the characters nodeprep prohibits', () => {
    expect(resourceprep('a@b/c')).toBe('a@b/c');
  });

  it('maps the soft hyphen U+00AD to nothing', () => {
    expect(resourceprep('ro\u00ADmeo')).toBe('romeo');
  });

  it('rejects ASCII control characters (C.2.1)', () => {
    expect(resourceprep('a\u0007b')).toBeUndefined();
  });

  it('rejects private-use code points (C.3)', () => {
    expect(resourceprep('a\uE000')).toBeUndefined();
  });

  it('rejects a lone surrogate (C.5)', () => {
    expect(resourceprep('a\uD800')).toBeUndefined();
  });

  it('returns the empty string for the empty string', () => {
    expect(resourceprep('')).toBe('');
  });
});

describe('nodeprep (localparts, room names)', () => {
  it('folds ASCII case', () => {
    expect(nodeprep('Romeo')).toBe('romeo');
  });

  it('folds non-ASCII case', () => {
    expect(nodeprep('ÉLAN')).toBe('élan');
  });

  it('maps the German sharp s to "ss" (B.2)', () => {
    expect(nodeprep('straße')).toBe('strasse');
  });

  it('folds full-width letters through NFKC', () => {
    expect(nodeprep('\uFF21')).toBe('a');
  });

  it('does not fold characters that gained a lowercase after Unicode 3.2', () => {
    expect(nodeprep('\u10A0')).toBe('\u10A0');
  });

  it.each(['a@b', 'a/b', 'a b', 'a"b', "a'b", 'a&b', 'a:b', 'a<b', 'a>b'])(
    'rejects %j',
    (input) => {
      expect(nodeprep(input)).toBeUndefined();
    },
  );

  it('leaves code points unassigned in Unicode 3.2 alone, like libidn', () => {
    // U+03F9 GREEK CAPITAL LUNATE SIGMA (Unicode 4.0) decomposes to Σ in today's NFKC
    expect(nodeprep('\u03F9')).toBe('\u03F9');
  });

  it('allows unassigned code points only when not strict', () => {
    expect(nodeprep('\u0221')).toBe('\u0221');
    expect(nodeprep('\u0221', { strict: true })).toBeUndefined();
  });
});

describe('nameprep (domains)', () => {
  it('folds case and keeps dots', () => {
    expect(nameprep('Conference.LOCALHOST')).toBe('conference.localhost');
  });

  it('rejects non-ASCII spaces that NFKC keeps (C.1.2: U+1680 OGHAM SPACE MARK)', () => {
    expect(nameprep('a\u1680b')).toBeUndefined();
  });
});

describe('bidi (RFC 3454 §6)', () => {
  it('accepts a right-to-left string', () => {
    expect(resourceprep('\u05D0\u05D1')).toBe('\u05D0\u05D1');
  });

  it('rejects a string mixing RandALCat and LCat characters', () => {
    expect(resourceprep('a\u05D0')).toBeUndefined();
    expect(resourceprep('\u05D0a\u05D1')).toBeUndefined();
  });

  it('requires RandALCat characters first and last', () => {
    expect(resourceprep('\u05D01')).toBeUndefined();
    expect(resourceprep('1\u05D0')).toBeUndefined();
    expect(resourceprep('\u05D01\u05D1')).toBe('\u05D01\u05D1');
  });
});

describe('length (RFC 6122: at most 1023 bytes per part)', () => {
  it('accepts 1023 bytes', () => {
    expect(resourceprep('a'.repeat(1023))).toBe('a'.repeat(1023));
  });

  it('rejects 1024 bytes, counted in UTF-8', () => {
    expect(resourceprep('a'.repeat(1024))).toBeUndefined();
    expect(resourceprep('é'.repeat(512))).toBeUndefined();
  });

  it('rejects a preparation that grows past 1023 bytes', () => {
    // Arrange: 1021 + 2 bytes; B.2 folds U+0130 (2 bytes) to i + U+0307 (3 bytes)
    const input = `${'a'.repeat(1021)}\u0130`;

    // Act
    const prepared = nodeprep(input);

    // Assert
    expect(prepared).toBeUndefined();
  });
});

describe('generated tables', () => {
  const { B2_MULTI, B2_RUNS, ...rangeTables } = tables;

  it.each(Object.entries(rangeTables))(
    '%s is sorted [first, last] pairs that do not overlap',
    (_, table) => {
      expect(table.length % 2).toBe(0);
      for (let i = 0; i < table.length; i += 2) {
        expect(table[i]).toBeLessThanOrEqual(table[i + 1]);
        if (i > 0) expect(table[i]).toBeGreaterThan(table[i - 1]);
      }
    },
  );

  it('B2_RUNS is sorted [first, last, step, delta] runs that do not overlap', () => {
    expect(B2_RUNS.length % 4).toBe(0);
    for (let i = 0; i < B2_RUNS.length; i += 4) {
      const [first, last, step] = B2_RUNS.slice(i, i + 3);
      expect(first).toBeLessThanOrEqual(last);
      expect([1, 2]).toContain(step);
      if (i > 0) expect(first).toBeGreaterThan(B2_RUNS[i - 3]);
    }
  });

  it('B.2 maps the 1371 code points of the RFC table', () => {
    let mapped = B2_MULTI.size;
    for (let i = 0; i < B2_RUNS.length; i += 4) {
      mapped += (B2_RUNS[i + 1] - B2_RUNS[i]) / B2_RUNS[i + 2] + 1;
    }
    expect(mapped).toBe(1371);
  });
});
