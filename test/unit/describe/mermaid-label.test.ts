// Stanza labels for the sequence diagram: short, with status codes in numbers and words, and Mermaid-safe — XEP-0045 §7.2 (status codes)
import { describe, expect, it } from 'vitest';
import {
  escapeMermaid,
  MAX_LABEL,
  shortNamespace,
  stanzaLabel,
  truncate,
} from '../../../src/describe/mermaid-label.js';
import { stanza } from '../../helpers/stanza.js';

const names = (jid: string) =>
  ({ 'user@localhost': 'Romeo', 'user2@localhost': 'Juliet', 'user2@localhost/x': 'Juliet' })[jid];

describe('escapeMermaid', () => {
  it('turns the characters Mermaid misreads into entity codes', () => {
    expect(escapeMermaid('a;b#c"d<e>f')).toBe('a#59;b#35;c#quot;d#lt;e#gt;f');
  });

  it('collapses newlines and tabs into spaces', () => {
    expect(escapeMermaid('one\n\ttwo')).toBe('one two');
  });
});

describe('truncate', () => {
  it('keeps short text and cuts long text with an ellipsis', () => {
    expect(truncate('short')).toBe('short');
    const cut = truncate('x'.repeat(100));
    expect(cut).toHaveLength(MAX_LABEL);
    expect(cut.endsWith('…')).toBe(true);
  });
});

describe('shortNamespace', () => {
  it('names the protocols by their short form', () => {
    expect(shortNamespace('http://jabber.org/protocol/muc#admin')).toBe('muc#admin');
    expect(shortNamespace('jabber:iq:register')).toBe('register');
    expect(shortNamespace('jabber:x:data')).toBe('form');
    expect(shortNamespace('urn:xmpp:ping')).toBe('ping');
  });
});

describe('stanzaLabel', () => {
  it('says a join and the nick it asks for', () => {
    const join = stanza(
      `<presence to='room@conference.localhost/Romeo'><x xmlns='http://jabber.org/protocol/muc'/></presence>`,
    );
    expect(stanzaLabel(join, 'in', names)).toBe('presence join as Romeo');
  });

  it('gives status codes in numbers and words, and the occupant the presence is about', () => {
    const kicked = stanza(
      `<presence type='unavailable' from='room@conference.localhost/Juliet'>
        <x xmlns='http://jabber.org/protocol/muc#user'>
          <status code='321'/><item affiliation='none' role='none' jid='user2@localhost/x'/>
        </x></presence>`,
    );
    expect(stanzaLabel(kicked, 'out', names)).toBe(
      'presence unavailable Juliet 321 removed: affiliation change',
    );
  });

  it('drops the words of the codes before cutting, and stays within 60 characters', () => {
    const self = stanza(
      `<presence type='unavailable' from='room@conference.localhost/Juliet'>
        <x xmlns='http://jabber.org/protocol/muc#user'>
          <status code='321'/><item affiliation='none' role='none' jid='user2@localhost/x'/>
          <status code='110'/>
        </x></presence>`,
    );
    const label = stanzaLabel(self, 'out', names);
    expect(label.length).toBeLessThanOrEqual(MAX_LABEL);
    expect(label).toContain('321');
    expect(label).toContain('110');
  });

  it('truncates a message body and keeps its type', () => {
    const message = stanza(
      `<message type='groupchat' from='room@conference.localhost/Romeo'><body>${'word '.repeat(20)}</body></message>`,
    );
    const label = stanzaLabel(message, 'out', names);
    expect(label).toMatch(/^message groupchat Romeo “word word .*…”$/);
    expect(label.length).toBeLessThanOrEqual(MAX_LABEL);
  });

  it('gives an iq its type, payload and id, with client names for JIDs', () => {
    const iq = stanza(
      `<iq type='set' id='member1' to='room@conference.localhost'>
        <query xmlns='http://jabber.org/protocol/muc#admin'>
          <item affiliation='member' jid='user2@localhost'/>
        </query></iq>`,
    );
    expect(stanzaLabel(iq, 'in', names)).toBe('iq set muc#admin item member Juliet id=member1');
  });

  it('names the error condition', () => {
    const error = stanza(
      `<presence type='error' from='room@conference.localhost/Juliet'>
        <error type='auth'><registration-required xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>
      </presence>`,
    );
    expect(stanzaLabel(error, 'out', names)).toBe(
      'presence error Juliet error registration-required',
    );
  });
});
