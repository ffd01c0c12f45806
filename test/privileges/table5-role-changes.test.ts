// Table 5 (XEP-0045 §5.1.3, role state chart): every from→to cell, by every kind of actor, against targets of every affiliation
import { describe, expect, it } from 'vitest';
import type { Affiliation } from '../../src/muc/model/affiliation.js';
import type { Role } from '../../src/muc/model/role.js';
import { cell, type Note, Tally, titleOf } from './cases.js';
import {
  errorOf,
  inRoom,
  NOT_ALLOWED,
  nickOf,
  presencesFrom,
  replyTo,
  Stage,
  summary,
} from './stage.js';
import {
  ACTORS,
  type ActorKey,
  ADMIN_CELLS,
  type Answer,
  EXIT_CELLS,
  JOIN_CELLS,
  KNOWN_TABLE5,
  type RoleChangeCell,
  TARGETS,
} from './table5-role-changes.data.js';

const MODERATED = { 'muc#roomconfig_moderatedroom': '1' };
const tally = new Tally();
const chartCells = new Set<string>();

/** A moderated room with a witness (an unaffiliated visitor, who sees every role's presence). */
function stageWithWitness(config: Record<string, string> = MODERATED): Stage {
  const stage = new Stage(config);
  stage.enter('witness');
  return stage;
}

/** `name` with `affiliation` in the room holding `role` ('none': affiliated but not present). */
function place(stage: Stage, name: string, affiliation: Affiliation, role: Role): void {
  if (affiliation !== 'none') stage.affiliate(name, affiliation);
  if (role === 'none') return;
  stage.enter(name);
  const nick = nickOf(name);
  if (stage.roleOf(nick) !== role) stage.forceRole(nick, role);
}

/** The change in words: "kicks a visitor (admin)", "grants voice to a visitor (none)"… */
function described(from: Role, to: Role, someone: string): string {
  if (to === 'none') return `kicks ${someone}`;
  if (from === 'visitor' && to === 'participant') return `grants voice to ${someone}`;
  if (from === 'participant' && to === 'visitor') return `revokes voice from ${someone}`;
  if (from === 'moderator' && to === 'participant') return `revokes moderator from ${someone}`;
  return `makes ${someone} ${to}`;
}

function expectedText(answer: Answer, to: Role): string {
  const prosody = answer.split('/')[0];
  if (prosody === 'ok') return to === 'none' ? 'kicked (307)' : `becomes ${to}`;
  return 'not-allowed';
}

function noteOf(answer: Answer, changeCell: RoleChangeCell): Note {
  if (answer === 'ok' || answer === 'NA') return {};
  const note = changeCell.notes[answer];
  if (!note) throw new Error(`cell ${changeCell.from}→${changeCell.to} lacks a note for ${answer}`);
  return note;
}

/** Act: `actor` sends `<item nick role>`; Assert the reply, the broadcast and the target's own copy. */
function checkChange(
  stage: Stage,
  targetName: string,
  targetAffiliation: Affiliation,
  from: Role,
  to: Role,
  answer: Answer,
): void {
  const targetNick = nickOf(targetName);
  stage.clear();

  const id = stage.adminSet('actor', `<item nick='${targetNick}' role='${to}'/>`);

  const actorInbox = stage.inbox('actor');
  const seen = presencesFrom(stage.inbox('witness'), inRoom(targetNick)).map(summary);
  if (answer.startsWith('ok')) {
    expect(replyTo(actorInbox, id)?.attrs.type).toBe('result');
    const broadcast =
      to === 'none'
        ? `unavailable role=none affiliation=${targetAffiliation} [307]`
        : `available role=${to} affiliation=${targetAffiliation}`;
    expect(seen).toEqual([broadcast]);
    const own = presencesFrom(
      targetName === 'actor' ? actorInbox : stage.inbox(targetName),
      inRoom(targetNick),
    ).map(summary);
    expect(own).toEqual([
      to === 'none'
        ? `unavailable role=none affiliation=${targetAffiliation} [307 110]`
        : `available role=${to} affiliation=${targetAffiliation} [110]`,
    ]);
    expect(stage.roleOf(targetNick)).toBe(to);
  } else {
    expect(errorOf(actorInbox, id)).toEqual(NOT_ALLOWED);
    expect(seen).toEqual([]);
    expect(stage.roleOf(targetNick)).toBe(from);
  }
}

describe('Table 5 (§5.1.3) — role state chart', () => {
  describe('None → … : entering the room (§7.2)', () => {
    for (const joinCell of JOIN_CELLS) {
      const key = `${joinCell.from}→${joinCell.to}`;
      chartCells.add(key);
      describe(`${key}: ${joinCell.xepText}`, () => {
        TARGETS.forEach((affiliation, column) => {
          const reached = joinCell.reached[column]!;
          const aside = reached === joinCell.to ? '' : ' (this cell is not theirs)';
          const title = titleOf(
            `${affiliation} enters a ${joinCell.room} room`,
            `${reached}${aside}`,
          );
          tally.add(`${key} ${affiliation}`);
          cell(title, undefined, () => {
            const stage = stageWithWitness(
              joinCell.room === 'moderated' ? MODERATED : { 'muc#roomconfig_moderatedroom': '0' },
            );
            if (affiliation !== 'none') stage.affiliate('target', affiliation);
            stage.clear();

            const own = presencesFrom(stage.enter('target'), inRoom('Target')).map(summary);

            expect(own).toEqual([`available role=${reached} affiliation=${affiliation} [110]`]);
            expect(presencesFrom(stage.inbox('witness'), inRoom('Target')).map(summary)).toEqual([
              `available role=${reached} affiliation=${affiliation}`,
            ]);
          });
        });
      });
    }
  });

  describe('… → None: exiting the room (§7.14)', () => {
    for (const exitCell of EXIT_CELLS) {
      const key = `${exitCell.from}→${exitCell.to}`;
      chartCells.add(key);
      describe(`${key}: ${exitCell.xepText}`, () => {
        for (const affiliation of TARGETS) {
          tally.add(`${key} exit ${affiliation}`);
          const title = titleOf(`${exitCell.from} (${affiliation}) exits`, 'gone, role none');
          cell(title, undefined, () => {
            const stage = stageWithWitness();
            place(stage, 'target', affiliation, exitCell.from);
            stage.clear();

            stage.send('target', `<presence to='${inRoom('Target')}' type='unavailable'/>`);

            expect(presencesFrom(stage.inbox('target'), inRoom('Target')).map(summary)).toEqual([
              `unavailable role=none affiliation=${affiliation} [110]`,
            ]);
            expect(presencesFrom(stage.inbox('witness'), inRoom('Target')).map(summary)).toEqual([
              `unavailable role=none affiliation=${affiliation}`,
            ]);
          });
        }
      });
    }
  });

  describe('changes through muc#admin <item nick role> (§8.2–8.4, §9.6–9.7)', () => {
    for (const changeCell of ADMIN_CELLS) {
      const { from, to } = changeCell;
      const key = `${from}→${to}`;
      chartCells.add(key);
      describe(`${key}: ${changeCell.xepText}`, () => {
        for (const actorKey of Object.keys(changeCell.grid) as ActorKey[]) {
          const actor = ACTORS[actorKey];
          TARGETS.forEach((targetAffiliation, column) => {
            const answer = changeCell.grid[actorKey][column]!;
            const note = noteOf(answer, changeCell);
            const known = KNOWN_TABLE5[`${key} ${actorKey} ${targetAffiliation}`];
            tally.add(`${key} ${actorKey} ${targetAffiliation}`, note, known);
            const title = titleOf(
              `${actor.label} ${described(from, to, `a ${from} (${targetAffiliation})`)}`,
              expectedText(answer, to),
              note,
              known,
            );
            cell(title, known, () => {
              const stage = stageWithWitness();
              place(stage, 'actor', actor.affiliation, actor.role);
              place(stage, 'target', targetAffiliation, from);

              checkChange(stage, 'target', targetAffiliation, from, to, answer);
            });
          });
        }
        for (const [actorKey, answer] of Object.entries(changeCell.self) as [ActorKey, Answer][]) {
          const actor = ACTORS[actorKey];
          const note = noteOf(answer, changeCell);
          const known = KNOWN_TABLE5[`${key} ${actorKey} self`];
          tally.add(`${key} ${actorKey} self`, note, known);
          const title = titleOf(
            `${actor.label} ${described(from, to, 'himself')}`,
            expectedText(answer, to),
            note,
            known,
          );
          cell(title, known, () => {
            const stage = stageWithWitness();
            place(stage, 'actor', actor.affiliation, actor.role);

            checkChange(stage, 'actor', actor.affiliation, from, to, answer);
          });
        }
      });
    }
  });

  it('covers every cell of the chart (12) and every actor × target of the muc#admin cells', () => {
    console.info(tally.report('Table 5'));
    expect(chartCells.size).toBe(12);
    // 3 join cells × 4 affiliations + 3 exit cells × 4 + 9 admin cells × 8 actors × 4 targets + 21 self-changes
    expect(tally.size).toBe(12 + 12 + 288 + 21);
  });
});
