// Tests of XML helpers: escaping, pretty printing, canonical form, namespaces — XEP-0045 stanzas
import { type Element, createElement as xml } from 'ltx';
import { describe, expect, it } from 'vitest';
import {
  canonicalXml,
  childElements,
  escapeXmlAttr,
  escapeXmlText,
  namespaceOf,
  namespacesOf,
  normalizeXml,
  parseXml,
  prettyXml,
} from '../../../src/xmpp/xml.js';

function parsed(text: string): Element {
  const result = parseXml(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.element;
}

describe('escaping', () => {
  it('escapes text markup and carriage returns', () => {
    expect(escapeXmlText(`a < b & c > d "q" 'a'\r`)).toBe(`a &lt; b &amp; c &gt; d "q" 'a'&#13;`);
  });

  it('escapes double-quoted attribute values, including layout characters', () => {
    expect(escapeXmlAttr(`"Juliet's" <&>\t\n`)).toBe(`&quot;Juliet's&quot; &lt;&amp;&gt;&#9;&#10;`);
  });
});

describe('namespaceOf', () => {
  it('walks up to the nearest default namespace declaration', () => {
    const el = parsed(`<iq><query xmlns='urn:a'><item><x xmlns='urn:b'/></item></query></iq>`);
    const item = el.getChild('query')?.getChild('item') as Element;

    expect(namespaceOf(el)).toBeUndefined();
    expect(namespaceOf(item)).toBe('urn:a');
    expect(namespaceOf(item.getChild('x') as Element)).toBe('urn:b');
  });

  it('resolves prefixed names through xmlns:prefix declarations', () => {
    const el = parsed(`<a xmlns:p='urn:p'><p:b/><xml:c/></a>`);
    const [b, c] = childElements(el);

    expect(namespaceOf(b as Element)).toBe('urn:p');
    expect(namespaceOf(c as Element)).toBe('http://www.w3.org/XML/1998/namespace');
  });
});

describe('prettyXml', () => {
  it('indents children and keeps text-only elements on one line, escaped', () => {
    const el = xml(
      'message',
      { to: 'a@b' },
      xml('body', {}, 'a < b\nc'),
      xml('x', { xmlns: 'urn:x' }),
    );

    expect(prettyXml(el)).toBe(
      '<message to="a@b">\n\t<body>a &lt; b&#10;c</body>\n\t<x xmlns="urn:x"/>\n</message>',
    );
  });

  it('drops layout whitespace and honours a custom indent', () => {
    const el = parsed('<iq id="1">\n\t<query xmlns="urn:q">\n\t</query>\n</iq>');

    expect(prettyXml(el, '  ')).toBe('<iq id="1">\n  <query xmlns="urn:q"/>\n</iq>');
  });

  it('keeps a space-only body and escapes attribute quotes', () => {
    const el = xml('body', { a: 'say "hi"' }, ' ');

    expect(prettyXml(el)).toBe('<body a="say &quot;hi&quot;"> </body>');
  });

  it('round-trips through parseXml', () => {
    const el = xml('m', { a: 'x\ty' }, xml('b', {}, 'one & two\nthree'), xml('c'));

    const again = parsed(prettyXml(el));

    expect(canonicalXml(again)).toBe(canonicalXml(el));
  });
});

describe('normalizeXml and canonicalXml', () => {
  it('sorts attributes, drops whitespace-only text and redundant namespace declarations', () => {
    const a = parsed(
      `<presence xmlns='jabber:client' to='r' from='f'>\n  <x xmlns='urn:x'><item xmlns='urn:x' b='2' a='1'/></x>\n</presence>`,
    );
    const b = parsed(
      `<presence from='f' to='r'><x xmlns='urn:x'><item a='1' b='2'/></x></presence>`,
    );

    expect(canonicalXml(a)).toBe(canonicalXml(b));
    expect(canonicalXml(b)).toBe(
      '<presence from="f" to="r"><x xmlns="urn:x"><item a="1" b="2"/></x></presence>',
    );
  });

  it('keeps a declaration that changes the namespace and puts it first', () => {
    const el = normalizeXml(parsed(`<message><x a='1' xmlns='urn:x'/></message>`));

    expect(Object.keys(childElements(el)[0]?.attrs ?? {})).toEqual(['xmlns', 'a']);
  });

  it('stays on one line when text holds newlines', () => {
    expect(canonicalXml(xml('b', {}, 'x\ny'))).toBe('<b>x&#10;y</b>');
  });

  it('distinguishes different text', () => {
    expect(canonicalXml(parsed('<b>x</b>'))).not.toBe(canonicalXml(parsed('<b>y</b>')));
  });
});

describe('namespacesOf', () => {
  it('resolves every element top-down, defaulting to jabber:client', () => {
    const root = parsed(`<iq><query xmlns='urn:q'><item/></query></iq>`);
    const orphan = parsed('<extra/>');
    const query = root.getChild('query') as Element;
    query.children.push(orphan);

    const namespaces = namespacesOf(root);

    expect(namespaces.get(root)).toBe('jabber:client');
    expect(namespaces.get(query.getChild('item') as Element)).toBe('urn:q');
    expect(namespaces.get(orphan)).toBe('urn:q');
  });
});
