// Tests for ForgetfulMemo, the bounded memo behind prepared JIDs, stringprep, occupant ids and delay stamps
import { describe, expect, it } from 'vitest';
import { ForgetfulMemo } from '../../../src/xmpp/forgetful-memo.js';

describe('ForgetfulMemo', () => {
  it('makes each value once, an undefined one too', () => {
    const memo = new ForgetfulMemo<string, string | undefined>(10);
    const made: string[] = [];
    const make = (key: string) => {
      made.push(key);
      return key === 'refused' ? undefined : key.toUpperCase();
    };
    expect([memo.get('a', make), memo.get('a', make)]).toEqual(['A', 'A']);
    expect([memo.get('refused', make), memo.get('refused', make)]).toEqual([undefined, undefined]);
    expect(made).toEqual(['a', 'refused']);
  });

  it('forgets every value once it holds its limit, then remembers again', () => {
    const memo = new ForgetfulMemo<number, number>(2);
    const made: number[] = [];
    const make = (key: number) => {
      made.push(key);
      return key * 10;
    };
    for (const key of [1, 2, 1, 3, 1, 3]) memo.get(key, make);
    expect(made).toEqual([1, 2, 3, 1]);
  });
});
