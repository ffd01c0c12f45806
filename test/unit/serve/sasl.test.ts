// Tests for the door's SASL: PLAIN with any password (RFC 4616) and ANONYMOUS (RFC 4505), and the failures of RFC 6120 §6.5
import { Element } from 'ltx';
import { describe, expect, it } from 'vitest';
import { authenticate, plain, saslReply } from '../../../src/serve/sasl.js';

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('PLAIN', () => {
  it('accepts any password and prepares the username', () => {
    expect(plain(b64('\0Romeo\0anything'), 'localhost')).toEqual({
      kind: 'success',
      username: 'romeo',
    });
    expect(plain(b64('romeo@localhost\0romeo\0x'), 'localhost')).toEqual({
      kind: 'success',
      username: 'romeo',
    });
  });

  it.each([
    ['not base64!', 'incorrect-encoding'],
    [b64('romeo\0x'), 'malformed-request'],
    [b64('\0ro@meo\0x'), 'not-authorized'],
    [b64('juliet@localhost\0romeo\0x'), 'invalid-authzid'],
  ])('%s → %s', (payload, condition) => {
    expect(plain(payload, 'localhost')).toMatchObject({ kind: 'failure', condition });
  });
});

describe('authenticate', () => {
  it('ANONYMOUS gets a generated username; PLAIN without a response gets an empty challenge', () => {
    const anonymous = new Element('auth', { mechanism: 'ANONYMOUS' });
    expect(authenticate(anonymous, 'localhost', () => 'a1b2')).toEqual({
      kind: 'success',
      username: 'a1b2',
    });
    expect(
      authenticate(new Element('auth', { mechanism: 'PLAIN' }), 'localhost', () => ''),
    ).toEqual({
      kind: 'challenge',
    });
    expect(
      authenticate(new Element('auth', { mechanism: 'SCRAM-SHA-1' }), 'localhost', () => ''),
    ).toEqual({
      kind: 'failure',
      condition: 'invalid-mechanism',
    });
  });

  it('answers with the SASL elements', () => {
    expect(
      saslReply({
        kind: 'failure',
        condition: 'not-authorized',
        text: 'Invalid username',
      }).toString(),
    ).toBe(
      '<failure xmlns="urn:ietf:params:xml:ns:xmpp-sasl"><not-authorized/><text xml:lang="en">Invalid username</text></failure>',
    );
  });
});
