// Tests for discussion history: the maxchars/maxstanzas/since/seconds limits and <delay/> — XEP-0045 §7.2.13–14
import { describe, expect, it } from 'vitest';
import { selectHistory } from '../../../../src/muc/features/history.js';
import type { HistoryEntry } from '../../../../src/muc/model/room-state.js';
import { World } from '../../../../src/sim/world.js';
import { canonicalAll, stanza } from '../../../helpers/stanza.js';
import { createRoom, join, occupantId, take } from '../../../helpers/world.js';

/** Five messages m1…m5, one second apart from t=1000, each 100 characters long. */
const history: HistoryEntry[] = [1, 2, 3, 4, 5].map((n) => ({
  stanza: stanza(`<message id='m${n}'/>`),
  stamp: n * 1000,
  chars: 100,
}));
const TO = 'juliet@localhost/j'; // 18 characters
const ids = (entries: HistoryEntry[]) => entries.map((entry) => entry.stanza.attrs.id);
const request = (limits: { maxstanzas?: number; maxchars?: number; since?: number }) => ({
  maxstanzas: limits.maxstanzas ?? 20,
  maxchars: limits.maxchars,
  since: limits.since,
});

describe('selectHistory', () => {
  it('returns the whole history, oldest first, when no limit bites', () => {
    expect(ids(selectHistory(history, request({}), TO))).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
  });

  it('maxstanzas keeps the newest messages', () => {
    expect(ids(selectHistory(history, request({ maxstanzas: 2 }), TO))).toEqual(['m4', 'm5']);
    expect(selectHistory(history, request({ maxstanzas: 0 }), TO)).toEqual([]);
  });

  it('maxchars counts each stanza plus the length of `to`, whole stanzas only', () => {
    const perMessage = 100 + TO.length;

    expect(ids(selectHistory(history, request({ maxchars: 2 * perMessage }), TO))).toEqual([
      'm4',
      'm5',
    ]);
    expect(ids(selectHistory(history, request({ maxchars: 2 * perMessage - 1 }), TO))).toEqual([
      'm5',
    ]);
  });

  it('maxchars=0 sends no history at all (§7.2.14)', () => {
    expect(selectHistory(history, request({ maxchars: 0 }), TO)).toEqual([]);
  });

  it('since keeps messages stamped at or after it', () => {
    expect(ids(selectHistory(history, request({ since: 4000 }), TO))).toEqual(['m4', 'm5']);
    expect(selectHistory(history, request({ since: 5001 }), TO)).toEqual([]);
  });

  it('sends the smallest amount that meets every limit at once', () => {
    expect(ids(selectHistory(history, request({ maxstanzas: 3, since: 4000 }), TO))).toEqual([
      'm4',
      'm5',
    ]);
    expect(ids(selectHistory(history, request({ maxstanzas: 1, since: 1000 }), TO))).toEqual([
      'm5',
    ]);
    expect(
      ids(selectHistory(history, request({ maxstanzas: 4, maxchars: 300, since: 1000 }), TO)),
    ).toEqual(['m4', 'm5']);
  });

  it('returns nothing from an empty history', () => {
    expect(selectHistory([], request({}), TO)).toEqual([]);
  });
});

describe('history in a room', () => {
  const ROOM = 'room@conference.localhost';

  function roomWithThreeMessages() {
    const world = new World(); // every client action takes one simulated second
    const romeo = world.connect('romeo@localhost', { resource: 'r' });
    const juliet = world.connect('juliet@localhost', { resource: 'j' });
    createRoom(world, romeo, `${ROOM}/Romeo`); // 12:00:01 and 12:00:02
    take(world, romeo);
    const say = (id: string) =>
      world.send(
        romeo.jid,
        stanza(`<message type='groupchat' to='${ROOM}' id='${id}'><body>${id}</body></message>`),
      );
    say('m1'); // 12:00:03
    world.clock.advance(60_000);
    say('m2'); // 12:01:04
    say('m3'); // 12:01:05
    // The archive ids (XEP-0359) the reflections carried: the history repeats them.
    const archived = new Map(
      take(world, romeo)
        .filter((el) => el.getChild('body'))
        .map((el) => [el.attrs.id, el.getChild('stanza-id', 'urn:xmpp:sid:0')?.attrs.id]),
    );
    return { world, juliet, archived };
  }

  /** A history message as Prosody's archive (mod_muc_mam) serves it: the stanza, then its delay and archive id. */
  function historyMessage(
    world: World,
    archived: Map<string, string>,
    id: string,
    stamp: string,
  ): string {
    return `
      <message type='groupchat' from='${ROOM}/Romeo' to='juliet@localhost/j' id='${id}' xml:lang='en'>
        <body>${id}</body>
        <occupant-id xmlns='urn:xmpp:occupant-id:0' id='${occupantId(world, ROOM, 'romeo@localhost')}'/>
        <delay xmlns='urn:xmpp:delay' from='${ROOM}' stamp='${stamp}'/>
        <stanza-id xmlns='urn:xmpp:sid:0' by='${ROOM}' id='${archived.get(id)}'/>
      </message>`;
  }

  it('sends each history message with <delay from=room stamp=…>, between self-presence and subject', () => {
    const { world, juliet, archived } = roomWithThreeMessages();

    join(world, juliet, `${ROOM}/Juliet`);

    const received = take(world, juliet);
    expect(received.map((el) => el.name)).toEqual([
      'presence',
      'presence',
      'message',
      'message',
      'message',
      'message',
    ]);
    expect(canonicalAll(received.slice(2, 5))).toEqual(
      canonicalAll([
        historyMessage(world, archived, 'm1', '2026-01-01T12:00:03Z'),
        historyMessage(world, archived, 'm2', '2026-01-01T12:01:04Z'),
        historyMessage(world, archived, 'm3', '2026-01-01T12:01:05Z'),
      ]),
    );
    expect(received[5]?.getChild('subject')).toBeDefined();
  });

  it('seconds limits history to the messages of the last n seconds', () => {
    const { world, juliet, archived } = roomWithThreeMessages();

    join(world, juliet, `${ROOM}/Juliet`, `<history seconds='2'/>`); // at 12:01:06

    const messages = take(world, juliet).filter((el) => el.getChild('body'));
    expect(canonicalAll(messages)).toEqual(
      canonicalAll([
        historyMessage(world, archived, 'm2', '2026-01-01T12:01:04Z'),
        historyMessage(world, archived, 'm3', '2026-01-01T12:01:05Z'),
      ]),
    );
  });
});
