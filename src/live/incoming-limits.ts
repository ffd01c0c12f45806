// What a live server may send a client before mucsim stops reading it: stanza size and depth as the simulator allows clients, and a ceiling per connection — the XMPP stream under XEP-0045 scenarios
export interface IncomingLimits {
  /** One stanza, as received (bytes of UTF-8). */
  maxStanzaBytes: number;
  /** Nesting of one stanza, the stanza itself being 1. */
  maxStanzaDepth: number;
  /** Stanzas one connection may receive in all: everything received is kept (inbox, trace). */
  maxStanzas: number;
  /** Bytes one connection may receive in all. */
  maxBytes: number;
}

/** The simulator's limits for clients (256 KiB, 64 levels), and 50,000 stanzas or 32 MiB in all. */
export const DEFAULT_INCOMING_LIMITS: IncomingLimits = {
  maxStanzaBytes: 256 * 1024,
  maxStanzaDepth: 64,
  maxStanzas: 50_000,
  maxBytes: 32 * 1024 * 1024,
};

/** The shape of @xmpp/xml's stream parser that a bounded one extends. */
export interface StreamParser {
  write(data: string): void;
  emit(event: string, ...args: unknown[]): boolean;
  onStartElement(name: string, attrs: Record<string, string>): void;
  onEndElement(name: string): void;
  onText(text: string): void;
}

export type StreamParserClass = new () => StreamParser;

/** A server went over a limit: the connection is closed (the library's parser error path). */
export class IncomingLimitError extends Error {
  override readonly name = 'IncomingLimitError';
}

/** Counts what a connection received, shared by its parsers (a new one after each stream restart). */
export class ReceivedCount {
  bytes = 0;
  stanzas = 0;

  /** Counts one more stanza; says so when it is over the connection's ceiling. */
  stanza(limits: IncomingLimits): string | undefined {
    this.stanzas += 1;
    return this.stanzas > limits.maxStanzas
      ? `the server sent more than ${limits.maxStanzas} stanzas, the limit of one connection`
      : undefined;
  }
}

/**
 * A stream parser that refuses what a hostile server could use to exhaust memory: a stanza
 * larger or deeper than the limits (counted while it arrives, before it is complete), more
 * bytes in all than the connection may receive, and text between stanzas (whitespace
 * keep-alives, which the library would otherwise keep on the stream element for ever). A
 * refusal is a parser error: the library closes the stream with a stream error.
 */
export function boundedParser(
  Base: StreamParserClass,
  limits: IncomingLimits,
  received: ReceivedCount,
): StreamParserClass {
  return class BoundedParser extends Base {
    private depth = 0;
    private sinceStanza = 0;
    private boundary = false;
    private failed = false;

    override write(data: string): void {
      if (this.failed) return;
      const bytes = Buffer.byteLength(data);
      received.bytes += bytes;
      this.sinceStanza += bytes;
      this.boundary = false;
      super.write(data);
      // What followed the last stanza's end in this chunk is not counted: at most one chunk.
      if (this.boundary) this.sinceStanza = 0;
      if (this.sinceStanza > limits.maxStanzaBytes) {
        this.refuse(`a stanza larger than the limit of ${limits.maxStanzaBytes} bytes`);
      } else if (received.bytes > limits.maxBytes) {
        this.refuse(`more than ${limits.maxBytes} bytes in all, the limit of one connection`);
      }
    }

    override onStartElement(name: string, attrs: Record<string, string>): void {
      if (this.failed) return;
      this.depth += 1;
      // Depth 1 is the stream element; a stanza is depth 2.
      if (this.depth - 1 > limits.maxStanzaDepth) {
        this.refuse(`a stanza nested deeper than the limit of ${limits.maxStanzaDepth} levels`);
        return;
      }
      super.onStartElement(name, attrs);
    }

    override onEndElement(name: string): void {
      if (this.failed) return;
      this.depth -= 1;
      if (this.depth === 1) this.boundary = true;
      super.onEndElement(name);
    }

    override onText(text: string): void {
      if (this.failed) return;
      if (this.depth <= 1) {
        this.boundary = true;
        return;
      }
      super.onText(text);
    }

    private refuse(what: string): void {
      this.failed = true;
      this.emit('error', new IncomingLimitError(`the server sent ${what}`));
    }
  };
}
