// The server side of one client stream: header checks, SASL, resource binding, the legacy session, then stanzas into the world — RFC 6120 §4–§8, so a real client becomes an occupant (XEP-0045 §7.2)
import { Element } from 'ltx';
import { bareJid, prepJid } from '../xmpp/jid.js';
import { stanzaError } from '../xmpp/stanza-error.js';
import { nameprep, resourceprep } from '../xmpp/stringprep.js';
import { firstElement } from '../xmpp/xml.js';
import {
  authenticate,
  mechanismsFeature,
  plain,
  SASL_NS,
  type SaslOutcome,
  saslReply,
} from './sasl.js';
import { STREAMS_NS, type StreamErrorSpec, streamError } from './stream-error.js';
import type { FramingError } from './xml-framer.js';

export const BIND_NS = 'urn:ietf:params:xml:ns:xmpp-bind';
export const SESSION_NS = 'urn:ietf:params:xml:ns:xmpp-session';
export const FRAMING_NS = 'urn:ietf:params:xml:ns:xmpp-framing';
const CLIENT_NS = 'jabber:client';
const LIMITS_NS = 'urn:xmpp:stream-limits:0';
const STANZAS = new Set(['message', 'presence', 'iq']);

/** How a stream reaches its peer: TCP (`<stream:stream>`) or WebSocket (`<open/>`, RFC 7395). */
export interface StreamTransport {
  readonly kind: 'tcp' | 'websocket';
  /** The server's stream header (or `<open/>`), with these attributes. */
  sendHeader(attrs: Record<string, string>): void;
  /** A top-level element: features, SASL, a stanza, a stream error. */
  send(element: Element): void;
  /** Ends the stream (`</stream:stream>` or `<close/>`) and the connection. */
  end(): void;
  /** After SASL success (TCP): the bytes that follow start a new XML document. */
  restart(): void;
}

/** A client bound into the world: its stanzas go in, the world's come out through `deliver`. */
export interface BoundClient {
  send(stanza: Element): void;
  /** The connection ended: the server tells the client's rooms it is gone. */
  detach(): void;
}

/** What the stream needs from the world's side. */
export interface StreamHost {
  readonly domain: string;
  readonly maxStanzaBytes: number;
  /** A fresh id (stream ids, anonymous usernames, generated resources). */
  nextId(): string;
  isBound(fullJid: string): boolean;
  bind(
    fullJid: string,
    deliver: (stanza: Element) => void,
    transport: StreamTransport['kind'],
  ): BoundClient;
}

type Phase = 'header' | 'sasl' | 'restart' | 'bind' | 'ready' | 'closed';

export class C2sStream {
  private phase: Phase = 'header';
  private headerSent = false;
  private host?: string;
  private username?: string;
  private awaitingResponse = false;
  private client?: BoundClient;
  /** The bound full JID, once bound. */
  private jid?: string;

  constructor(
    private readonly transport: StreamTransport,
    private readonly world: StreamHost,
  ) {}

  get isAuthenticated(): boolean {
    return this.username !== undefined;
  }

  get isClosed(): boolean {
    return this.phase === 'closed';
  }

  /** The client's stream header (RFC 6120 §4.7) or `<open/>` (RFC 7395 §3.3.1). */
  open(name: string, attrs: Record<string, string>): void {
    if (this.phase === 'closed') return;
    const problem = this.checkHeader(name, attrs);
    this.sendHeader();
    if (problem) return this.fail(problem);
    if (this.phase === 'header') this.phase = 'sasl';
    else if (this.phase === 'restart') this.phase = 'bind';
    else return this.fail({ condition: 'not-authorized', text: 'Unexpected stream restart' });
    this.transport.send(this.features());
  }

  element(element: Element): void {
    if (this.phase === 'closed') return;
    if (this.phase === 'header' || this.phase === 'restart') {
      return this.fail({ condition: 'not-authorized', text: 'Expected a stream header' });
    }
    if (this.phase === 'sasl') return this.negotiate(element);
    if (!this.isStanza(element)) {
      return this.fail({
        condition: 'unsupported-stanza-type',
        text: `Unsupported element <${element.name}>`,
      });
    }
    delete element.attrs.xmlns;
    if (this.phase === 'bind') return this.bindStage(element);
    this.stanza(element);
  }

  /** The peer ended its stream: answer in kind and leave the world. */
  close(): void {
    if (this.phase === 'closed') return;
    this.phase = 'closed';
    this.transport.end();
    this.detach();
  }

  /** The connection is gone (closed, reset, timed out) without a stream close. */
  lost(): void {
    this.phase = 'closed';
    this.detach();
  }

  /** Runs the handling of one input: a bug fails this stream only, never the server or another session. */
  guard(handle: () => void): void {
    try {
      handle();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.fail({
        condition: 'internal-server-error',
        text: `mucsim could not handle this input: ${message}`,
      });
    }
  }

  framingError(error: FramingError): void {
    const extra =
      error.condition === 'policy-violation'
        ? new Element('stanza-too-big', { xmlns: 'urn:xmpp:errors' })
        : undefined;
    this.fail({ condition: error.condition, text: error.text, ...(extra && { extra }) });
  }

  /** Sends a stream error and closes: the client's session leaves the world, nobody else is touched. */
  fail(spec: StreamErrorSpec): void {
    if (this.phase === 'closed') return;
    this.sendHeader();
    this.phase = 'closed';
    this.transport.send(streamError(spec));
    this.transport.end();
    this.detach();
  }

  private detach(): void {
    const client = this.client;
    this.client = undefined;
    client?.detach();
  }

  private sendHeader(): void {
    if (this.headerSent) return;
    this.headerSent = true;
    this.transport.sendHeader({
      id: this.world.nextId(),
      from: this.world.domain,
      version: '1.0',
      'xml:lang': 'en',
    });
  }

  private checkHeader(name: string, attrs: Record<string, string>): StreamErrorSpec | undefined {
    // A restart needs a new header from us too (RFC 6120 §4.3.3).
    this.headerSent = false;
    if (this.transport.kind === 'tcp') {
      const colon = name.indexOf(':');
      const declaration = colon === -1 ? 'xmlns' : `xmlns:${name.slice(0, colon)}`;
      if (name.slice(colon + 1) !== 'stream' || attrs[declaration] !== STREAMS_NS) {
        return {
          condition: 'invalid-namespace',
          text: 'Expected <stream:stream> in the streams namespace',
        };
      }
      if (attrs.xmlns !== CLIENT_NS) {
        return {
          condition: 'invalid-namespace',
          text: "The default namespace must be 'jabber:client'",
        };
      }
    } else if (name !== 'open' || attrs.xmlns !== FRAMING_NS) {
      return { condition: 'invalid-namespace', text: `Expected <open xmlns='${FRAMING_NS}'/>` };
    }
    if (!/^1\.\d+$/.test(attrs.version ?? '')) {
      return { condition: 'unsupported-version', text: "Only version '1.0' streams are served" };
    }
    if (attrs.to === undefined) {
      return {
        condition: 'improper-addressing',
        text: "A 'to' attribute is required on stream headers",
      };
    }
    const host = nameprep(attrs.to);
    if (this.host !== undefined && host !== this.host) {
      return {
        condition: 'not-authorized',
        text: "The 'to' attribute must remain the same across stream restarts",
      };
    }
    if (host !== this.world.domain) {
      return { condition: 'host-unknown', text: `This server does not serve ${attrs.to}` };
    }
    this.host = host;
    return undefined;
  }

  private features(): Element {
    const features = new Element('stream:features');
    features.c('limits', { xmlns: LIMITS_NS }).c('max-bytes').t(String(this.world.maxStanzaBytes));
    if (this.phase === 'sasl') features.cnode(mechanismsFeature());
    else {
      features.c('bind', { xmlns: BIND_NS });
      features.c('session', { xmlns: SESSION_NS }).c('optional');
    }
    return features;
  }

  private isStanza(element: Element): boolean {
    const ns = element.attrs.xmlns;
    return STANZAS.has(element.name) && (ns === undefined || ns === CLIENT_NS);
  }

  /** RFC 6120 §6.4: `<auth/>`, `<response/>` and `<abort/>`; anything else is before auth. */
  private negotiate(element: Element): void {
    if (element.attrs.xmlns !== SASL_NS) {
      const stanza = this.isStanza(element);
      return this.fail({
        condition: stanza ? 'not-authorized' : 'unsupported-stanza-type',
        text: stanza
          ? 'Stanzas are not accepted before authentication'
          : `Unsupported element <${element.name}>`,
      });
    }
    let outcome: SaslOutcome;
    if (element.name === 'auth' && !this.awaitingResponse) {
      outcome = authenticate(element, this.world.domain, () => this.world.nextId().toLowerCase());
    } else if (element.name === 'response' && this.awaitingResponse) {
      outcome = plain(element.getText(), this.world.domain);
    } else if (element.name === 'abort') {
      outcome = { kind: 'failure', condition: 'aborted' };
    } else {
      outcome = {
        kind: 'failure',
        condition: 'malformed-request',
        text: 'Out of order SASL element',
      };
    }
    this.awaitingResponse = outcome.kind === 'challenge';
    this.transport.send(saslReply(outcome));
    if (outcome.kind !== 'success') return;
    this.username = outcome.username;
    this.phase = 'restart';
    this.transport.restart();
  }

  /** RFC 6120 §7: only resource binding (and the legacy session) before the session exists. */
  private bindStage(element: Element): void {
    const request = element.name === 'iq' ? firstElement(element) : undefined;
    if (request?.attrs.xmlns === SESSION_NS) return this.answerSession(element);
    if (
      element.attrs.type !== 'set' ||
      request?.name !== 'bind' ||
      request.attrs.xmlns !== BIND_NS
    ) {
      return this.fail({
        condition: 'not-authorized',
        text: 'Bind a resource before sending stanzas',
      });
    }
    const full = this.resourceFor(request.getChildText('resource'));
    if (!full) {
      return this.transport.send(
        stanzaError(element, {
          type: 'modify',
          condition: 'bad-request',
          text: 'The resource is not valid (resourceprep)',
        }),
      );
    }
    this.jid = full;
    this.client = this.world.bind(
      full,
      (stanza) => this.transport.send(stanza),
      this.transport.kind,
    );
    this.phase = 'ready';
    const result = new Element('iq', { type: 'result', id: element.attrs.id });
    result.c('bind', { xmlns: BIND_NS }).c('jid').t(full);
    this.transport.send(result);
  }

  /**
   * The requested resource, or a generated one when none is given or it is in use: RFC 6120
   * §7.7.2.2 lets the server override it, and the session already bound is left alone.
   */
  private resourceFor(requested: string | null): string | undefined {
    const bare = `${this.username}@${this.world.domain}`;
    if (requested !== null && requested.trim() !== '') {
      const resource = resourceprep(requested);
      if (!resource) return undefined;
      const full = prepJid(`${bare}/${resource}`);
      if (!full) return undefined;
      if (!this.world.isBound(full)) return full;
    }
    for (;;) {
      const full = `${bare}/${this.world.nextId()}`;
      if (!this.world.isBound(full)) return full;
    }
  }

  /** RFC 3921 §3: the legacy session establishment, now a no-op that succeeds (RFC 6121 Appendix E). */
  private answerSession(iq: Element): void {
    const result = new Element('iq', { type: 'result', id: iq.attrs.id });
    if (this.jid) result.attrs.to = this.jid;
    this.transport.send(result);
  }

  private stanza(stanza: Element): void {
    const from = stanza.attrs.from;
    const jid = this.jid as string;
    if (from !== undefined) {
      const prepared = prepJid(from);
      if (prepared !== jid && prepared !== bareJid(jid)) {
        return this.fail({
          condition: 'invalid-from',
          text: `This stream is bound to ${jid}, not ${from}`,
        });
      }
    }
    const request = stanza.name === 'iq' ? firstElement(stanza) : undefined;
    if (request?.attrs.xmlns === SESSION_NS && stanza.attrs.to === undefined) {
      return this.answerSession(stanza);
    }
    this.client?.send(stanza);
  }
}
