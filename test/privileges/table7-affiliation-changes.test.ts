// Table 7 (XEP-0045 §5.2.2, affiliation state chart): every from→to cell, by owners, admins, members and unaffiliated users
import { describe, expect, it } from 'vitest';
import type { Affiliation } from '../../src/muc/model/affiliation.js';
import type { Role } from '../../src/muc/model/role.js';
import { cell, type Note, Tally, titleOf } from './cases.js';
import {
  CONFLICT,
  errorOf,
  inRoom,
  itemOf,
  NOT_ALLOWED,
  nickOf,
  presencesFrom,
  REGISTRATION_REQUIRED,
  ROOM,
  replyTo,
  Stage,
  summary,
} from './stage.js';
import {
  ACTORS,
  AFFILIATIONS,
  type Answer,
  CELL_TEXT,
  CHARTS,
  KNOWN_TABLE7,
  NOTES,
  REGISTERS,
  SELF,
  type SelfActor,
  SOMEONE,
} from './table7-affiliation-changes.data.js';

const tally = new Tally();

/** In Prosody's default room (open, unmoderated) the role follows the new affiliation's default. */
const ROLE_AFTER: Record<Affiliation, Role> = {
  outcast: 'none',
  none: 'participant',
  member: 'participant',
  admin: 'moderator',
  owner: 'moderator',
};

function noteOf(answer: Answer): Note {
  return answer === 'NA/F' || answer === 'ok/C' || answer === 'NA/C' ? NOTES[answer] : {};
}

function expectedText(answer: Answer, to: Affiliation): string {
  if (answer.startsWith('ok')) return `becomes ${to}${to === 'outcast' ? ' (banned, 301)' : ''}`;
  return answer.startsWith('C') ? 'conflict' : 'not-allowed';
}

/** Act: `actor` sends `<item jid affiliation>` about `target`; Assert the reply and what the room tells. */
function checkChange(
  stage: Stage,
  actor: string,
  target: string,
  from: Affiliation,
  to: Affiliation,
  answer: Answer,
): void {
  const present = from !== 'outcast';
  stage.clear();

  const id = stage.adminSet(actor, `<item jid='${target}@localhost' affiliation='${to}'/>`);

  const actorInbox = stage.inbox(actor);
  const targetInbox = target === actor ? actorInbox : stage.inbox(target);
  const seen = presencesFrom(stage.inbox('witness'), inRoom(nickOf(target))).map(summary);
  if (answer.startsWith('ok')) {
    expect(replyTo(actorInbox, id)?.attrs.type).toBe('result');
    if (present) {
      const role = ROLE_AFTER[to];
      const banned = to === 'outcast';
      expect(seen).toEqual([
        banned
          ? 'unavailable role=none affiliation=outcast [301]'
          : `available role=${role} affiliation=${to}`,
      ]);
      expect(presencesFrom(targetInbox, inRoom(nickOf(target))).map(summary)).toEqual([
        banned
          ? 'unavailable role=none affiliation=outcast [301 110]'
          : `available role=${role} affiliation=${to} [110]`,
      ]);
    } else {
      // §9.3/§10.3 "If the user is not in the room, the service MAY send a message from the room";
      // Prosody sends it to moderators (the actor is one) in a semi-anonymous room.
      const notices = actorInbox.filter((s) => s.name === 'message' && s.attrs.from === ROOM);
      expect(notices.map(itemOf)).toEqual([{ affiliation: to, jid: `${target}@localhost` }]);
    }
    expect(stage.affiliationOf(target)).toBe(to);
  } else {
    expect(errorOf(actorInbox, id)).toEqual(answer.startsWith('C') ? CONFLICT : NOT_ALLOWED);
    expect(seen).toEqual([]);
    expect(stage.affiliationOf(target)).toBe(from);
  }
}

/** An open room (Prosody's defaults) with an unaffiliated witness, and `actor` present with `affiliation`. */
function stageFor(actorAffiliation: Affiliation): Stage {
  const stage = new Stage();
  stage.enter('witness');
  if (actorAffiliation !== 'none') stage.affiliate('actor', actorAffiliation);
  stage.enter('actor');
  return stage;
}

describe('Table 7 (§5.2.2) — affiliation state chart', () => {
  for (const from of AFFILIATIONS) {
    for (const to of AFFILIATIONS) {
      if (from === to) continue;
      describe(`${from}→${to}: ${CELL_TEXT[from][to]}`, () => {
        for (const actor of ACTORS) {
          const answer = CHARTS[actor][from][AFFILIATIONS.indexOf(to)]!;
          const note = noteOf(answer);
          const known = KNOWN_TABLE7[`${actor} ${from}→${to}`];
          tally.add(`${actor} ${from}→${to}`, note, known);
          const title = titleOf(
            `${SOMEONE[actor]} changes ${SOMEONE[from]} to ${to}`,
            expectedText(answer, to),
            note,
            known,
          );
          cell(title, known, () => {
            const stage = stageFor(actor);
            if (from !== 'none') stage.affiliate('target', from);
            if (from !== 'outcast') stage.enter('target');

            checkChange(stage, 'actor', 'target', from, to, answer);
          });
        }
        if (from === 'none' && to === 'member') {
          tally.add('none→member registers', REGISTERS);
          const title = titleOf(
            'an unaffiliated user registers (jabber:iq:register)',
            REGISTERS.expect,
            REGISTERS,
          );
          cell(title, undefined, () => {
            const stage = stageFor('none');
            stage.enter('target');
            stage.clear();
            const id = stage.id('register');

            stage.send(
              'target',
              `<iq type='set' to='${ROOM}' id='${id}'><query xmlns='jabber:iq:register'>
                <x xmlns='jabber:x:data' type='submit'>
                  <field var='FORM_TYPE'><value>http://jabber.org/protocol/muc#register</value></field>
                  <field var='muc#register_roomnick'><value>Target</value></field>
                </x></query></iq>`,
            );

            expect(errorOf(stage.inbox('target'), id)).toEqual(REGISTRATION_REQUIRED);
            expect(stage.affiliationOf('target')).toBe('none');
          });
        }
      });
    }
  }

  describe("changing one's own affiliation (§9.1 self-ban, §10.4 last owner)", () => {
    for (const [who, answers] of Object.entries(SELF) as [SelfActor, Record<string, Answer>][]) {
      for (const [to, answer] of Object.entries(answers) as [Affiliation, Answer][]) {
        const from: Affiliation =
          who === 'owner with a co-owner' || who === 'last owner' ? 'owner' : who;
        const note = noteOf(answer);
        const known = KNOWN_TABLE7[`self ${who} →${to}`];
        tally.add(`self ${who} →${to}`, note, known);
        const title = titleOf(
          `${who} sets himself to ${to}`,
          expectedText(answer, to),
          note,
          known,
        );
        cell(title, known, () => {
          const stage = new Stage();
          stage.enter('witness');
          // The last owner is the room's creator; everyone else is the actor with that affiliation.
          const actor = who === 'last owner' ? 'creator' : 'actor';
          if (actor === 'actor') {
            if (from !== 'none') stage.affiliate('actor', from);
            stage.enter('actor');
          }

          checkChange(stage, actor, actor, from, to, answer);
        });
      }
    }
  });

  it("covers every cell: 20 changes × 4 actors, registration, and 20 changes of one's own", () => {
    console.info(tally.report('Table 7'));
    expect(tally.size).toBe(20 * 4 + 1 + 20);
  });
});
