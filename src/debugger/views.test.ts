// Tests of the room and transition views: roles, affiliations and status codes in words — XEP-0045 §5, §12
import { describe, expect, it } from 'vitest';
import { parseBlock } from '../scansion/block.js';
import { describeCode, summarizeEntry, summarizeStanza } from './views.js';

function stanza(text: string) {
  const parsed = parseBlock(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.element;
}

describe('describeCode', () => {
  it('gives the meaning without its aside, and the section', () => {
    expect(describeCode('321')).toBe('321 removed because the affiliation changed (§9.4)');
    expect(describeCode('307')).toBe('307 removed by a moderator (§8.2)');
    expect(describeCode('110')).toBe('110 this presence is about you (§7.2.2)');
    expect(describeCode('999')).toBe('999 (unregistered)');
  });
});

describe('summarizeStanza', () => {
  it('a removal: type, route, status words, item and actor', () => {
    const removal =
      stanza(`<presence type='unavailable' from='room@conference.localhost/Juliet' to='user2@localhost/r'>
      <x xmlns='http://jabber.org/protocol/muc#user'>
        <status code='321'/>
        <item affiliation='none' role='none' jid='user2@localhost/r'><actor nick='Romeo'/></item>
        <status code='110'/>
      </x>
    </presence>`);

    expect(summarizeStanza(removal)).toBe(
      'presence unavailable room@conference.localhost/Juliet → user2@localhost/r 321 removed: affiliation change none/none jid=user2@localhost/r actor=Romeo 110 self-presence',
    );
  });

  it('messages with a body or a subject, joins, errors and admin iqs', () => {
    expect(
      summarizeStanza(
        stanza(
          `<message type='groupchat' to='room@conference.localhost'><body>Hello   there</body></message>`,
        ),
      ),
    ).toBe('message groupchat room@conference.localhost "Hello there"');
    expect(
      summarizeStanza(stanza(`<message type='groupchat'><subject>Verona</subject></message>`)),
    ).toBe('message groupchat subject "Verona"');
    expect(
      summarizeStanza(
        stanza(
          `<presence to='room@conference.localhost/Romeo'><x xmlns='http://jabber.org/protocol/muc'/></presence>`,
        ),
      ),
    ).toBe('presence room@conference.localhost/Romeo join');
    expect(
      summarizeStanza(
        stanza(
          `<presence type='error' from='room@conference.localhost/Romeo'><error type='auth'><registration-required xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>`,
        ),
      ),
    ).toBe('presence error room@conference.localhost/Romeo error registration-required');
    expect(
      summarizeStanza(
        stanza(
          `<iq type='set' id='a' to='room@conference.localhost'><query xmlns='http://jabber.org/protocol/muc#admin'><item nick='Juliet' role='none'/></query></iq>`,
        ),
      ),
    ).toBe('iq set room@conference.localhost mucAdmin item role=none nick=Juliet');
  });

  it('cuts long bodies', () => {
    const long = 'x'.repeat(100);
    expect(summarizeStanza(stanza(`<message><body>${long}</body></message>`))).toBe(
      `message "${'x'.repeat(59)}…"`,
    );
  });
});

describe('summarizeEntry', () => {
  it('names clients on either side', () => {
    const names = { nameOf: (jid: string) => (jid.startsWith('user2@') ? 'Juliet' : undefined) };
    const message = stanza(
      `<message type='chat' from='room@conference.localhost/Romeo'><body>hi</body></message>`,
    );

    expect(
      summarizeEntry(
        {
          seq: 3,
          kind: 'delivery',
          time: 0,
          cause: 2,
          to: 'user2@localhost/r',
          stanza: message,
          by: 'pm',
        },
        names,
      ),
    ).toBe('Juliet ← message chat room@conference.localhost/Romeo "hi"');
    expect(
      summarizeEntry({ seq: 1, kind: 'connect', time: 0, jid: 'user2@localhost/r' }, names),
    ).toBe('Juliet connects as user2@localhost/r');
    expect(
      summarizeEntry({ seq: 1, kind: 'disconnect', time: 0, jid: 'x@localhost/r' }, names),
    ).toBe('x@localhost/r disconnects');
  });
});
