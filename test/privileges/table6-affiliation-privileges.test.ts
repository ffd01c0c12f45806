// Table 6 (XEP-0045 §5.2.1): each affiliation tries each privilege with real stanzas (join, register, muc#admin, muc#owner)
import { describe, expect, it } from 'vitest';
import type { Affiliation } from '../../src/muc/model/affiliation.js';
import { cell, Tally, titleOf } from './cases.js';
import {
  codesOf,
  errorOf,
  inRoom,
  MUC_ADMIN,
  MUC_OWNER,
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
  TABLE6,
  TABLE6_FOOTNOTES,
} from './table6-affiliation-privileges.data.js';

const tally = new Tally();

function expectedText(expectation: Expectation): string {
  const { expect: value } = expectation;
  if (value === 'ok') return 'allowed';
  if (typeof value === 'string') return `enters as ${value}`;
  return value.condition;
}

/**
 * Arrange: a room with `config`, an unaffiliated witness (unless the room is members-only), and
 * the actor with `affiliation`, present unless an outcast or entering is the action itself.
 */
function arrange(action: Action, affiliation: Affiliation, config: Record<string, string>): Stage {
  const stage = new Stage(config);
  if (config['muc#roomconfig_membersonly'] !== '1') stage.enter('witness');
  if (affiliation !== 'none') stage.affiliate('actor', affiliation);
  const entering = action === 'enter-open' || action === 'enter-members-only';
  if (!entering && affiliation !== 'outcast') stage.enter('actor');
  return stage;
}

/** Sends an IQ from the actor and returns [reply, everything the actor got]. */
function iq(stage: Stage, type: 'get' | 'set', payload: string) {
  const id = stage.id('iq');
  stage.send('actor', `<iq type='${type}' to='${ROOM}' id='${id}'>${payload}</iq>`);
  const inbox = stage.inbox('actor');
  return { id, inbox, reply: replyTo(inbox, id) };
}

function expectRefusal(inbox: ReturnType<typeof iq>, expectation: Expectation): void {
  expect(errorOf(inbox.inbox, inbox.id)).toEqual(expectation.expect);
}

/** Act and Assert for each privilege. */
const ACTIONS: Record<Action, (stage: Stage, expectation: Expectation) => void> = {
  'enter-open': enterRoom,
  'enter-members-only': enterRoom,

  register(stage, expectation) {
    stage.clear();
    const sent = iq(stage, 'get', `<query xmlns='jabber:iq:register'/>`);
    if (expectation.expect !== 'ok') return expectRefusal(sent, expectation);
    expect(sent.reply?.attrs.type).toBe('result');
    const form = sent.reply
      ?.getChild('query', 'jabber:iq:register')
      ?.getChild('x', 'jabber:x:data');
    const fields = form?.getChildren('field').map((field) => field.attrs.var);
    expect(fields).toEqual(['FORM_TYPE', 'muc#register_roomnick']);
  },

  'retrieve-members'(stage, expectation) {
    stage.affiliate('listed', 'member');
    stage.clear();
    const sent = iq(
      stage,
      'get',
      `<query xmlns='${MUC_ADMIN}'><item affiliation='member'/></query>`,
    );
    if (expectation.expect !== 'ok') return expectRefusal(sent, expectation);
    expect(sent.reply?.attrs.type).toBe('result');
    const jids = sent.reply
      ?.getChild('query', MUC_ADMIN)
      ?.getChildren('item')
      .map((item) => item.attrs.jid);
    expect(jids).toContain('listed@localhost');
  },

  ban(stage, expectation) {
    // "Ban Members and Unaffiliated Users": one of each, present in the room.
    stage.affiliate('member', 'member');
    stage.enter('member');
    stage.enter('visitor');
    for (const [name, before] of [
      ['member', 'member'],
      ['visitor', 'none'],
    ] as const) {
      stage.clear();
      const sent = iq(
        stage,
        'set',
        `<query xmlns='${MUC_ADMIN}'><item jid='${name}@localhost' affiliation='outcast'/></query>`,
      );
      const seen = presencesFrom(
        stage.inbox('witness'),
        inRoom(name === 'member' ? 'Member' : 'Visitor'),
      );
      if (expectation.expect !== 'ok') {
        expectRefusal(sent, expectation);
        expect(seen).toEqual([]);
        expect(stage.affiliationOf(name)).toBe(before);
        continue;
      }
      expect(sent.reply?.attrs.type).toBe('result');
      expect(seen.map(summary)).toEqual(['unavailable role=none affiliation=outcast [301]']);
    }
  },

  'edit-members': (stage, expectation) => editList(stage, expectation, 'member'),
  'edit-admins': (stage, expectation) => editList(stage, expectation, 'admin'),
  'edit-owners': (stage, expectation) => editList(stage, expectation, 'owner'),

  'moderator-role'(stage, expectation) {
    stage.enter('target');
    // Assign: a participant becomes moderator; Remove: back to participant.
    for (const [from, to] of [
      ['participant', 'moderator'],
      ['moderator', 'participant'],
    ] as const) {
      if (stage.roleOf('Target') !== from) stage.forceRole('Target', from);
      stage.clear();
      const sent = iq(
        stage,
        'set',
        `<query xmlns='${MUC_ADMIN}'><item nick='Target' role='${to}'/></query>`,
      );
      const seen = presencesFrom(stage.inbox('witness'), inRoom('Target')).map(summary);
      if (expectation.expect !== 'ok') {
        expectRefusal(sent, expectation);
        expect(seen).toEqual([]);
        continue;
      }
      expect(sent.reply?.attrs.type).toBe('result');
      expect(seen).toEqual([`available role=${to} affiliation=none`]);
    }
  },

  configure(stage, expectation) {
    stage.clear();
    const sent = iq(
      stage,
      'set',
      `<query xmlns='${MUC_OWNER}'><x xmlns='jabber:x:data' type='submit'>
        <field var='FORM_TYPE'><value>http://jabber.org/protocol/muc#roomconfig</value></field>
        <field var='muc#roomconfig_roomname'><value>Renamed</value></field>
      </x></query>`,
    );
    const notices = stage
      .inbox('witness')
      .filter((s) => s.name === 'message' && s.attrs.from === ROOM)
      .map(codesOf);
    if (expectation.expect !== 'ok') {
      expectRefusal(sent, expectation);
      expect(notices).toEqual([]);
      return;
    }
    expect(sent.reply?.attrs.type).toBe('result');
    // §10.2.1: "a message … containing only <status code='104'/>".
    expect(notices).toEqual([['104']]);
  },

  destroy(stage, expectation) {
    stage.clear();
    const sent = iq(
      stage,
      'set',
      `<query xmlns='${MUC_OWNER}'><destroy><reason>closing</reason></destroy></query>`,
    );
    const seen = presencesFrom(stage.inbox('witness'), inRoom('Witness'));
    if (expectation.expect !== 'ok') {
      expectRefusal(sent, expectation);
      expect(seen).toEqual([]);
      expect(stage.world.service.room(ROOM)?.lifecycle()).toBe('open');
      return;
    }
    expect(sent.reply?.attrs.type).toBe('result');
    // §10.9: each occupant gets one unavailable presence carrying <destroy> and the reason.
    expect(seen.map((s) => s.attrs.type)).toEqual(['unavailable']);
    expect(seen[0]?.getChild('x', MUC_USER)?.getChild('destroy')?.getChildText('reason')).toBe(
      'closing',
    );
  },
};

function enterRoom(stage: Stage, expectation: Expectation): void {
  stage.clear();
  const received = stage.enter('actor');
  const own = presencesFrom(received, inRoom('Actor'))
    .filter((s) => s.attrs.type !== 'error')
    .map(summary);
  if (typeof expectation.expect === 'object') {
    expect(errorOf(received)).toEqual(expectation.expect);
    expect(own).toEqual([]);
    return;
  }
  expect(own).toHaveLength(1);
  expect(own[0]).toMatch(new RegExp(`^available role=${expectation.expect} `));
}

function editList(stage: Stage, expectation: Expectation, affiliation: Affiliation): void {
  stage.clear();
  const sent = iq(
    stage,
    'set',
    `<query xmlns='${MUC_ADMIN}'><item jid='newbie@localhost' affiliation='${affiliation}'/></query>`,
  );
  if (expectation.expect !== 'ok') {
    expectRefusal(sent, expectation);
    expect(stage.affiliationOf('newbie')).toBe('none');
    return;
  }
  expect(sent.reply?.attrs.type).toBe('result');
  expect(stage.affiliationOf('newbie')).toBe(affiliation);
}

describe('Table 6 (§5.2.1) — privileges associated with affiliations', () => {
  for (const row of TABLE6) {
    describe(`${row.privilege} (XEP: ${COLUMNS.map((c, i) => `${c} ${row.xepCells[i]}`).join(', ')})`, () => {
      for (const affiliation of COLUMNS) {
        const expectation = row.cells[affiliation];
        tally.add(`${row.privilege}/${affiliation}`, expectation, expectation.known);
        const title = titleOf(
          `${affiliation}: ${row.privilege.toLowerCase()}`,
          expectedText(expectation),
          expectation,
          expectation.known,
        );
        cell(title, expectation.known, () => {
          const stage = arrange(row.action, affiliation, row.config ?? {});
          ACTIONS[row.action](stage, expectation);
        });
      }
    });
  }

  describe('footnotes: the same cell in another room configuration', () => {
    for (const footnote of TABLE6_FOOTNOTES) {
      const title = titleOf(footnote.title, expectedText(footnote), footnote, footnote.known);
      cell(title, footnote.known, () => {
        const stage = arrange(footnote.action, footnote.affiliation, footnote.config);
        ACTIONS[footnote.action](stage, footnote);
      });
    }
  });

  it('covers every cell: 11 privileges × 5 affiliations', () => {
    console.info(tally.report('Table 6'));
    expect(tally.size).toBe(55);
  });
});
