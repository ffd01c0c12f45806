// Tests of the room and transition views: roles, affiliations and status codes in words — XEP-0045 §5, §12
import { describe, expect, it } from 'vitest';
import { describeCode } from '../../../src/debugger/views.js';

describe('describeCode', () => {
  it('gives the meaning without its aside, and the section', () => {
    expect(describeCode('321')).toBe('321 removed because the affiliation changed (§9.4)');
    expect(describeCode('307')).toBe('307 removed by a moderator (§8.2)');
    expect(describeCode('110')).toBe('110 this presence is about you (§7.2.2)');
    expect(describeCode('999')).toBe('999 (unregistered)');
  });
});
