// Tests of visible text: what a message echoes from scripts, stanzas and arguments never drives the terminal — messages about XEP-0045 scripts
import { describe, expect, it } from 'vitest';
import { codePointName, visibleText, visibleToken } from '../../../src/xmpp/visible.js';

describe('visibleToken', () => {
  it('writes controls, bidi overrides and unpaired surrogates as escapes', () => {
    expect(visibleToken('a\u001b[31mb\u0007\tc\nd\u009b\u202ee\ud800')).toBe(
      'a\\x1b[31mb\\x07\\tc\\nd\\x9b\\u202ee\\ud800',
    );
  });

  it('keeps printable text, accents and emoji as they are', () => {
    expect(visibleToken("Juliet's phone é 😀")).toBe("Juliet's phone é 😀");
  });

  it('cuts a long token and says how long it was, never halving a surrogate pair', () => {
    expect(visibleToken('x'.repeat(10_000_000))).toBe(`${'x'.repeat(80)}… (10,000,000 characters)`);
    expect(visibleToken(`${'x'.repeat(79)}😀😀`)).toBe(`${'x'.repeat(79)}… (83 characters)`);
  });
});

describe('visibleText', () => {
  it('keeps tabs and newlines of multi-line text and escapes the rest', () => {
    expect(visibleText('<a>\n\t\u001b]0;title\u0007</a>')).toBe('<a>\n\t\\x1b]0;title\\x07</a>');
  });
});

describe('codePointName', () => {
  it('names a character by its code point', () => {
    expect(codePointName('\u001b')).toBe('U+001B');
    expect(codePointName('😀')).toBe('U+1F600');
  });
});
