// Table 4 (XEP-0045 §5.1.2): the role each affiliation gets on entering each type of room, through real join presences
import { describe, expect, it } from 'vitest';
import { cell, Tally, titleOf } from './cases.js';
import { errorOf, inRoom, presencesFrom, Stage, summary } from './stage.js';
import { ROOM_TYPES, TABLE4 } from './table4-default-roles.data.js';

const tally = new Tally();

describe('Table 4 (§5.1.2) — initial role based on affiliation: a user of each affiliation enters', () => {
  for (const row of TABLE4) {
    const expected =
      typeof row.expect === 'string'
        ? `enters as ${row.expect}`
        : `refused: ${row.expect.condition}`;
    const title = titleOf(`${row.room} room, ${row.affiliation}`, expected, row);
    tally.add(`${row.room}/${row.affiliation}`, row);

    cell(title, undefined, () => {
      const stage = new Stage(ROOM_TYPES[row.room]);
      if (row.affiliation !== 'none') stage.affiliate('joiner', row.affiliation);
      stage.clear();

      const received = stage.enter('joiner');

      const seenByCreator = presencesFrom(stage.inbox('creator'), inRoom('Joiner'));
      if (typeof row.expect === 'string') {
        const self = presencesFrom(received, inRoom('Joiner'));
        expect(self.map(summary)).toEqual([
          `available role=${row.expect} affiliation=${row.affiliation} [110]`,
        ]);
        expect(seenByCreator.map(summary)).toEqual([
          `available role=${row.expect} affiliation=${row.affiliation}`,
        ]);
      } else {
        expect(errorOf(received)).toEqual(row.expect);
        expect(seenByCreator).toEqual([]);
      }
    });
  }

  it('covers every cell: 5 affiliations × 4 room types', () => {
    console.info(tally.report('Table 4'));
    expect(tally.size).toBe(20);
  });
});
