// Tests for the comparable form of a stanza: volatile ids, stamps, bound JIDs and Prosody's unordered lists — XEP-0045 stanzas from two services
import { describe, expect, it } from 'vitest';
import { addressLabels, comparableXml, normaliseStanza } from '../../../src/diff/normalise.js';
import { canonical, stanza } from '../../helpers/stanza.js';

const context = {
  addresses: addressLabels([{ name: 'Romeo', jids: ['romeo@localhost/a1b2'] }]),
  keptIds: new Set(['join1']),
};

describe('normaliseStanza', () => {
  it('replaces generated ids, occupant-ids, stanza-ids, delay stamps and bound JIDs', () => {
    const received = stanza(`
      <message type='groupchat' id='x9f' from='room@conference.localhost/Juliet' to='romeo@localhost/a1b2' xml:lang='en'>
        <body>hi</body>
        <occupant-id xmlns='urn:xmpp:occupant-id:0' id='AbC='/>
        <stanza-id xmlns='urn:xmpp:sid:0' id='123' by='room@conference.localhost'/>
        <delay xmlns='urn:xmpp:delay' from='room@conference.localhost' stamp='2026-01-01T12:00:00Z'/>
      </message>`);
    expect(canonical(normaliseStanza(received, context))).toBe(
      canonical(`
      <message from='room@conference.localhost/Juliet' id='{id}' to="{Romeo's full JID}" type='groupchat'>
        <body>hi</body>
        <delay xmlns='urn:xmpp:delay' from='room@conference.localhost' stamp='{stamp}'/>
        <occupant-id xmlns='urn:xmpp:occupant-id:0' id='{occupant-id}'/>
        <stanza-id xmlns='urn:xmpp:sid:0' by='room@conference.localhost' id='{stanza-id}'/>
      </message>`),
    );
  });

  it('keeps ids the script sent, and attribute order never matters', () => {
    const a = stanza(
      `<iq type='result' id='join1' from='room@conference.localhost' to='romeo@localhost/a1b2'/>`,
    );
    const b = stanza(
      `<iq to='romeo@localhost/a1b2' from='room@conference.localhost' id='join1' type='result'/>`,
    );
    expect(comparableXml(a, context)).toBe(comparableXml(b, context));
    expect(comparableXml(a, context)).toContain('id="join1"');
  });

  it('ignores the order of jabber:client children but not of muc#user status codes in presences', () => {
    const a = stanza(`<presence from='room@conference.localhost/R'>
      <x xmlns='http://jabber.org/protocol/muc#user'><status code='201'/><status code='110'/></x>
      <occupant-id xmlns='urn:xmpp:occupant-id:0' id='1'/></presence>`);
    const b = stanza(`<presence from='room@conference.localhost/R'>
      <occupant-id xmlns='urn:xmpp:occupant-id:0' id='2'/>
      <x xmlns='http://jabber.org/protocol/muc#user'><status code='201'/><status code='110'/></x></presence>`);
    const c = stanza(`<presence from='room@conference.localhost/R'>
      <occupant-id xmlns='urn:xmpp:occupant-id:0' id='2'/>
      <x xmlns='http://jabber.org/protocol/muc#user'><status code='110'/><status code='201'/></x></presence>`);
    expect(comparableXml(a, context)).toBe(comparableXml(b, context));
    expect(comparableXml(a, context)).not.toBe(comparableXml(c, context));
  });

  it('sorts the status codes of a configuration-change message', () => {
    const a = stanza(`<message type='groupchat' from='room@conference.localhost'>
      <x xmlns='http://jabber.org/protocol/muc#user'><status code='104'/><status code='172'/></x></message>`);
    const b = stanza(`<message type='groupchat' from='room@conference.localhost'>
      <x xmlns='http://jabber.org/protocol/muc#user'><status code='172'/><status code='104'/></x></message>`);
    expect(comparableXml(a, context)).toBe(comparableXml(b, context));
  });

  it('sorts disco#info identities, features and extended-info fields', () => {
    const a =
      stanza(`<iq type='result' id='join1'><query xmlns='http://jabber.org/protocol/disco#info'>
      <feature var='muc_open'/><identity category='conference' type='text'/><feature var='http://jabber.org/protocol/muc'/>
      <x xmlns='jabber:x:data' type='result'><field var='FORM_TYPE'><value>t</value></field><field var='b'/><field var='a'/></x>
      </query></iq>`);
    const b =
      stanza(`<iq type='result' id='join1'><query xmlns='http://jabber.org/protocol/disco#info'>
      <identity category='conference' type='text'/><feature var='http://jabber.org/protocol/muc'/><feature var='muc_open'/>
      <x xmlns='jabber:x:data' type='result'><field var='FORM_TYPE'><value>t</value></field><field var='a'/><field var='b'/></x>
      </query></iq>`);
    expect(comparableXml(a, context)).toBe(comparableXml(b, context));
  });

  it('sorts the items of a multi-session presence, an admin list and a disco#items list, not the statuses around them', () => {
    const presence = (first: string, second: string) =>
      stanza(`<presence from='room@conference.localhost/J'><x xmlns='http://jabber.org/protocol/muc#user'>
        <status code='201'/><item affiliation='none' role='participant' jid='${first}'/>
        <item affiliation='none' role='participant' jid='${second}'/><status code='110'/></x></presence>`);
    expect(comparableXml(presence('j@localhost/a', 'j@localhost/b'), context)).toBe(
      comparableXml(presence('j@localhost/b', 'j@localhost/a'), context),
    );
    const list = (first: string, second: string) =>
      stanza(`<iq type='result' id='join1'><query xmlns='http://jabber.org/protocol/muc#admin'>
        <item affiliation='outcast' jid='${first}'/><item affiliation='outcast' jid='${second}'/></query></iq>`);
    expect(comparableXml(list('a@localhost', 'b@localhost'), context)).toBe(
      comparableXml(list('b@localhost', 'a@localhost'), context),
    );
    const rooms = (first: string, second: string) =>
      stanza(`<iq type='result' id='join1'><query xmlns='http://jabber.org/protocol/disco#items'>
        <item jid='${first}'/><item jid='${second}'/></query></iq>`);
    expect(comparableXml(rooms('a@c.localhost', 'b@c.localhost'), context)).toBe(
      comparableXml(rooms('b@c.localhost', 'a@c.localhost'), context),
    );
    const moved =
      stanza(`<presence from='room@conference.localhost/J'><x xmlns='http://jabber.org/protocol/muc#user'>
        <item affiliation='none' role='participant'/><status code='201'/></x></presence>`);
    const kept =
      stanza(`<presence from='room@conference.localhost/J'><x xmlns='http://jabber.org/protocol/muc#user'>
        <status code='201'/><item affiliation='none' role='participant'/></x></presence>`);
    expect(comparableXml(moved, context)).not.toBe(comparableXml(kept, context));
  });

  it('sorts a room configuration form within its sections, list-multi values, and command children', () => {
    const form = (order: string[], values: string[]) =>
      stanza(`<iq type='result' id='join1'><query xmlns='http://jabber.org/protocol/muc#owner'>
        <x xmlns='jabber:x:data' type='form'>
          <field type='hidden' var='FORM_TYPE'><value>http://jabber.org/protocol/muc#roomconfig</value></field>
          <field type='fixed'><value>Other options</value></field>
          ${order.map((name) => `<field type='boolean' var='${name}'/>`).join('')}
          <field type='list-multi' var='roles'>${values.map((value) => `<value>${value}</value>`).join('')}</field>
        </x></query></iq>`);
    expect(comparableXml(form(['b', 'a'], ['visitor', 'moderator']), context)).toBe(
      comparableXml(form(['a', 'b'], ['moderator', 'visitor']), context),
    );
    const command = (first: string, second: string) =>
      stanza(
        `<iq type='result' id='join1'><command xmlns='http://jabber.org/protocol/commands' node='n' status='executing'>${first}${second}</command></iq>`,
      );
    const actions = `<actions execute='complete'><complete/></actions>`;
    const data = `<x xmlns='jabber:x:data' type='form'/>`;
    expect(comparableXml(command(actions, data), context)).toBe(
      comparableXml(command(data, actions), context),
    );
  });

  it('replaces a bound full JID inside a text', () => {
    const body = stanza(
      `<message id='join1'><body>romeo@localhost/a1b2 declined your invite</body></message>`,
    );
    expect(comparableXml(body, context)).toContain("{Romeo's full JID} declined your invite");
  });

  it('labels each session of a client and, when asked, its bare JID', () => {
    const labels = addressLabels([
      {
        name: 'Juliet',
        jids: ['juliet@localhost/1', 'juliet@localhost/2'],
        bare: 'juliet@localhost',
      },
    ]);
    expect([...labels]).toEqual([
      ['juliet@localhost/1', "{Juliet's full JID}"],
      ['juliet@localhost/2', "{Juliet's full JID #2}"],
      ['juliet@localhost', "{Juliet's JID}"],
    ]);
  });
});
