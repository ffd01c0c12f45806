// Reads an XMPP byte stream into top-level elements with saxes (strict XML 1.0), enforcing the stanza size limit and restricted XML — RFC 6120 §4.9.3 and §11.1, the door to the world of XEP-0045 §7
import { Element } from 'ltx';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { StreamErrorCondition } from './stream-error.js';

/** What went wrong, as the stream error that closes the stream. */
export interface FramingError {
  condition: StreamErrorCondition;
  text: string;
}

export interface FramerEvents {
  /** The stream header (`<stream:stream …>` over TCP); never called in framed mode. */
  open(name: string, attrs: Record<string, string>): void;
  /** A complete top-level element: a stanza, a nonza, or (framed mode) `<open/>` / `<close/>`. */
  element(element: Element): void;
  /** The peer closed its stream (`</stream:stream>`). */
  close(): void;
  error(error: FramingError): void;
}

export interface FramerOptions {
  /**
   * `stream`: one document whose root is the stream header (TCP, RFC 6120 §4.2);
   * `framed`: every top-level element is a unit (WebSocket frames, RFC 7395 §3.3).
   */
  mode: 'stream' | 'framed';
  /** The largest top-level element, in bytes of UTF-8 (with what precedes it since the last one). */
  maxBytes: number;
  /** Prefixes declared around the elements (framed mode has no stream header to declare them). */
  prefixes?: readonly string[];
}

const XMLNS_PREFIX = 'xmlns:';

/** The prefix of a qualified name, or undefined. */
function prefixOf(name: string): string | undefined {
  const colon = name.indexOf(':');
  return colon === -1 ? undefined : name.slice(0, colon);
}

export class XmlFramer {
  private readonly parser: SaxesParser;
  /** The element being built, from the unit's root down (the unit is `open[0]`). */
  private readonly open: Element[] = [];
  /** Prefixes in scope at each depth of `open` (index 0: around the units). */
  private readonly scopes: Set<string>[];
  private streamOpen = false;
  private failed = false;
  /** Absolute position (UTF-16 units) where the current unit's bytes start counting. */
  private unitStart = 0;
  /** Bytes of the current unit in chunks already fed. */
  private bytesBefore = 0;
  private chunk = '';
  private chunkBase = 0;

  constructor(
    private readonly options: FramerOptions,
    private readonly events: FramerEvents,
  ) {
    this.scopes = [new Set(['xml', ...(options.prefixes ?? [])])];
    this.parser = new SaxesParser({ fragment: options.mode === 'framed', position: true });
    this.parser.on('opentag', (tag) => this.onOpen(tag));
    this.parser.on('closetag', (tag) => this.onClose(tag));
    this.parser.on('text', (text) => this.onText(text));
    this.parser.on('cdata', (text) => this.onText(text));
    this.parser.on('error', (error) => this.fail('not-well-formed', error.message));
    for (const restricted of ['comment', 'processinginstruction', 'doctype'] as const) {
      this.parser.on(restricted, () => this.fail('restricted-xml', `XMPP forbids a ${restricted}`));
    }
  }

  /** Feeds text; returns false once the stream failed (the error was reported). */
  write(text: string): boolean {
    if (this.failed) return false;
    this.chunk = text;
    try {
      this.parser.write(text);
    } catch (error) {
      this.fail('not-well-formed', error instanceof Error ? error.message : String(error));
    }
    if (this.failed) return false;
    // saxes' position is exact inside its events only: between writes, count the chunk itself.
    const chunkEnd = this.chunkBase + text.length;
    this.bytesBefore += this.bytesSince(this.unitStart, chunkEnd);
    this.unitStart = Math.max(this.unitStart, chunkEnd);
    this.chunkBase = chunkEnd;
    this.checkSize(0);
    return !this.failed;
  }

  /** Ends a framed unit (a WebSocket message): it must have held complete elements only. */
  end(): boolean {
    if (this.failed) return false;
    try {
      this.parser.close();
    } catch (error) {
      this.fail('not-well-formed', error instanceof Error ? error.message : String(error));
    }
    return !this.failed;
  }

  /** UTF-8 bytes of the current chunk between two absolute positions. */
  private bytesSince(from: number, to: number): number {
    const start = Math.max(0, from - this.chunkBase);
    const end = Math.max(start, to - this.chunkBase);
    return Buffer.byteLength(this.chunk.slice(start, end));
  }

  private checkSize(extra: number): void {
    if (this.failed) return;
    if (this.bytesBefore + extra > this.options.maxBytes) {
      this.fail('policy-violation', 'XML stanza is too big');
    }
  }

  private fail(condition: StreamErrorCondition, text: string): void {
    if (this.failed) return;
    this.failed = true;
    this.events.error({ condition, text });
  }

  private onOpen(tag: SaxesTagPlain): void {
    if (this.failed) return;
    const attrs = tag.attributes as Record<string, string>;
    const parentScope = this.scopes[this.scopes.length - 1] as Set<string>;
    const scope = this.declare(parentScope, attrs);
    if (!this.checkPrefixes(tag.name, attrs, scope)) return;
    if (this.options.mode === 'stream' && !this.streamOpen) {
      this.streamOpen = true;
      this.scopes[0] = scope;
      this.resetUnit();
      this.events.open(tag.name, attrs);
      return;
    }
    const element = new Element(tag.name, attrs);
    this.open[this.open.length - 1]?.append(element);
    this.open.push(element);
    this.scopes.push(scope);
  }

  private declare(parent: Set<string>, attrs: Record<string, string>): Set<string> {
    const declared = Object.keys(attrs).filter((key) => key.startsWith(XMLNS_PREFIX));
    if (declared.length === 0) return parent;
    const scope = new Set(parent);
    for (const key of declared) scope.add(key.slice(XMLNS_PREFIX.length));
    return scope;
  }

  private checkPrefixes(name: string, attrs: Record<string, string>, scope: Set<string>): boolean {
    for (const qname of [name, ...Object.keys(attrs)]) {
      const prefix = prefixOf(qname);
      if (prefix === undefined || prefix === 'xmlns' || scope.has(prefix)) continue;
      this.fail('bad-namespace-prefix', `The prefix '${prefix}' is not declared`);
      return false;
    }
    return true;
  }

  private onClose(tag: SaxesTagPlain): void {
    if (this.failed) return;
    const element = this.open.pop();
    this.scopes.pop();
    if (!element) {
      // The stream header itself closes.
      this.streamOpen = false;
      this.events.close();
      return;
    }
    if (this.open.length > 0 || tag.name !== element.name) return;
    this.checkSize(this.bytesSince(this.unitStart, this.parser.position));
    if (this.failed) return;
    this.resetUnit();
    this.events.element(element);
  }

  private resetUnit(): void {
    this.unitStart = this.parser.position;
    this.bytesBefore = 0;
  }

  private onText(text: string): void {
    if (this.failed) return;
    const parent = this.open[this.open.length - 1];
    if (parent) parent.append(text);
    else if (text.trim() !== '') this.fail('bad-format', 'Text is not allowed between stanzas');
  }
}
