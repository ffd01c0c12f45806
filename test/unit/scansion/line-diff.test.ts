// Tests of the line diff shown for a failed receives — XEP-0045 scenario stanzas
import { describe, expect, it } from 'vitest';
import { diffLines } from '../../../src/scansion/line-diff.js';

describe('diffLines', () => {
  it('keeps common lines and marks removals and additions in order', () => {
    expect(diffLines(['a', 'b', 'c', 'd'], ['a', 'c', 'x', 'd'])).toEqual([
      '  a',
      '- b',
      '  c',
      '+ x',
      '  d',
    ]);
  });

  it('handles empty sides', () => {
    expect(diffLines([], ['a'])).toEqual(['+ a']);
    expect(diffLines(['a'], [])).toEqual(['- a']);
  });

  it('finds the longest common subsequence rather than a greedy prefix', () => {
    expect(diffLines(['x', 'a', 'b'], ['a', 'b', 'x'])).toEqual(['- x', '  a', '  b', '+ x']);
  });
});
