// The search of the debugger's lists: matches in XML and narration, found as far as asked then on, stepping with wrap-around, the counter — finding things in a XEP-0045 session (§7–§10)
import { describe, expect, it } from 'vitest';
import { nextMatch, searchCounter, searchMatches } from '../src/tui/search.js';
import { stanzaRows } from '../src/tui/view-model.js';
import { gardenSession } from './helpers/tui-session.js';

describe('searchMatches', () => {
  it('finds stanzas by their XML, and goes on from where a budget stopped it', async () => {
    const session = gardenSession();
    for (let i = 0; i < 6; i += 1) await session.forward();
    const rows = stanzaRows(session, '');
    const search = { query: 'jabber:x:data', scope: 'stanzas' as const };
    const partial = searchMatches(session, search, '', 2);
    expect(partial).toEqual({ matches: [], complete: false });
    const all = searchMatches(session, search, '');
    expect(all.complete).toBe(true);
    expect(all.matches.map((index) => rows.at(index)?.text)).toEqual([
      'Romeo → iq set to garden id=config1: muc#owner',
    ]);
  });

  it('finds steps by their narration and their XML block', () => {
    const session = gardenSession();
    const byNarration = searchMatches(session, { query: 'grants her', scope: 'script' }, '');
    expect(byNarration.matches).toEqual([5]);
    const byXml = searchMatches(session, { query: "role='moderator'", scope: 'script' }, '');
    expect(byXml.matches).toEqual([5]);
  });
});

describe('nextMatch and searchCounter', () => {
  it('steps forwards and backwards, wrapping around', () => {
    expect(nextMatch([2, 5, 9], 5, true)).toBe(9);
    expect(nextMatch([2, 5, 9], 9, true)).toBe(2);
    expect(nextMatch([2, 5, 9], 5, false)).toBe(2);
    expect(nextMatch([2, 5, 9], 2, false)).toBe(9);
    expect(nextMatch([], 0, true)).toBeUndefined();
  });

  it('counts where the selection is, and says when the count is not finished', () => {
    expect(searchCounter({ matches: [2, 5, 9], complete: true }, 5)).toBe('2/3');
    expect(searchCounter({ matches: [2, 5], complete: false }, 3)).toBe('–/2…');
  });
});
