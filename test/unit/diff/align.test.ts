// Tests for aligning two stanza streams: longest common subsequence, missing and moved stanzas — comparing XEP-0045 services
import { describe, expect, it } from 'vitest';
import { alignStreams, differences } from '../../../src/diff/align.js';

describe('alignStreams', () => {
  it('matches equal streams entry by entry', () => {
    expect(alignStreams(['a', 'b'], ['a', 'b'])).toEqual([
      { kind: 'same', left: 0, right: 0 },
      { kind: 'same', left: 1, right: 1 },
    ]);
  });

  it('keeps the longest common subsequence and lists the rest on their side', () => {
    const entries = alignStreams(['a', 'x', 'b', 'c'], ['a', 'b', 'y', 'c']);
    expect(entries).toEqual([
      { kind: 'same', left: 0, right: 0 },
      { kind: 'left-only', left: 1 },
      { kind: 'same', left: 2, right: 1 },
      { kind: 'right-only', right: 2 },
      { kind: 'same', left: 3, right: 3 },
    ]);
  });

  it('handles empty streams', () => {
    expect(alignStreams([], ['a'])).toEqual([{ kind: 'right-only', right: 0 }]);
    expect(alignStreams(['a'], [])).toEqual([{ kind: 'left-only', left: 0 }]);
    expect(alignStreams([], [])).toEqual([]);
  });
});

describe('differences', () => {
  it('reports a stanza present on both sides at other places as moved', () => {
    const left = ['romeo', 'juliet', 'self'];
    const right = ['juliet', 'romeo', 'self'];
    const found = differences(alignStreams(left, right), left, right);
    expect(found).toEqual([
      { kind: 'moved-left', index: 0 },
      { kind: 'moved-right', index: 1 },
    ]);
  });

  it('reports stanzas only one side has as missing, counting duplicates', () => {
    const left = ['a', 'a'];
    const right = ['b', 'a'];
    const found = differences(alignStreams(left, right), left, right);
    expect(found).toEqual([
      { kind: 'left-only', index: 0 },
      { kind: 'right-only', index: 0 },
    ]);
  });
});
