// Tests for per-recipient copies that share one payload: same XML as a clone, read-only payload — XEP-0045 §7.2.3 and §7.4 fan-out
import { clone } from 'ltx';
import { describe, expect, it } from 'vitest';
import { addressedCopies, freezeStanza } from '../../../src/xmpp/addressed-copy.js';
import { sharedPayload } from '../../../src/xmpp/shared-payload.js';
import { stanza } from '../../helpers/stanza.js';

const message = () =>
  stanza(
    `<message from='room@conference.localhost/Romeo' type='groupchat' id='m1'><body>Hi</body><x xmlns='urn:x'><y a='1'/></x></message>`,
  );

describe('addressedCopies', () => {
  it('gives each recipient the XML a deep clone addressed to it would have, attributes in order', () => {
    const original = message();
    const expected = clone(original);
    expected.attrs.to = 'juliet@localhost/j';

    const copy = addressedCopies(original)('juliet@localhost/j');

    expect(copy.toString()).toBe(expected.toString());
  });

  it('keeps `to` where it was when the stanza already had one', () => {
    const original = stanza(`<presence to='old@localhost' from='room@conference.localhost/R'/>`);

    expect(addressedCopies(original)('new@localhost').toString()).toBe(
      `<presence to="new@localhost" from="room@conference.localhost/R"/>`,
    );
  });

  it('shares the payload between copies, and each copy has its own top-level attributes', () => {
    const copyTo = addressedCopies(message());
    const juliet = copyTo('juliet@localhost/j');
    const romeo = copyTo('romeo@localhost/r');

    juliet.attrs.id = 'changed';

    expect(juliet.children).toBe(romeo.children);
    expect(romeo.attrs.id).toBe('m1');
  });

  it('freezes the shared payload: changing it throws instead of changing every copy', () => {
    const copy = addressedCopies(message())('juliet@localhost/j');
    const x = copy.getChild('x')!;

    expect(() => copy.c('extra')).toThrow(TypeError);
    expect(() => x.getChild('y')!.c('z')).toThrow(TypeError);
    expect(() => {
      x.attrs.xmlns = 'urn:other';
    }).toThrow(TypeError);
  });
});

describe('freezeStanza', () => {
  it('freezes attributes and children all the way down, and leaves text alone', () => {
    const frozen = message();
    freezeStanza(frozen);

    expect(Object.isFrozen(frozen.attrs)).toBe(true);
    expect(Object.isFrozen(frozen.getChild('x')!.getChild('y')!.children)).toBe(true);
    expect(frozen.getChildText('body')).toBe('Hi');
  });
});

describe('sharedPayload', () => {
  it('returns one frozen copy for every element with the same XML', () => {
    const first = sharedPayload(stanza(`<x xmlns='vcard-temp:x:update'><photo/></x>`));
    const second = sharedPayload(stanza(`<x xmlns='vcard-temp:x:update'><photo/></x>`));
    const other = sharedPayload(stanza(`<x xmlns='vcard-temp:x:update'><photo>ab</photo></x>`));

    expect(second).toBe(first);
    expect(other).not.toBe(first);
    expect(Object.isFrozen(first.children)).toBe(true);
    expect(other.toString()).toBe(`<x xmlns="vcard-temp:x:update"><photo>ab</photo></x>`);
  });
});
