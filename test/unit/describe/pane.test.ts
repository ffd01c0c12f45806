// The pane renderer of the describer: one-line stanza summaries with client names and status codes in words — XEP-0045 §7.2 and §12
import { describe, expect, it } from 'vitest';
import { JidNames } from '../../../src/describe/names.js';
import { paneText, type StanzaEntry } from '../../../src/describe/pane.js';
import type { TraceEntry } from '../../../src/muc/trace.js';
import { parseXml } from '../../../src/xmpp/xml.js';

function stanza(xml: string) {
  const parsed = parseXml(xml);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.element;
}

const labels = new JidNames(
  [
    { name: 'Romeo', jid: 'romeo@localhost/balcony' },
    { name: 'Juliet', jid: 'juliet@localhost/chamber' },
  ],
  { isRoom: (bare) => bare.endsWith('@conference.localhost') },
);
const summarizeEntry = (entry: StanzaEntry, names: JidNames) => ({
  text: paneText(entry, names),
  direction: entry.kind === 'input' ? '→' : '←',
  cause: entry.kind === 'input' ? undefined : entry.cause,
});
const delivery = (
  xml: string,
  to = 'juliet@localhost/chamber',
): Extract<TraceEntry, { kind: 'delivery' }> => ({
  seq: 12,
  kind: 'delivery',
  time: 0,
  cause: 11,
  to,
  stanza: stanza(xml),
  by: 'enter',
});

describe('summarizeEntry', () => {
  it('names the recipient after the script and the sender as room/nick, with role and codes in words', () => {
    const row = summarizeEntry(
      delivery(
        `<presence from='garden@conference.localhost/Romeo'><x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='owner' role='moderator'/><status code='110'/></x></presence>`,
      ),
      labels,
    );
    expect(row.text).toBe(
      'Juliet ← presence from garden/Romeo: owner/moderator, 110 self-presence (§7.2.2)',
    );
    expect(row.direction).toBe('←');
    expect(row.cause).toBe(11);
  });

  it('summarises kicks, errors, messages and inputs', () => {
    expect(
      summarizeEntry(
        delivery(
          `<presence type='unavailable' from='garden@conference.localhost/Juliet'><x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='none' role='none'/><status code='307'/></x></presence>`,
        ),
        labels,
      ).text,
    ).toBe('Juliet ← presence unavailable from garden/Juliet: none/none, 307 kicked (§8.2)');
    expect(
      summarizeEntry(
        delivery(
          `<presence type='error' from='garden@conference.localhost/Juliet'><error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>`,
        ),
        labels,
      ).text,
    ).toBe('Juliet ← presence error from garden/Juliet: error item-not-found (cancel)');
    expect(
      summarizeEntry(
        delivery(
          `<message type='groupchat' from='garden@conference.localhost/Romeo'><body>hello  there</body></message>`,
        ),
        labels,
      ).text,
    ).toBe('Juliet ← message groupchat from garden/Romeo: "hello there"');
    const input: TraceEntry = {
      seq: 3,
      kind: 'input',
      time: 0,
      sender: 'romeo@localhost/balcony',
      origin: 'client',
      stanza: stanza(
        `<iq type='set' id='a1' to='garden@conference.localhost'><query xmlns='http://jabber.org/protocol/muc#admin'><item nick='Juliet' role='visitor'/></query></iq>`,
      ),
    };
    expect(summarizeEntry(input, labels).text).toBe(
      'Romeo → iq set to garden id=a1: muc#admin item nick=Juliet role=visitor',
    );
  });

  it('says "affiliation member" for a notice without a role, and who invites whom by name', () => {
    expect(
      summarizeEntry(
        delivery(
          `<message from='garden@conference.localhost'><x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='member' jid='juliet@localhost'/></x></message>`,
        ),
        labels,
      ).text,
    ).toBe('Juliet ← message from garden: affiliation member');
    expect(
      summarizeEntry(
        delivery(
          `<message from='garden@conference.localhost'><x xmlns='http://jabber.org/protocol/muc#user'><invite from='romeo@localhost/balcony'/></x></message>`,
        ),
        labels,
      ).text,
    ).toBe('Juliet ← message from garden: invite from Romeo');
    const sent: TraceEntry = {
      seq: 4,
      kind: 'input',
      time: 0,
      sender: 'romeo@localhost/balcony',
      origin: 'client',
      stanza: stanza(
        `<message to='garden@conference.localhost'><x xmlns='http://jabber.org/protocol/muc#user'><invite to='juliet@localhost'/></x></message>`,
      ),
    };
    expect(summarizeEntry(sent, labels).text).toBe('Romeo → message to garden: invite to Juliet');
  });
});
