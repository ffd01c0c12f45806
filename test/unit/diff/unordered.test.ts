// Tests for the comparison order of one client's stream: Prosody's Lua-table-ordered presence runs sorted, everything else in place — XEP-0045 §7.2.2
import { describe, expect, it } from 'vitest';
import { comparisonOrder } from '../../../src/diff/unordered.js';
import { stanza } from '../../helpers/stanza.js';

function presence(nick: string, codes: string[] = [], type?: string) {
  const statuses = codes.map((code) => `<status code='${code}'/>`).join('');
  const typed = type ? ` type='${type}'` : '';
  return stanza(`<presence from='room@conference.localhost/${nick}'${typed}>
    <x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='none' role='participant'/>${statuses}</x></presence>`);
}

describe('comparisonOrder', () => {
  it('sorts a run of presences by key, the self-presence among them, and keeps the rest in place', () => {
    const received = [
      { stanza: presence('Romeo'), step: 3 },
      { stanza: presence('Benvolio'), step: 3 },
      { stanza: presence('Juliet', ['110']), step: 3 },
      {
        stanza: stanza(
          `<message type='groupchat' from='room@conference.localhost'><subject/></message>`,
        ),
        step: 3,
      },
    ];
    expect(comparisonOrder(received, ['c', 'a', 'b', 'd'])).toEqual([1, 2, 0, 3]);
  });

  it('does not reorder across steps, nor two presences from one occupant, nor a 303 pair', () => {
    const acrossSteps = [
      { stanza: presence('Romeo'), step: 1 },
      { stanza: presence('Benvolio'), step: 2 },
    ];
    expect(comparisonOrder(acrossSteps, ['b', 'a'])).toEqual([0, 1]);
    const sameOccupant = [
      { stanza: presence('Romeo', [], 'unavailable'), step: 1 },
      { stanza: presence('Romeo'), step: 1 },
    ];
    expect(comparisonOrder(sameOccupant, ['b', 'a'])).toEqual([0, 1]);
    const nickChange = [
      { stanza: presence('Juliet', ['303'], 'unavailable'), step: 1 },
      { stanza: presence('Jules'), step: 1 },
    ];
    expect(comparisonOrder(nickChange, ['b', 'a'])).toEqual([0, 1]);
  });

  it("sorts the rooms' answers to one unavailable presence, errors among them, and the room's presences for absent users by the user", () => {
    const error = (room: string) =>
      stanza(`<presence type='error' from='${room}@conference.localhost/Romeo'>
        <error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>`);
    const answers = [
      { stanza: error('garden'), step: 4 },
      { stanza: presence('Romeo', ['110'], 'unavailable'), step: 4 },
      { stanza: error('balcony'), step: 4 },
    ];
    expect(comparisonOrder(answers, ['c', 'b', 'a'])).toEqual([2, 1, 0]);
    const absent = (jid: string) =>
      stanza(`<presence type='unavailable' from='room@conference.localhost'>
        <x xmlns='http://jabber.org/protocol/muc#user'><item jid='${jid}' affiliation='member' role='none'/></x></presence>`);
    const forAbsent = [
      { stanza: absent('juliet@localhost'), step: 2 },
      { stanza: absent('nurse@localhost'), step: 2 },
    ];
    expect(comparisonOrder(forAbsent, ['b', 'a'])).toEqual([1, 0]);
  });
});
