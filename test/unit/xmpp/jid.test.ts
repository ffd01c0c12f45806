// Tests for JID split, join, preparation and comparison (RFC 6122) — the addresses of XEP-0045 §4 and §17.1
import { describe, expect, it } from 'vitest';
import {
  bareJid,
  domainOf,
  isFullJid,
  joinJid,
  localOf,
  prepJid,
  resourceOf,
  sameJid,
  splitJid,
  withResource,
} from '../../../src/xmpp/jid.js';

describe('splitJid', () => {
  it('splits a full JID into its three parts without preparing them', () => {
    expect(splitJid('Romeo@Example.COM/Orchard')).toEqual({
      local: 'Romeo',
      domain: 'Example.COM',
      resource: 'Orchard',
    });
  });

  it('leaves out the parts a JID does not have', () => {
    expect(splitJid('conference.localhost')).toEqual({
      local: undefined,
      domain: 'conference.localhost',
      resource: undefined,
    });
  });

  it('cuts at the first slash: a resource may contain "/" and "@" (RFC 6122 §2.4)', () => {
    expect(splitJid('room@muc/a/b@c')).toEqual({ local: 'room', domain: 'muc', resource: 'a/b@c' });
  });

  it.each([
    ['', 'no domain'],
    ['@x', 'an empty localpart'],
    ['a@', 'an empty domainpart'],
    ['/r', 'an empty domainpart before the resource'],
    ['a/', 'an empty resourcepart'],
    ['a@b/', 'an empty resourcepart after a bare JID'],
  ])('rejects %j: %s', (jid) => {
    expect(splitJid(jid)).toBeUndefined();
  });
});

describe('joinJid', () => {
  it('is the inverse of splitJid', () => {
    for (const jid of ['a@b/c', 'a@b', 'b/c', 'b']) {
      expect(joinJid(splitJid(jid)!)).toBe(jid);
    }
  });
});

describe('prepJid', () => {
  it('folds the case of the localpart and the domainpart but not of the resourcepart', () => {
    expect(prepJid('Romeo@Example.COM/Orchard')).toBe('romeo@example.com/Orchard');
  });

  it('keeps the case of a room nickname', () => {
    expect(prepJid('Room@Conference.Localhost/Romeo')).toBe('room@conference.localhost/Romeo');
  });

  it('strips the trailing dot of a fully qualified domainpart (RFC 6122 §2.2)', () => {
    expect(prepJid('romeo@example.com./r')).toBe('romeo@example.com/r');
  });

  it('applies nameprep to a non-ASCII domainpart', () => {
    expect(prepJid('x@ЖЖ.com')).toBe('x@жж.com');
  });

  it.each([
    ['@x', 'empty localpart'],
    ['a@', 'empty domainpart'],
    ['a/', 'empty resourcepart'],
    ['a b@c', 'nodeprep prohibits the space'],
    ["o'hara@c", 'nodeprep prohibits the apostrophe'],
    ['a@c/\u0007', 'resourceprep prohibits control characters'],
  ])('rejects %j (%s)', (jid) => {
    expect(prepJid(jid)).toBeUndefined();
  });

  // Prosody's jid.split stops a domainpart at "@".
  it('rejects a second "@" (the domain would be "b@c")', () => {
    expect(prepJid('a@b@c')).toBeUndefined();
  });

  // RFC 6122 §2.2 asks for STD3's host name rules; Prosody's nameprep does not apply them.
  it('prepares a domainpart with spaces or control characters, as Prosody does', () => {
    expect(prepJid('not a jid')).toBe('not a jid');
    expect(prepJid('x@Not A Host/r')).toBe('x@not a host/r');
    expect(prepJid('a\tb')).toBe('a\tb');
  });

  it('refuses, in strict mode, a nickname with a code point unassigned in Unicode 3.2', () => {
    const jid = 'room@muc/\u{1F916}';

    expect(prepJid(jid)).toBe(jid);
    expect(prepJid(jid, { strict: true })).toBeUndefined();
  });
});

describe('parts of a JID', () => {
  it('bareJid drops the resource, whatever it contains', () => {
    expect(bareJid('room@muc/a/b')).toBe('room@muc');
    expect(bareJid('room@muc')).toBe('room@muc');
  });

  it('resourceOf returns everything after the first slash, or undefined', () => {
    expect(resourceOf('room@muc/a/b')).toBe('a/b');
    expect(resourceOf('room@muc')).toBeUndefined();
  });

  it('localOf and domainOf read the bare part only', () => {
    expect(localOf('room@muc/x@y')).toBe('room');
    expect(localOf('muc/x@y')).toBeUndefined();
    expect(domainOf('room@muc/x@y')).toBe('muc');
    expect(domainOf('muc/x@y')).toBe('muc');
  });

  it('isFullJid looks for a resource; withResource replaces it', () => {
    expect(isFullJid('a@b/c')).toBe(true);
    expect(isFullJid('a@b')).toBe(false);
    expect(withResource('a@b/old', 'new')).toBe('a@b/new');
  });
});

describe('sameJid', () => {
  it('compares after preparation: case-insensitive local and domain parts', () => {
    expect(sameJid('ROMEO@Localhost/r', 'romeo@localhost/r')).toBe(true);
  });

  it('is case-sensitive in the resourcepart', () => {
    expect(sameJid('romeo@localhost/R', 'romeo@localhost/r')).toBe(false);
  });

  it('does not equate a bare JID with a full one', () => {
    expect(sameJid('romeo@localhost', 'romeo@localhost/r')).toBe(false);
  });

  it('treats an unparseable JID as equal only to itself', () => {
    expect(sameJid('@x', '@x')).toBe(true);
    expect(sameJid('@x', '@X')).toBe(false);
  });
});
