// Tests of the XML reader: well-formedness errors with line and column — stanzas of XEP-0045 scenarios
import { describe, expect, it } from 'vitest';
import { parseXml, type XmlParseResult } from '../../../src/xmpp/xml-parser.js';

function errorOf(result: XmlParseResult) {
  if (result.ok) throw new Error('expected a parse error');
  return result.error;
}

function elementOf(result: XmlParseResult) {
  if (!result.ok) throw new Error(`unexpected error: ${result.error.message}`);
  return result.element;
}

describe('parseXml', () => {
  it('builds an ltx element with attributes, children and text', () => {
    const text = `<message to='room@conference.localhost' type="groupchat"><body>hi</body></message>`;

    const el = elementOf(parseXml(text));

    expect(el.name).toBe('message');
    expect(el.attrs).toEqual({ to: 'room@conference.localhost', type: 'groupchat' });
    expect(el.getChildText('body')).toBe('hi');
    expect(el.getChild('body')?.parent).toBe(el);
  });

  it('decodes predefined entities, character references and CDATA', () => {
    const text = `<body a="&quot;x&apos;">&lt;a &amp; b&gt; &#10;&#x41;<![CDATA[<raw>]]></body>`;

    const el = elementOf(parseXml(text));

    expect(el.attrs.a).toBe(`"x'`);
    expect(el.getText()).toBe('<a & b> \nA<raw>');
  });

  it('normalizes tabs and newlines in attribute values to spaces', () => {
    const el = elementOf(parseXml('<a b="x\ty\nz"/>'));

    expect(el.attrs.b).toBe('x y z');
  });

  it('skips the XML declaration, comments and processing instructions', () => {
    const text = `<?xml version='1.0'?>\n<!-- c --><a><!-- d --><?pi x?><b/></a>\n`;

    const el = elementOf(parseXml(text));

    expect(el.children).toHaveLength(1);
  });

  it('accepts prefixes declared by the surrounding context', () => {
    const text = `<x scansion:strict='true'/>`;

    const el = elementOf(parseXml(text, { namespaces: { scansion: 'urn:example' } }));

    expect(el.attrs['scansion:strict']).toBe('true');
  });

  it.each([
    ['<a>', 1, 4, "'</a>'", 'not closed'],
    ['<a>\n  <b></c>\n</a>', 2, 6, "'</b>'", 'mismatched end tag'],
    ['<a b="1" b="2"/>', 1, 10, 'a different attribute name', 'duplicate attribute'],
    ['<a b=1/>', 1, 6, 'a quote', 'not quoted'],
    [
      '<a>&nbsp;</a>',
      1,
      4,
      '&lt; &gt; &amp; &apos; &quot; or a character reference',
      'unknown entity',
    ],
    ['<a>a & b</a>', 1, 6, "an entity reference such as '&amp;'", "'&'"],
    ['<a b="<"/>', 1, 7, "'&lt;'", "'<'"],
    ['<a/><b/>', 1, 5, 'end of input', 'only one element'],
    ['text', 1, 1, "'<'", 'outside the element'],
    ['', 1, 1, 'an XML element', 'no element'],
    ['<a scansion:strict="1"/>', 1, 4, 'an xmlns:scansion declaration', 'unbound namespace prefix'],
    ['<a\n\tb="1"c="2"/>', 2, 7, "'>', '/>' or a space", "unexpected character 'c'"],
    ['<a>\u0001</a>', 1, 4, 'a valid XML character', 'U+0001'],
    ['<a b/>', 1, 5, "'='", 'has no value'],
    ['<a><!-- x -- y --></a>', 1, 11, "'-->'", "'--'"],
    ['<!DOCTYPE a><a/>', 1, 1, 'an XML element', 'DOCTYPE'],
  ])('reports %j at %i:%i expecting %s', (text, line, column, expected, message) => {
    const error = errorOf(parseXml(text));

    expect(error).toMatchObject({ line, column, expected });
    expect(error.message).toContain(message);
  });

  it('counts lines across CRLF line endings', () => {
    const error = errorOf(parseXml('<a>\r\n<b>\r\n</a>'));

    expect(error).toMatchObject({ line: 3, column: 1 });
  });
});

describe('parseXml: encodings and hostile text', () => {
  it('accepts a UTF-8 declaration and refuses any other encoding, at its position', () => {
    expect(elementOf(parseXml("<?xml version='1.0' encoding='utf-8'?><a/>")).name).toBe('a');

    expect(errorOf(parseXml("<?xml version='1.0' encoding='UTF-16'?><a/>"))).toEqual({
      line: 1,
      column: 21,
      message: "the XML declaration says encoding 'UTF-16', but XMPP text is UTF-8",
      expected: "encoding='UTF-8' or no encoding",
    });
  });

  it('refuses an unpaired surrogate, and keeps a paired one', () => {
    expect(elementOf(parseXml('<a>\ud83d\ude00</a>')).getText()).toBe('😀');
    expect(errorOf(parseXml('<a>x\ud83d</a>'))).toMatchObject({
      column: 5,
      message: 'unpaired surrogate U+D83D: the text is not valid Unicode',
    });
    expect(errorOf(parseXml("<a b='\ude00'/>")).message).toBe(
      'unpaired surrogate U+DE00: the text is not valid Unicode',
    );
  });

  it('quotes what it echoes visibly and at a bounded length', () => {
    expect(errorOf(parseXml('<a>&\u001b[2J;</a>')).message).toBe("unknown entity '&\\x1b[2J;'");
    const long = errorOf(parseXml(`<a>&${'e'.repeat(1_000_000)};</a>`)).message;
    expect(long.length).toBeLessThan(200);
    expect(long).toContain('(1,000,000 characters)');
  });
});
