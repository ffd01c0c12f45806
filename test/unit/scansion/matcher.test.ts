// Tests pinning every scansion matching rule, negatives included — XEP-0045 stanzas as scripts expect them
import type { Element } from 'ltx';
import { describe, expect, it } from 'vitest';
import { parseBlock } from '../../../src/scansion/block.js';
import {
  diffStanzas,
  type MatchResult,
  matchStanza,
  similarity,
} from '../../../src/scansion/matcher.js';
import { parseXml } from '../../../src/xmpp/xml.js';

function expected(text: string): Element {
  const result = parseBlock(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.element;
}

function received(text: string): Element {
  const result = parseXml(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.element;
}

function match(exp: string, rec: string, captures = new Map<string, string>()): MatchResult {
  return matchStanza(expected(exp), received(rec), captures);
}

const MUC_USER = 'http://jabber.org/protocol/muc#user';

const JOIN = `<presence from='room@conference.localhost/Romeo'>
	<x xmlns='${MUC_USER}'>
		<status code='201'/>
		<item jid='romeo@localhost/r' affiliation='owner' role='moderator'/>
		<status code='110'/>
	</x>
</presence>`;

function joined(x: string, from = 'room@conference.localhost/Romeo'): string {
  return `<presence xmlns='jabber:client' from='${from}' to='romeo@localhost/r' id='p1'><x xmlns='vcard-temp:x:update'><photo/></x><x xmlns='${MUC_USER}'>${x}</x></presence>`;
}

const ITEM = `<item affiliation='owner' role='moderator' jid='romeo@localhost/r'/>`;

describe('matchStanza: non-strict default namespace', () => {
  it('passes with extra attributes and extra children on the stanza', () => {
    const result = match(JOIN, joined(`<status code='201'/>${ITEM}<status code='110'/>`));

    expect(result).toEqual({ ok: true });
  });

  it('fails when an attribute value changed', () => {
    const result = match(
      JOIN,
      joined(`<status code='201'/>${ITEM}<status code='110'/>`, 'room@conference.localhost/Juliet'),
    );

    expect(result).toEqual({
      ok: false,
      reason:
        "presence@from: expected 'room@conference.localhost/Romeo', got 'room@conference.localhost/Juliet'",
    });
  });

  it('fails when an expected attribute is missing', () => {
    const result = match(`<iq type='result' id='a1'/>`, `<iq type='result'/>`);

    expect(result).toEqual({ ok: false, reason: "iq@id: expected 'a1', attribute missing" });
  });

  it('fails when an expected child is missing', () => {
    const result = match(`<message><body>hi</body></message>`, `<message><subject/></message>`);

    expect(result).toEqual({ ok: false, reason: 'message/body: missing' });
  });

  it('ignores the order of children', () => {
    const result = match(
      `<message><subject/><body>hi</body></message>`,
      `<message><body>hi</body><subject/></message>`,
    );

    expect(result.ok).toBe(true);
  });

  it('fails on a different stanza kind', () => {
    expect(match('<presence/>', '<message/>')).toEqual({
      ok: false,
      reason: 'presence: expected <presence>, got <message>',
    });
  });

  it('does not compare namespace declarations as attributes', () => {
    const exp = `<message><x xmlns='${MUC_USER}'><item affiliation='member' xmlns='${MUC_USER}'/></x></message>`;

    expect(
      match(exp, `<message><x xmlns='${MUC_USER}'><item affiliation='member'/></x></message>`).ok,
    ).toBe(true);
  });

  it('requires the same namespace', () => {
    const result = match(
      `<presence><x xmlns='${MUC_USER}'/></presence>`,
      `<presence><x xmlns='http://jabber.org/protocol/muc'/></presence>`,
    );

    expect(result).toEqual({ ok: false, reason: 'presence/x[muc#user]: missing' });
  });
});

describe('matchStanza: strict by namespace (muc#user and friends)', () => {
  it('fails when a status code changed', () => {
    const result = match(JOIN, joined(`<status code='100'/>${ITEM}<status code='110'/>`));

    expect(result).toEqual({
      ok: false,
      reason: "presence/x[muc#user]/status[1]@code: expected '201', got '100'",
    });
  });

  it('fails when the status codes are reordered', () => {
    const result = match(JOIN, joined(`<status code='110'/>${ITEM}<status code='201'/>`));

    expect(result).toEqual({
      ok: false,
      reason: "presence/x[muc#user]/status[1]@code: expected '201', got '110'",
    });
  });

  it('fails on an extra child inside the strict element', () => {
    const result = match(
      JOIN,
      joined(`<status code='201'/>${ITEM}<status code='110'/><status code='100'/>`),
    );

    expect(result).toEqual({
      ok: false,
      reason: 'presence/x[muc#user]/status[3]: unexpected child element (strict)',
    });
  });

  it('fails when an expected child is missing inside the strict element', () => {
    const result = match(JOIN, joined(`<status code='201'/>${ITEM}`));

    expect(result).toEqual({
      ok: false,
      reason: 'presence/x[muc#user]/status[2]: missing (strict: expected 3 child elements, got 2)',
    });
  });

  it('fails on an extra attribute in a strict element', () => {
    const item = `<item affiliation='owner' role='moderator' jid='romeo@localhost/r' nick='Romeo'/>`;

    const result = match(JOIN, joined(`<status code='201'/>${item}<status code='110'/>`));

    expect(result).toEqual({
      ok: false,
      reason: "presence/x[muc#user]/item@nick: unexpected attribute 'Romeo' (strict)",
    });
  });

  it('keeps descendants in the same namespace strict', () => {
    const exp = `<iq><query xmlns='jabber:iq:register'><x xmlns='jabber:x:data'><field var='a'/></x></query></iq>`;
    const rec = `<iq><query xmlns='jabber:iq:register'><x xmlns='jabber:x:data'><field var='a' type='text-single'/></x></query></iq>`;

    expect(match(exp, rec)).toEqual({
      ok: false,
      reason: "iq/query[register]/x[data]/field@type: unexpected attribute 'text-single' (strict)",
    });
  });

  it('treats an empty strict element as having no text', () => {
    const exp = `<presence><x xmlns='vcard-temp:x:update'><photo/></x></presence>`;

    expect(
      match(exp, `<presence><x xmlns='vcard-temp:x:update'><photo>abc</photo></x></presence>`),
    ).toEqual({
      ok: false,
      reason: "presence/x[update]/photo text: expected no text, got 'abc'",
    });
  });
});

describe('matchStanza: scansion:strict overrides', () => {
  const LOOSE = `<presence from='room@conference.localhost/Romeo'>
	<x xmlns='${MUC_USER}' scansion:strict='false'>
		<item affiliation='owner' role='moderator'/>
		<status code='110'/>
		<status code='201'/>
	</x>
</presence>`;

  it("lets scansion:strict='false' accept reordered statuses, extra children and inherited extra attributes", () => {
    const result = match(
      LOOSE,
      joined(`<status code='201'/>${ITEM}<status code='100'/><status code='110'/>`),
    );

    expect(result).toEqual({ ok: true });
  });

  it("still requires every expected child under scansion:strict='false'", () => {
    const result = match(LOOSE, joined(`<status code='201'/>${ITEM}`));

    expect(result.ok).toBe(false);
  });

  it("makes a jabber:client element strict with scansion:strict='true'", () => {
    const result = match(
      `<iq type='result' scansion:strict='true'/>`,
      `<iq type='result' id='x'/>`,
    );

    expect(result).toEqual({ ok: false, reason: "iq@id: unexpected attribute 'x' (strict)" });
  });

  it("rejects any child of an empty element marked scansion:strict='true'", () => {
    const disco = 'http://jabber.org/protocol/disco#info';
    const exp = `<iq><query xmlns='${disco}' node='x-roomuser-item' scansion:strict='true'/></iq>`;
    const rec = `<iq><query xmlns='${disco}' node='x-roomuser-item'><identity category='conference'/></query></iq>`;

    expect(match(exp, rec)).toEqual({
      ok: false,
      reason: 'iq/query[disco#info]/identity: unexpected child element (strict)',
    });
  });
});

describe('matchStanza: text', () => {
  it('ignores whitespace-only text and trims text before comparing', () => {
    expect(
      match(`<iq type='result'>\n\t</iq>`, `<iq type='result'><query xmlns='urn:q'/></iq>`).ok,
    ).toBe(true);
    expect(
      match('<message><body>  hi\n</body></message>', '<message><body>hi</body></message>').ok,
    ).toBe(true);
  });

  it('fails on different text', () => {
    expect(
      match('<message><body>hi</body></message>', '<message><body>ho</body></message>'),
    ).toEqual({
      ok: false,
      reason: "message/body text: expected 'hi', got 'ho'",
    });
  });

  it('lets an empty non-strict element match any text', () => {
    expect(
      match('<message><subject/></message>', '<message><subject>Topic</subject></message>').ok,
    ).toBe(true);
  });
});

describe('matchStanza: one-to-one children', () => {
  it('does not let a loose expected child steal the child another one needs', () => {
    const result = match(
      '<message><body/><body>hi</body></message>',
      '<message><body>hi</body><body>x</body></message>',
    );

    expect(result.ok).toBe(true);
  });

  it('fails when two expected children would need the same received child', () => {
    const result = match(
      '<message><body/><body>hi</body></message>',
      '<message><body>hi</body></message>',
    );

    expect(result.ok).toBe(false);
    expect(result.ok || result.reason).toContain('message/body[2]: no received child left for it');
  });
});

describe('matchStanza: {scansion:any} and captures', () => {
  it('accepts any value for {scansion:any} but requires the attribute', () => {
    const exp = `<message><delay xmlns='urn:xmpp:delay' stamp='{scansion:any}'/></message>`;

    expect(
      match(exp, `<message><delay xmlns='urn:xmpp:delay' stamp='2024-01-01T00:00:00Z'/></message>`)
        .ok,
    ).toBe(true);
    expect(match(exp, `<message><delay xmlns='urn:xmpp:delay'/></message>`)).toEqual({
      ok: false,
      reason: "message/delay[delay]@stamp: expected '{scansion:any}', attribute missing",
    });
  });

  it('captures on first use and requires the same value later', () => {
    const captures = new Map<string, string>();

    const first = match(`<iq id='{scansion:capture:id}'/>`, `<iq id='abc'/>`, captures);
    const same = match(`<message id='{scansion:capture:id}'/>`, `<message id='abc'/>`, captures);
    const other = match(`<message id='{scansion:capture:id}'/>`, `<message id='def'/>`, captures);

    expect([first.ok, same.ok]).toEqual([true, true]);
    expect(other).toEqual({
      ok: false,
      reason: "message@id: expected captured id 'abc', got 'def'",
    });
    expect(captures).toEqual(new Map([['id', 'abc']]));
  });

  it('commits captures only when the whole stanza matched', () => {
    const captures = new Map<string, string>();

    const result = match(
      `<iq id='{scansion:capture:id}' type='result'/>`,
      `<iq id='abc' type='error'/>`,
      captures,
    );

    expect(result.ok).toBe(false);
    expect(captures.size).toBe(0);
  });

  it('requires equal captures across sibling children', () => {
    const exp = `<message><a n='{scansion:capture:n}'/><b n='{scansion:capture:n}'/></message>`;

    expect(match(exp, `<message><b n='1'/><a n='1'/></message>`).ok).toBe(true);
    expect(match(exp, `<message><b n='2'/><a n='1'/></message>`).ok).toBe(false);
  });
});

describe('similarity', () => {
  it('is 1 for a full match, 0 for another stanza kind and in between otherwise', () => {
    const exp = expected(JOIN);

    const full = similarity(
      exp,
      received(joined(`<status code='201'/>${ITEM}<status code='110'/>`)),
    );
    const partial = similarity(exp, received(joined(`<status code='100'/>${ITEM}`)));
    const none = similarity(exp, received('<message/>'));

    expect(full).toBe(1);
    expect(none).toBe(0);
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(1);
  });

  it('ranks the closer candidate higher', () => {
    const exp = expected(JOIN);

    const close = similarity(exp, received(joined(`<status code='201'/>${ITEM}`)));
    const far = similarity(exp, received(`<presence from='elsewhere'/>`));

    expect(close).toBeGreaterThan(far);
  });
});

describe('diffStanzas', () => {
  it('shows expected-only lines with - and received-only lines with +, without scansion directives', () => {
    const exp = expected(
      `<iq type='result' scansion:strict='false'><query xmlns='urn:q'><a code='1'/></query></iq>`,
    );
    const rec = received(
      `<iq xmlns='jabber:client' type='result'><query xmlns='urn:q'><a code='2'/></query></iq>`,
    );

    expect(diffStanzas(exp, rec)).toBe(
      [
        '  <iq type="result">',
        '    <query xmlns="urn:q">',
        '-     <a code="1"/>',
        '+     <a code="2"/>',
        '    </query>',
        '  </iq>',
      ].join('\n'),
    );
  });
});

describe('matchStanza: namespaces of built stanzas', () => {
  it('inherits the namespace from the tree even when a child has no parent link', () => {
    const rec = received(`<presence><x xmlns='${MUC_USER}'/></presence>`);
    const status = received(`<status code='110'/>`);
    (rec.getChild('x') as Element).children.push(status);

    const result = matchStanza(
      expected(`<presence><x xmlns='${MUC_USER}'><status code='110'/></x></presence>`),
      rec,
      new Map(),
    );

    expect(status.parent).toBeNull();
    expect(result).toEqual({ ok: true });
  });
});
