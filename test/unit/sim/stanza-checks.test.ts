// Tests for what the users' server decides before routing a client's stanza, as Prosody 13's stanza router and mod_presence — RFC 6120 §8.2–8.3, §10 (the occupants' own server)
import { describe, expect, it } from 'vitest';
import {
  checkAddressed,
  checkReceived,
  checkRemote,
  type Verdict,
} from '../../../src/sim/stanza-checks.js';
import { canonical, stanza } from '../../helpers/stanza.js';

const ROMEO = 'romeo@localhost/pda';

function reply(verdict: Verdict | undefined): string {
  if (verdict?.kind !== 'answer') throw new Error(`no answer: ${JSON.stringify(verdict)}`);
  return canonical(verdict.reply);
}

describe('checkReceived (core_process_stanza, before `from` is stamped)', () => {
  it('answers a malformed iq from its `to`, a result too', () => {
    const verdict = checkReceived(stanza(`<iq type='result' to='room@conference.localhost'/>`));

    expect(reply(verdict)).toBe(
      canonical(`<iq type='error' from='room@conference.localhost'>
        <error type='modify'>
          <bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
          <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Missing required 'id' attribute</text>
        </error>
      </iq>`),
    );
  });

  it('discards an error without a payload and a malformed iq error, and lets a good iq through', () => {
    expect(checkReceived(stanza(`<message type='error' to='a@localhost'/>`))?.kind).toBe('discard');
    const iqError = `<iq type='error' to='a@localhost'><error type='cancel'/></iq>`;
    expect(checkReceived(stanza(iqError))?.kind).toBe('discard');
    const good = `<iq type='get' id='1' to='a@localhost'><ping xmlns='urn:xmpp:ping'/></iq>`;
    expect(checkReceived(stanza(good))).toBeUndefined();
  });
});

describe('checkAddressed', () => {
  it('answers an address that does not prepare from that address, but not a result', () => {
    const message = stanza(`<message from='${ROMEO}' to='a@b@localhost' id='m1'/>`);
    expect(reply(checkAddressed(message, 'a@b@localhost', ROMEO))).toBe(
      canonical(`<message type='error' from='a@b@localhost' to='${ROMEO}' id='m1'>
        <error type='modify'>
          <jid-malformed xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
          <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>The destination address is invalid: a@b@localhost</text>
        </error>
      </message>`),
    );
    const result = stanza(`<iq type='result' id='r' from='${ROMEO}' to='a@b@localhost'/>`);
    expect(checkAddressed(result, 'a@b@localhost', ROMEO).kind).toBe('discard');
  });

  it("hands an iq to an address that prepares to an empty resource to the sender's own host", () => {
    const to = 'room@conference.localhost/\u200b';
    const iq = stanza(
      `<iq type='get' id='i' from='${ROMEO}' to='${to}'><ping xmlns='urn:xmpp:ping'/></iq>`,
    );
    const verdict = checkAddressed(iq, to, ROMEO);
    expect(verdict.kind).toBe('home');
    expect(verdict.kind === 'home' && verdict.stanza.attrs.to).toBe('room@conference.localhost/');
  });

  it("treats one's own bare JID as no address, and refuses an unknown presence type from the bare JIDs", () => {
    const toSelf = stanza(`<message from='${ROMEO}' to='romeo@localhost'/>`);
    expect(checkAddressed(toSelf, 'romeo@localhost', ROMEO)).toEqual({ kind: 'self' });
    const odd = stanza(`<presence type='bogus' from='${ROMEO}' to='room@conference.localhost/R'/>`);
    expect(reply(checkAddressed(odd, 'room@conference.localhost/R', ROMEO))).toBe(
      canonical(`<presence type='error' from='room@conference.localhost' to='romeo@localhost'>
        <error type='modify'>
          <bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
          <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Invalid presence type</text>
        </error>
      </presence>`),
    );
  });
});

describe('checkRemote', () => {
  it('refuses a remote domain with not-allowed, and never answers an error', () => {
    const message = stanza(`<message from='${ROMEO}' to='x@example.org' id='m'/>`);
    expect(reply(checkRemote(message))).toBe(
      canonical(`<message type='error' from='x@example.org' to='${ROMEO}' id='m'>
        <error type='cancel'>
          <not-allowed xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
          <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Communication with remote domains is not enabled</text>
        </error>
      </message>`),
    );
    const error = stanza(
      `<message type='error' from='${ROMEO}' to='x@example.org'><error/></message>`,
    );
    expect(checkRemote(error).kind).toBe('discard');
  });
});
