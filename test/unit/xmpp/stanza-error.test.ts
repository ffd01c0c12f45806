// Tests for the one builder of stanza errors (RFC 6120 §8.3) behind every XEP-0045 error reply (§7.2.17 and the use cases)
import { describe, expect, it } from 'vitest';
import {
  errorElement,
  errorSpec,
  isUnanswerable,
  readStanzaError,
  stanzaError,
} from '../../../src/xmpp/stanza-error.js';
import { canonical, stanza } from '../../helpers/stanza.js';

describe('stanzaError', () => {
  it('swaps the addresses, keeps name and id, and does not echo the payload', () => {
    const join = stanza(`
      <presence from='romeo@localhost/r' to='room@conference.localhost/Romeo' id='j1'>
        <x xmlns='http://jabber.org/protocol/muc'/>
      </presence>`);

    const reply = stanzaError(join, { type: 'cancel', condition: 'item-not-found' });

    expect(canonical(reply)).toBe(
      canonical(`
        <presence type='error' from='room@conference.localhost/Romeo' to='romeo@localhost/r' id='j1'>
          <error type='cancel'>
            <item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
          </error>
        </presence>`),
    );
  });

  it('adds `by`, the condition content and the text, in that order', () => {
    const join = stanza(
      `<presence from='juliet@localhost/b' to='gone@conference.localhost/Juliet'/>`,
    );

    const reply = stanzaError(join, {
      type: 'cancel',
      condition: 'gone',
      by: 'gone@conference.localhost',
      conditionText: 'xmpp:new@conference.localhost?join',
      text: 'Moved',
    });

    expect(canonical(reply)).toBe(
      canonical(`
        <presence type='error' from='gone@conference.localhost/Juliet' to='juliet@localhost/b'>
          <error type='cancel' by='gone@conference.localhost'>
            <gone xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>xmpp:new@conference.localhost?join</gone>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Moved</text>
          </error>
        </presence>`),
    );
  });

  it('leaves out addresses and id the original did not have', () => {
    const reply = stanzaError(stanza(`<iq type='get'/>`), errorSpec('cancel', 'bad-request'));

    expect(canonical(reply)).toBe(
      canonical(`
        <iq type='error'>
          <error type='cancel'><bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>
        </iq>`),
    );
  });
});

describe('errorSpec', () => {
  it('is shorthand for a spec with type, condition, text and by', () => {
    expect(errorSpec('auth', 'forbidden', 'No', 'room@muc')).toEqual({
      type: 'auth',
      condition: 'forbidden',
      text: 'No',
      by: 'room@muc',
    });
  });
});

describe('readStanzaError', () => {
  it('reads back what stanzaError wrote', () => {
    const reply = stanzaError(stanza(`<message to='room@muc' from='a@b/c'/>`), {
      type: 'modify',
      condition: 'not-acceptable',
      text: 'Nope',
    });

    expect(readStanzaError(reply)).toEqual({
      type: 'modify',
      condition: 'not-acceptable',
      text: 'Nope',
    });
  });

  it('skips text and foreign children when looking for the condition', () => {
    const reply = stanza(`
      <iq type='error'>
        <error type='wait'>
          <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
          <app-specific xmlns='urn:example'/>
          <resource-constraint xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
        </error>
      </iq>`);

    expect(readStanzaError(reply)).toEqual({
      type: 'wait',
      condition: 'resource-constraint',
      text: undefined,
    });
  });

  it('returns nothing for a stanza without an error', () => {
    expect(readStanzaError(stanza(`<iq type='result'/>`))).toEqual({
      type: undefined,
      condition: undefined,
      text: undefined,
    });
  });
});

describe('errorElement', () => {
  it('builds the bare <error/> for embedding elsewhere', () => {
    expect(canonical(errorElement({ type: 'auth', condition: 'not-authorized' }))).toBe(
      canonical(
        `<error type='auth'><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>`,
      ),
    );
  });
});

describe('isUnanswerable', () => {
  it('is an error of any kind or an iq result, and nothing else', () => {
    const unanswerable = [
      `<message type='error'/>`,
      `<presence type='error'/>`,
      `<iq type='error' id='1'/>`,
      `<iq type='result' id='1'/>`,
      `<message type='result'/>`,
      `<iq type='get' id='1'/>`,
      `<presence type='unavailable'/>`,
      `<message type='groupchat'/>`,
    ].map((xml) => isUnanswerable(stanza(xml)));
    expect(unanswerable).toEqual([true, true, true, true, false, false, false, false]);
  });
});
