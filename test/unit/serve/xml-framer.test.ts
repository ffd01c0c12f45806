// Tests for the stream framer: elements across any chunking, the byte limit per stanza, restricted XML and undeclared prefixes — RFC 6120 §4.9.3 and §11.1
import { describe, expect, it } from 'vitest';
import { type FramingError, XmlFramer } from '../../../src/serve/xml-framer.js';

const HEADER =
  "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='localhost' version='1.0'>";

function frame(chunks: readonly string[], maxBytes = 1000) {
  const seen: string[] = [];
  let error: FramingError | undefined;
  const framer = new XmlFramer(
    { mode: 'stream', maxBytes },
    {
      open: (name) => seen.push(`open ${name}`),
      element: (element) => seen.push(element.toString()),
      close: () => seen.push('close'),
      error: (failure) => {
        error = failure;
      },
    },
  );
  for (const chunk of chunks) framer.write(chunk);
  return { seen, error };
}

describe('XmlFramer', () => {
  const text = `${HEADER}<message to='a@localhost'><body>h&amp;é</body></message> <presence/></stream:stream>`;

  it('yields the header, each top-level element and the close, however the text is cut', () => {
    const whole = frame([text]);
    for (let cut = 1; cut < text.length; cut += 7) {
      expect(frame([text.slice(0, cut), text.slice(cut)])).toEqual(whole);
    }
    expect(whole).toEqual({
      seen: [
        'open stream:stream',
        '<message to="a@localhost"><body>h&amp;é</body></message>',
        '<presence/>',
        'close',
      ],
      error: undefined,
    });
  });

  it('counts UTF-8 bytes, not characters, against the limit, across chunks', () => {
    const stanza = `<message><body>${'é'.repeat(40)}</body></message>`;
    const bytes = Buffer.byteLength(stanza); // 112 bytes in 72 characters
    expect(frame([HEADER, stanza], bytes).error).toBeUndefined();
    expect(frame([HEADER, stanza.slice(0, 30), stanza.slice(30)], bytes - 1).error).toEqual({
      condition: 'policy-violation',
      text: 'XML stanza is too big',
    });
  });

  it('fails an unfinished stanza as soon as it outgrows the limit', () => {
    expect(frame([HEADER, `<message><body>${'x'.repeat(200)}`], 100).error?.condition).toBe(
      'policy-violation',
    );
  });

  it.each([
    ['<message><body>x</message>', 'not-well-formed'],
    ['<message a=1/>', 'not-well-formed'],
    ['<message>&bogus;</message>', 'not-well-formed'],
    ['<!-- a comment -->', 'restricted-xml'],
    ['<?pi data?>', 'restricted-xml'],
    ['<x:message/>', 'bad-namespace-prefix'],
    ['text between stanzas<presence/>', 'bad-format'],
  ])('%s → %s', (input, condition) => {
    expect(frame([HEADER, input]).error?.condition).toBe(condition);
  });

  it('accepts a prefix the stream header declared', () => {
    expect(frame([HEADER, '<stream:features/>']).seen).toEqual([
      'open stream:stream',
      '<stream:features/>',
    ]);
  });
});
