// Table 3 (XEP-0045 §5.1.1): each role tries each privilege with the real stanza — presence, message or muc#admin
import type { Element } from 'ltx';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../src/muc/model/role.js';
import { cell, Tally, titleOf } from './cases.js';
import {
  errorOf,
  inRoom,
  MUC_USER,
  presencesFrom,
  ROOM,
  replyTo,
  Stage,
  summary,
} from './stage.js';
import {
  type Action,
  COLUMNS,
  type Expectation,
  type RolePrivilegeRow,
  TABLE3,
} from './table3-role-privileges.data.js';

const MODERATED = { 'muc#roomconfig_moderatedroom': '1' };
const tally = new Tally();

/** Which rows need someone to act on, and the role that someone holds. */
const TARGET_ROLE: Partial<Record<Action, Role>> = {
  kick: 'participant',
  'grant-voice': 'visitor',
  'revoke-voice': 'participant',
};

/** Rows whose Act is the actor's own arrival in the room. */
const ARRIVAL: Action[] = ['broadcast-presence'];

/** The actor (unaffiliated) comes to hold `role`: by entering, then a grant from the creator (§8.3, §9.6). */
function becomes(stage: Stage, role: Role): void {
  if (role === 'none') return;
  stage.enter('actor');
  if (role === 'participant' && stage.roleOf('Actor') === 'visitor') {
    stage.grantRole('Actor', 'participant');
  }
  if (role === 'moderator') stage.grantRole('Actor', 'moderator');
  if (stage.roleOf('Actor') !== role) throw new Error(`arrangement failed: Actor is not ${role}`);
}

function arrange(row: RolePrivilegeRow, role: Role): Stage {
  const stage = new Stage(row.moderatedForAll || role === 'visitor' ? MODERATED : {});
  stage.enter('witness');
  const targetRole = TARGET_ROLE[row.action];
  if (targetRole) {
    stage.enter('target');
    if (stage.roleOf('Target') !== targetRole) stage.grantRole('Target', targetRole);
  }
  if (!ARRIVAL.includes(row.action)) becomes(stage, role);
  stage.clear();
  return stage;
}

const fromActor = (stanzas: Element[], nick = 'Actor') =>
  presencesFrom(stanzas, inRoom(nick)).filter((s) => s.attrs.type !== 'error');

/** A refused action: the error, and nobody else hears of it. */
function expectRefused(stage: Stage, inbox: Element[], expectation: Expectation, id?: string) {
  expect(errorOf(inbox, id)).toEqual(expectation.expect);
  expect(stage.inbox('witness').filter((s) => s.attrs.from !== ROOM)).toEqual([]);
}

/** Act and Assert for each privilege; `role` is the actor's. */
const ACTIONS: Record<Action, (stage: Stage, expectation: Expectation, role: Role) => void> = {
  present(stage, expectation, role) {
    // The newcomer is told of everyone present (§7.2.2), the actor among them or not.
    const listed = fromActor(stage.enter('newcomer')).map(summary);
    if (expectation.expect === 'no') expect(listed).toEqual([]);
    else expect(listed).toEqual([`available role=${role} affiliation=none`]);
  },

  'receive-messages'(stage, expectation) {
    // The creator (a moderator) speaks: the witness may be a voiceless visitor.
    stage.send('creator', `<message type='groupchat' to='${ROOM}'><body>hello</body></message>`);
    const got = stage
      .inbox('actor')
      .filter((s) => s.name === 'message' && s.attrs.from === inRoom('Creator'));
    expect(got.map((s) => s.getChildText('body'))).toEqual(
      expectation.expect === 'no' ? [] : ['hello'],
    );
  },

  'receive-presence'(stage, expectation) {
    stage.enter('newcomer');
    const got = presencesFrom(stage.inbox('actor'), inRoom('Newcomer')).map(summary);
    const newcomerRole = stage.roleOf('Newcomer');
    expect(got).toEqual(
      expectation.expect === 'no' ? [] : [`available role=${newcomerRole} affiliation=none`],
    );
  },

  'broadcast-presence'(stage, expectation, role) {
    if (expectation.expect !== 'yes') {
      // Not in the room: a presence to the room without the muc <x/> is not a join.
      stage.send('actor', `<presence to='${inRoom('Actor')}'/>`);
      return expectRefused(stage, stage.inbox('actor'), expectation);
    }
    becomes(stage, role);
    const seen = fromActor(stage.inbox('witness')).map(summary);
    expect(seen.at(-1)).toBe(`available role=${role} affiliation=none`);
  },

  'change-availability'(stage, expectation, role) {
    stage.send('actor', `<presence to='${inRoom('Actor')}'><show>away</show></presence>`);
    const inbox = stage.inbox('actor');
    if (expectation.expect !== 'yes') return expectRefused(stage, inbox, expectation);
    const seen = fromActor(stage.inbox('witness'));
    expect(seen.map((s) => `${summary(s)} show=${s.getChildText('show')}`)).toEqual([
      `available role=${role} affiliation=none show=away`,
    ]);
    expect(fromActor(inbox).map(summary)).toEqual([
      `available role=${role} affiliation=none [110]`,
    ]);
  },

  'change-nickname'(stage, expectation, role) {
    stage.send('actor', `<presence to='${inRoom('Renamed')}'/>`);
    const inbox = stage.inbox('actor');
    if (expectation.expect !== 'yes') return expectRefused(stage, inbox, expectation);
    // §7.6: unavailable from the old nick with 303 and the new nick, then available from the new.
    const witness = stage.inbox('witness');
    expect(fromActor(witness).map(summary)).toEqual([
      `unavailable role=${role} affiliation=none nick=Renamed [303]`,
    ]);
    expect(fromActor(witness, 'Renamed').map(summary)).toEqual([
      `available role=${role} affiliation=none`,
    ]);
  },

  'private-message'(stage, expectation) {
    const id = stage.id('pm');
    stage.send(
      'actor',
      `<message type='chat' to='${inRoom('Witness')}' id='${id}'><body>psst</body></message>`,
    );
    if (expectation.expect !== 'yes')
      return expectRefused(stage, stage.inbox('actor'), expectation, id);
    const got = stage.inbox('witness').filter((s) => s.name === 'message');
    expect(got.map((s) => [s.attrs.from, s.attrs.type, s.getChildText('body')])).toEqual([
      [inRoom('Actor'), 'chat', 'psst'],
    ]);
  },

  invite(stage, expectation) {
    stage.user('guest');
    const id = stage.id('invite');
    stage.send(
      'actor',
      `<message to='${ROOM}' id='${id}'><x xmlns='${MUC_USER}'>
        <invite to='guest@localhost'><reason>join us</reason></invite></x></message>`,
    );
    const invitations = stage
      .inbox('guest')
      .filter((s) => s.name === 'message' && s.attrs.from === ROOM)
      .map((s) => s.getChild('x', MUC_USER)?.getChild('invite')?.getChildText('reason'));
    if (expectation.expect !== 'yes') {
      expectRefused(stage, stage.inbox('actor'), expectation, id);
      expect(invitations).toEqual([]);
      return;
    }
    // §7.8.2: the room sends the invitee a message with <invite from=…> and the reason.
    expect(invitations).toEqual(['join us']);
  },

  'message-all'(stage, expectation) {
    const id = stage.id('groupchat');
    stage.send(
      'actor',
      `<message type='groupchat' to='${ROOM}' id='${id}'><body>to all</body></message>`,
    );
    const inbox = stage.inbox('actor');
    if (expectation.expect !== 'yes') return expectRefused(stage, inbox, expectation, id);
    const reflected = (stanzas: Element[]) =>
      stanzas
        .filter((s) => s.name === 'message' && s.attrs.from === inRoom('Actor'))
        .map((s) => s.getChildText('body'));
    // §7.4: reflected to every occupant, the sender included.
    expect(reflected(stage.inbox('witness'))).toEqual(['to all']);
    expect(reflected(inbox)).toEqual(['to all']);
  },

  'modify-subject'(stage, expectation) {
    const id = stage.id('subject');
    stage.send(
      'actor',
      `<message type='groupchat' to='${ROOM}' id='${id}'><subject>New subject</subject></message>`,
    );
    if (expectation.expect !== 'yes')
      return expectRefused(stage, stage.inbox('actor'), expectation, id);
    const got = stage
      .inbox('witness')
      .filter((s) => s.name === 'message' && s.attrs.from === inRoom('Actor'));
    expect(got.map((s) => s.getChildText('subject'))).toEqual(['New subject']);
  },

  kick: (stage, expectation) => changeTarget(stage, expectation, 'participant', 'none'),
  'grant-voice': (stage, expectation) => changeTarget(stage, expectation, 'visitor', 'participant'),
  'revoke-voice': (stage, expectation) =>
    changeTarget(stage, expectation, 'participant', 'visitor'),
};

function changeTarget(stage: Stage, expectation: Expectation, from: Role, to: Role): void {
  const id = stage.adminSet('actor', `<item nick='Target' role='${to}'/>`);
  const inbox = stage.inbox('actor');
  if (expectation.expect !== 'yes') {
    expectRefused(stage, inbox, expectation, id);
    expect(stage.roleOf('Target')).toBe(from);
    return;
  }
  expect(replyTo(inbox, id)?.attrs.type).toBe('result');
  const seen = presencesFrom(stage.inbox('witness'), inRoom('Target')).map(summary);
  expect(seen).toEqual([
    to === 'none'
      ? 'unavailable role=none affiliation=none [307]'
      : `available role=${to} affiliation=none`,
  ]);
}

function expectedText(expectation: Expectation): string {
  if (expectation.expect === 'yes') return 'yes';
  if (expectation.expect === 'no') return 'no';
  return expectation.expect.condition;
}

describe('Table 3 (§5.1.1) — privileges associated with roles, with the default configuration', () => {
  for (const row of TABLE3) {
    const header = COLUMNS.map((role, i) => `${role} ${row.xepCells[i]}`).join(', ');
    describe(`${row.privilege} (XEP: ${header})`, () => {
      for (const role of COLUMNS) {
        const expectation = row.cells[role];
        tally.add(`${row.privilege}/${role}`, expectation, expectation.known);
        const title = titleOf(
          `${role}: ${row.privilege.toLowerCase()}`,
          expectedText(expectation),
          expectation,
          expectation.known,
        );
        cell(title, expectation.known, () => {
          const stage = arrange(row, role);
          ACTIONS[row.action](stage, expectation, role);
        });
      }
    });
  }

  it('covers every cell: 13 privileges × 4 roles', () => {
    console.info(tally.report('Table 3'));
    expect(tally.size).toBe(52);
  });
});
