// XML text → ltx Element, with well-formedness errors at 1-based line:column — the stanza syntax of every XEP-0045 example (§2, §16)
import { Element } from 'ltx';
import { visibleToken } from './visible.js';
import { characterProblem, readReference } from './xml-characters.js';

export interface XmlError {
  message: string;
  line: number;
  column: number;
  /** What the parser expected at that position, e.g. `'>'` or `'</presence>'`. */
  expected: string;
}

export type XmlParseResult = { ok: true; element: Element } | { ok: false; error: XmlError };

export interface ParseXmlOptions {
  /** Prefixes in scope around the text (`''` is the default namespace), as if declared by a wrapper element. */
  readonly namespaces?: Readonly<Record<string, string>>;
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
/** Elements nest at most this deep: the reader recurses, and hostile input must not exhaust the stack. */
export const MAX_XML_DEPTH = 1000;
const NAME_START =
  'A-Za-z_\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD';
const NAME_REST = `${NAME_START}0-9.\\-\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;
const NAME = new RegExp(`[:${NAME_START}][:${NAME_REST}]*`, 'y');
const SPACE = /[ \t\n]*/y;

/** Parses exactly one XML element (prolog, comments and processing instructions allowed around it). */
export function parseXml(text: string, options: ParseXmlOptions = {}): XmlParseResult {
  const source = text.replace(/\r\n?/g, '\n');
  const scope = new Map(Object.entries({ xml: XML_NS, ...options.namespaces }));
  try {
    return { ok: true, element: new XmlReader(source).document(scope) };
  } catch (failure) {
    if (!(failure instanceof XmlFailure)) throw failure;
    const { line, column } = positionOf(source, failure.offset);
    return {
      ok: false,
      error: { message: failure.message, line, column, expected: failure.expected },
    };
  }
}

class XmlFailure {
  constructor(
    readonly offset: number,
    readonly message: string,
    readonly expected: string,
  ) {}
}

function positionOf(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset);
  const lastNewline = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - lastNewline };
}

type Scope = ReadonlyMap<string, string>;

class XmlReader {
  private pos = 0;

  constructor(private readonly src: string) {}

  document(scope: Scope): Element {
    if (this.src.charCodeAt(0) === 0xfeff) this.pos = 1;
    if (/^<\?xml[ \t\n?]/.test(this.src.slice(this.pos, this.pos + 6))) this.declaration();
    this.misc();
    if (this.pos >= this.src.length) this.fail('no element found', 'an XML element');
    if (this.src[this.pos] !== '<') this.fail('text is not allowed outside the element', "'<'");
    const root = this.element(scope, 1);
    this.misc();
    if (this.pos < this.src.length) {
      const message =
        this.src[this.pos] === '<'
          ? 'only one element is allowed'
          : 'text is not allowed after the element';
      this.fail(message, 'end of input');
    }
    return root;
  }

  /** `<?xml …?>`: XMPP is UTF-8 only (RFC 6120 §11.6), and the text was read as UTF-8. */
  private declaration(): void {
    const start = this.pos;
    this.skipUntil('?>');
    const declared = /\sencoding\s*=\s*(["'])([^"']*)\1/.exec(this.src.slice(start, this.pos));
    const encoding = declared?.[2];
    if (encoding !== undefined && !/^utf-?8$/i.test(encoding)) {
      this.fail(
        `the XML declaration says encoding '${visibleToken(encoding)}', but XMPP text is UTF-8`,
        "encoding='UTF-8' or no encoding",
        start + (declared?.index ?? 0) + 1,
      );
    }
  }

  /** The whole character at `offset` (both halves of a surrogate pair). */
  private charAt(offset: number): string {
    return String.fromCodePoint(this.src.codePointAt(offset) ?? 0);
  }

  private fail(message: string, expected: string, offset = this.pos): never {
    throw new XmlFailure(offset, message, expected);
  }

  private skipSpace(): boolean {
    SPACE.lastIndex = this.pos;
    SPACE.test(this.src);
    const skipped = SPACE.lastIndex > this.pos;
    this.pos = SPACE.lastIndex;
    return skipped;
  }

  private skipUntil(terminator: string): void {
    const end = this.src.indexOf(terminator, this.pos);
    if (end === -1) this.fail('unexpected end of input', `'${terminator}'`, this.src.length);
    this.pos = end + terminator.length;
  }

  private misc(): void {
    for (;;) {
      this.skipSpace();
      if (this.src.startsWith('<!--', this.pos)) this.comment();
      else if (this.src.startsWith('<!DOCTYPE', this.pos))
        this.fail('a DOCTYPE is not allowed', 'an XML element');
      else if (this.src.startsWith('<?', this.pos)) this.instruction();
      else return;
    }
  }

  private comment(): void {
    this.pos += 4;
    const end = this.src.indexOf('--', this.pos);
    if (end === -1) this.fail('unterminated comment', "'-->'", this.src.length);
    if (this.src[end + 2] !== '>') this.fail("'--' is not allowed inside a comment", "'-->'", end);
    this.pos = end + 3;
  }

  private instruction(): void {
    const start = this.pos;
    this.pos += 2;
    const target = this.name('a processing instruction target');
    if (target.toLowerCase() === 'xml')
      this.fail('an XML declaration is only allowed at the start', 'an XML element', start);
    this.skipUntil('?>');
  }

  private name(expected: string): string {
    NAME.lastIndex = this.pos;
    const match = NAME.exec(this.src);
    if (!match) {
      const message =
        this.pos >= this.src.length
          ? 'unexpected end of input'
          : `unexpected character '${visibleToken(this.charAt(this.pos))}'`;
      this.fail(message, expected);
    }
    this.pos = NAME.lastIndex;
    return match[0];
  }

  private element(parentScope: Scope, depth: number): Element {
    const start = this.pos;
    if (depth > MAX_XML_DEPTH) {
      this.fail(`elements nested deeper than ${MAX_XML_DEPTH} levels`, 'fewer levels of nesting');
    }
    this.pos += 1;
    const name = this.name('an element name');
    const attrs: Record<string, string> = {};
    const attrOffsets = new Map<string, number>();
    let selfClosing = false;
    for (;;) {
      const spaced = this.skipSpace();
      if (this.src.startsWith('/>', this.pos)) {
        this.pos += 2;
        selfClosing = true;
        break;
      }
      if (this.src[this.pos] === '>') {
        this.pos += 1;
        break;
      }
      if (this.pos >= this.src.length)
        this.fail(
          `unexpected end of input in the start tag <${visibleToken(name)}>`,
          "'>' or '/>'",
        );
      if (!spaced)
        this.fail(
          `unexpected character '${visibleToken(this.charAt(this.pos))}'`,
          "'>', '/>' or a space",
        );
      const attrStart = this.pos;
      const attrName = this.name("an attribute name, '>' or '/>'");
      if (attrOffsets.has(attrName))
        this.fail(
          `duplicate attribute '${visibleToken(attrName)}'`,
          'a different attribute name',
          attrStart,
        );
      this.skipSpace();
      if (this.src[this.pos] !== '=')
        this.fail(`attribute '${visibleToken(attrName)}' has no value`, "'='");
      this.pos += 1;
      this.skipSpace();
      attrOffsets.set(attrName, attrStart);
      attrs[attrName] = this.attributeValue();
    }
    const scope = this.declare(parentScope, attrs, attrOffsets);
    this.checkPrefix(name, scope, start + 1, 'element');
    for (const [attrName, offset] of attrOffsets) {
      if (attrName !== 'xmlns' && !attrName.startsWith('xmlns:'))
        this.checkPrefix(attrName, scope, offset, 'attribute');
    }
    const element = new Element(name, attrs);
    if (!selfClosing) this.content(element, scope, depth);
    return element;
  }

  private declare(
    parent: Scope,
    attrs: Record<string, string>,
    offsets: Map<string, number>,
  ): Scope {
    const declared = Object.keys(attrs).filter(
      (key) => key === 'xmlns' || key.startsWith('xmlns:'),
    );
    if (declared.length === 0) return parent;
    const scope = new Map(parent);
    for (const key of declared) {
      const prefix = key === 'xmlns' ? '' : key.slice(6);
      if (prefix !== '' && attrs[key] === '')
        this.fail(
          `the prefix '${visibleToken(prefix)}' cannot be undeclared`,
          'a namespace name',
          offsets.get(key),
        );
      scope.set(prefix, attrs[key] as string);
    }
    return scope;
  }

  private checkPrefix(qname: string, scope: Scope, offset: number, kind: string): void {
    const parts = qname.split(':');
    if (parts.length > 2 || parts.some((part) => part === ''))
      this.fail(
        `invalid ${kind} name '${visibleToken(qname)}'`,
        'a name with at most one prefix',
        offset,
      );
    if (parts.length === 2 && !scope.has(parts[0] as string))
      this.fail(
        `unbound namespace prefix '${visibleToken(parts[0] as string)}'`,
        `an xmlns:${visibleToken(parts[0] as string)} declaration`,
        offset,
      );
  }

  private attributeValue(): string {
    const quote = this.src[this.pos];
    if (quote !== '"' && quote !== "'") this.fail('attribute value is not quoted', 'a quote');
    this.pos += 1;
    let value = '';
    for (;;) {
      const char = this.src[this.pos];
      if (char === undefined) this.fail('unterminated attribute value', `a closing ${quote}`);
      if (char === quote) break;
      if (char === '<') this.fail("'<' is not allowed in an attribute value", "'&lt;'");
      if (char === '&') value += this.reference();
      else {
        this.checkChar();
        value += char === '\t' || char === '\n' ? ' ' : char;
        this.pos += 1;
      }
    }
    this.pos += 1;
    return value;
  }

  private checkChar(): void {
    const problem = characterProblem(this.src, this.pos);
    if (problem) this.fail(problem.message, problem.expected);
  }

  private reference(): string {
    const read = readReference(this.src, this.pos);
    if ('message' in read) this.fail(read.message, read.expected);
    this.pos = read.end;
    return read.text;
  }

  private content(element: Element, scope: Scope, depth: number): void {
    let text = '';
    const flush = (): void => {
      if (text !== '') element.append(text);
      text = '';
    };
    for (;;) {
      if (this.pos >= this.src.length)
        this.fail(
          `unexpected end of input: <${visibleToken(element.name)}> is not closed`,
          `'</${visibleToken(element.name)}>'`,
        );
      const char = this.src[this.pos];
      if (char === '&') {
        text += this.reference();
      } else if (char !== '<') {
        if (this.src.startsWith(']]>', this.pos))
          this.fail("']]>' is not allowed in text", "'&gt;'");
        this.checkChar();
        text += char;
        this.pos += 1;
      } else if (this.src.startsWith('</', this.pos)) {
        flush();
        this.endTag(element.name);
        return;
      } else if (this.src.startsWith('<!--', this.pos)) {
        this.comment();
      } else if (this.src.startsWith('<![CDATA[', this.pos)) {
        const end = this.src.indexOf(']]>', this.pos);
        if (end === -1) this.fail('unterminated CDATA section', "']]>'", this.src.length);
        text += this.src.slice(this.pos + 9, end);
        this.pos = end + 3;
      } else if (this.src.startsWith('<?', this.pos)) {
        this.instruction();
      } else if (this.src.startsWith('<!', this.pos)) {
        this.fail(
          'markup declarations are not allowed in content',
          'an element, text or a comment',
        );
      } else {
        flush();
        element.append(this.element(scope, depth + 1));
      }
    }
  }

  private endTag(name: string): void {
    const start = this.pos;
    this.pos += 2;
    const endName = this.name(`'${visibleToken(name)}'`);
    if (endName !== name)
      this.fail(
        `mismatched end tag </${visibleToken(endName)}>: <${visibleToken(name)}> is still open`,
        `'</${visibleToken(name)}>'`,
        start,
      );
    this.skipSpace();
    if (this.src[this.pos] !== '>')
      this.fail(`unterminated end tag </${visibleToken(name)}>`, "'>'");
    this.pos += 1;
  }
}
