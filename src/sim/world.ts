// The world of virtual users around the MUC service: sessions, the router, the clock and the trace — XEP-0045 §7 (as seen by occupants' clients)
import { clone, Element } from 'ltx';
import { Effects } from '../muc/effects.js';
import { isoStamp } from '../muc/environment.js';
import type { MucExtra } from '../muc/extras.js';
import { occupantIdSecret } from '../muc/features/occupant-id.js';
import type { Feature } from '../muc/hooks.js';
import { MucService } from '../muc/service.js';
import { Trace } from '../muc/trace.js';
import { addressedCopies } from '../xmpp/addressed-copy.js';
import {
  bareJid,
  domainOf,
  emptiedJid,
  isFullJid,
  prepJid,
  resourceOf,
  withResource,
} from '../xmpp/jid.js';
import { NS } from '../xmpp/namespaces.js';
import { type StanzaErrorSpec, stanzaError } from '../xmpp/stanza-error.js';
import { SimulatedClock } from './clock.js';
import { addAvatarHash, answerServerIq } from './home-server.js';
import { SeededIds } from './ids.js';
import type { Session } from './session.js';

export interface WorldOptions {
  seed?: number;
  domain?: string;
  mucDomain?: string;
  admins?: readonly string[];
  /** Record the trace (default true); off for benchmarks and fuzzing. */
  trace?: boolean;
  /** Simulated time that passes with every client action (default 1 s). */
  stepMs?: number;
  /** The MUC service's feature list (default: all of them), e.g. to add a test feature. */
  features?: readonly Feature[];
  /** What the service adds beyond Prosody (src/muc/extras.ts); none by default. */
  extras?: readonly MucExtra[];
  /** The largest stanza a client may send, serialised, in bytes (default 256 KiB). */
  maxStanzaBytes?: number;
  /** The deepest nesting of elements a client may send, the stanza itself being 1 (default 64). */
  maxStanzaDepth?: number;
  /** The language of every client's stream (`xml:lang`, default `en`, what @xmpp/client sends). */
  lang?: string;
  /**
   * Keep every delivered stanza in its session's `inbox` (default true). Off when nothing reads
   * the inboxes (benchmarks, long runs): delivery listeners and the trace still see everything.
   */
  keepInboxes?: boolean;
}

export const DEFAULT_MAX_STANZA_BYTES = 256 * 1024;
export const DEFAULT_MAX_STANZA_DEPTH = 64;

const IQ_TYPES = new Set(['get', 'set', 'result', 'error']);

/**
 * RFC 6120 §8.2.3, as Prosody's stanza router enforces it for clients (with its texts): an iq
 * has a known type and an id, and a get or set has exactly one child.
 */
function malformedIq(stanza: Element): string | undefined {
  if (stanza.name !== 'iq') return undefined;
  const type = stanza.attrs.type;
  if (!IQ_TYPES.has(type)) return 'Invalid IQ type';
  if (stanza.attrs.id === undefined) return "Missing required 'id' attribute";
  if ((type === 'get' || type === 'set') && stanza.getChildElements().length !== 1) {
    return 'Incorrect number of children for IQ stanza';
  }
  return undefined;
}

/** Bytes of the UTF-8 encoding of `text` (surrogate pairs are one 4-byte character). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      index += 1;
    } else bytes += 3;
  }
  return bytes;
}

const SUBSCRIPTIONS = new Set(['subscribe', 'subscribed', 'unsubscribe', 'unsubscribed']);

/** The presence types mod_presence lets a client address to someone. */
const OUTBOUND_PRESENCE_TYPES = new Set([
  undefined,
  'unavailable',
  'error',
  'probe',
  ...SUBSCRIPTIONS,
]);

/** Sets or removes one address of a stanza. */
function setAddress(stanza: Element, name: 'from' | 'to', value: string | undefined): void {
  if (value === undefined) delete stanza.attrs[name];
  else stanza.attrs[name] = value;
}

function isSubscription(stanza: Element): boolean {
  return stanza.name === 'presence' && SUBSCRIPTIONS.has(stanza.attrs.type);
}

export type DeliveryListener = (stanza: Element) => void;

export class UsageError extends Error {}

export class World {
  readonly clock = new SimulatedClock();
  readonly ids: SeededIds;
  readonly trace: Trace;
  readonly service: MucService;
  readonly domain: string;
  readonly mucDomain: string;
  private readonly stepMs: number;
  private readonly maxStanzaBytes: number;
  private readonly maxStanzaDepth: number;
  private readonly keepInboxes: boolean;
  private readonly lang: string;
  private readonly sessions = new Map<string, Session>();
  /** The connected sessions of each bare JID, in connection order (routing to bare JIDs). */
  private readonly sessionsByBare = new Map<string, Session[]>();
  private readonly listeners = new Map<string, DeliveryListener>();

  constructor(options: WorldOptions = {}) {
    this.ids = new SeededIds(options.seed ?? 1);
    this.trace = new Trace(options.trace ?? true);
    this.domain = options.domain ?? 'localhost';
    this.mucDomain = options.mucDomain ?? `conference.${this.domain}`;
    this.stepMs = options.stepMs ?? 1000;
    this.maxStanzaBytes = options.maxStanzaBytes ?? DEFAULT_MAX_STANZA_BYTES;
    this.maxStanzaDepth = options.maxStanzaDepth ?? DEFAULT_MAX_STANZA_DEPTH;
    this.keepInboxes = options.keepInboxes ?? true;
    this.lang = options.lang ?? 'en';
    this.service = new MucService({
      domain: this.mucDomain,
      admins: options.admins ?? [`admin@${this.domain}`],
      env: { now: () => this.clock.now(), nextId: () => this.ids.next() },
      occupantIdSecret: occupantIdSecret(options.seed ?? 1),
      features: options.features,
      ...(options.extras !== undefined && { extras: options.extras }),
    });
  }

  /** Connects a session for `jid`: its resource, the requested one, or a generated one. */
  connect(jid: string, options: { resource?: string; label?: string } = {}): Session {
    const prepared = prepJid(jid);
    if (!prepared) throw new UsageError(`'${jid}' is not a valid JID`);
    if (domainOf(prepared) !== this.domain) {
      throw new UsageError(`'${jid}' is not an account of ${this.domain}`);
    }
    const resource = resourceOf(prepared) ?? options.resource ?? this.ids.next();
    const full = prepJid(withResource(prepared, resource));
    if (!full) throw new UsageError(`'${resource}' is not a valid resource`);
    if (this.sessions.has(full)) throw new UsageError(`${full} is already connected`);
    const session: Session = {
      jid: full,
      label: options.label ?? full,
      available: false,
      priority: 0,
      inbox: [],
      joined: new Set(),
    };
    this.sessions.set(full, session);
    const sameBare = this.sessionsByBare.get(bareJid(full));
    if (sameBare) sameBare.push(session);
    else this.sessionsByBare.set(bareJid(full), [session]);
    this.trace.append({ kind: 'connect', time: this.clock.now(), jid: full });
    return session;
  }

  /** Ends a session; its server tells every room it joined that it is unavailable. */
  disconnect(jid: string): void {
    const session = this.requireSession(jid);
    this.clock.advance(this.stepMs);
    // The session is gone before its server speaks for it: what the rooms answer is not delivered.
    this.sessions.delete(jid);
    const sameBare = this.sessionsByBare.get(bareJid(jid))?.filter((other) => other !== session);
    if (sameBare?.length) this.sessionsByBare.set(bareJid(jid), sameBare);
    else this.sessionsByBare.delete(bareJid(jid));
    this.listeners.delete(jid);
    // mod_presence on resource-unbind: an available session's unavailable presence goes to the
    // account's other resources and to everyone it sent directed presence to.
    const unavailable = new Element('presence', { type: 'unavailable', from: jid });
    if (session.available) {
      const cause = this.trace.append({
        kind: 'input',
        time: this.clock.now(),
        sender: jid,
        origin: 'server',
        stanza: unavailable,
      });
      for (const other of this.sessionsOf(jid)) {
        if (!other.available) continue;
        const copy = clone(unavailable);
        copy.attrs.to = other.jid;
        this.deliver(other, copy, cause, 'router');
      }
    }
    this.leaveJoinedRooms(session, unavailable);
    this.trace.append({ kind: 'disconnect', time: this.clock.now(), jid });
  }

  /** A client sends a stanza; returns the trace sequence number of the input. */
  send(jid: string, stanza: Element): number {
    const session = this.requireSession(jid);
    this.clock.advance(this.stepMs);
    // Checked before anything walks the stanza recursively (clone, toString): a hostile depth
    // must not reach the stack limit, an oversized stanza must not reach the service.
    const limit = this.exceededLimit(stanza);
    if (limit) {
      const shallow = new Element(stanza.name, { ...stanza.attrs });
      return this.refuse(session, shallow, {
        type: 'modify',
        condition: 'policy-violation',
        text: limit,
      });
    }
    // Prosody's core_process_stanza, before it stamps `from`: an error without a payload is
    // discarded; a malformed iq is answered from its `to`, to the `from` the client wrote.
    if (stanza.attrs.type === 'error' && stanza.getChildElements().length === 0) {
      return this.refuse(session, clone(stanza), {
        type: 'cancel',
        condition: 'undefined-condition',
        text: 'an error without a payload',
      });
    }
    const malformed = malformedIq(stanza);
    if (malformed) {
      const answer = { from: stanza.attrs.to, to: stanza.attrs.from };
      return this.refuse(
        session,
        clone(stanza),
        { type: 'modify', condition: 'bad-request', text: malformed },
        answer,
      );
    }
    return this.input(session, clone(stanza), 'client');
  }

  /** Which limit the stanza exceeds, as the text of the policy-violation error. */
  private exceededLimit(stanza: Element): string | undefined {
    // Depth first, iteratively; along the way an upper bound of the serialised size, so that
    // only stanzas near the limit are serialised to be measured exactly.
    let bound = 0;
    const stack: [Element, number][] = [[stanza, 1]];
    while (stack.length > 0) {
      const [element, depth] = stack.pop()!;
      if (depth > this.maxStanzaDepth) {
        return `Stanza nested deeper than the limit of ${this.maxStanzaDepth} levels`;
      }
      bound += 2 * element.name.length + 5;
      for (const [name, value] of Object.entries(element.attrs)) {
        bound += name.length + 4 + 6 * String(value ?? '').length;
      }
      for (const child of element.children) {
        if (typeof child === 'string') bound += 6 * child.length;
        else stack.push([child, depth + 1]);
      }
    }
    if (bound <= this.maxStanzaBytes) return undefined;
    if (utf8Length(stanza.toString()) <= this.maxStanzaBytes) return undefined;
    return `Stanza larger than the limit of ${this.maxStanzaBytes} bytes`;
  }

  /**
   * The user's server refuses the stanza (RFC 6120 §8.3): it is traced, answered (from the server,
   * unless `answer` gives the error's addresses), and goes no further.
   */
  private refuse(
    session: Session,
    stanza: Element,
    spec: StanzaErrorSpec,
    answer?: { from: string | undefined; to: string | undefined },
  ): number {
    stanza.attrs.from = session.jid;
    const cause = this.trace.append({
      kind: 'input',
      time: this.clock.now(),
      sender: session.jid,
      origin: 'client',
      stanza,
    });
    const type = stanza.attrs.type;
    // Never answer an error, nor an iq result (RFC 6120 §8.2.3).
    if (type === 'error' || (stanza.name === 'iq' && type === 'result')) {
      this.drop(stanza, cause, spec.text ?? spec.condition);
      return cause;
    }
    const error = stanzaError(stanza, spec);
    error.attrs.from = this.domain;
    if (answer) {
      setAddress(error, 'from', answer.from);
      setAddress(error, 'to', answer.to);
    }
    this.deliver(session, error, cause, 'server');
    return cause;
  }

  session(jid: string): Session | undefined {
    return this.sessions.get(jid);
  }

  connectedSessions(): Session[] {
    return [...this.sessions.values()];
  }

  onDelivery(jid: string, listener: DeliveryListener): void {
    this.listeners.set(jid, listener);
  }

  /** The connected sessions of the bare JID of `jid`. */
  private sessionsOf(jid: string): readonly Session[] {
    return this.sessionsByBare.get(bareJid(jid)) ?? [];
  }

  private requireSession(jid: string): Session {
    const session = this.sessions.get(jid);
    if (!session) throw new UsageError(`${jid} is not connected`);
    return session;
  }

  private input(session: Session, stanza: Element, origin: 'client' | 'server'): number {
    // The server stamps `from`: a client cannot speak for another (no spoofing). Subscription
    // requests go out from the bare JID (RFC 6121 §3.1.2), and every stanza carries the
    // language of the client's stream unless it names its own (RFC 6120 §4.7.4).
    stanza.attrs.from = isSubscription(stanza) ? bareJid(session.jid) : session.jid;
    if (origin === 'client' && stanza.attrs['xml:lang'] === undefined) {
      stanza.attrs['xml:lang'] = this.lang;
    }
    addAvatarHash(stanza);
    const cause = this.trace.append({
      kind: 'input',
      time: this.clock.now(),
      sender: session.jid,
      origin,
      stanza,
    });
    const rawTo = stanza.attrs.to;
    if (rawTo === undefined) {
      this.handleUnaddressed(session, stanza, cause);
      return cause;
    }
    const to = prepJid(rawTo);
    const emptied = to ? undefined : emptiedJid(rawTo);
    if (emptied !== undefined) {
      // Prosody routes the address it prepared (`room@service/`), cannot split it, and hands the
      // stanza to the sender's own host as if to a bare JID: an iq finds no handler, a message's
      // handler raises, a presence goes nowhere.
      const type = stanza.attrs.type;
      if (stanza.name === 'iq' && (type === 'get' || type === 'set')) {
        stanza.attrs.to = emptied;
        const error = stanzaError(stanza, { type: 'cancel', condition: 'service-unavailable' });
        this.deliver(session, error, cause, 'router');
      } else this.drop(stanza, cause, 'an address Prosody prepares to an empty part');
      return cause;
    }
    if (!to) {
      // Prosody's core_process_stanza answers straight back, from the address it could not read.
      const type = stanza.attrs.type;
      if (type === 'error' || type === 'result') return cause;
      const error = stanzaError(stanza, {
        type: 'modify',
        condition: 'jid-malformed',
        text: `The destination address is invalid: ${rawTo}`,
      });
      this.deliver(session, error, cause, 'router');
      return cause;
    }
    stanza.attrs.to = to;
    if (to === bareJid(session.jid)) {
      // core_post_stanza: a stanza to one's own bare JID loses its `to`: a presence is a
      // broadcast presence, a message goes to the account's own resources, an iq is answered
      // for the account (without a `from`).
      delete stanza.attrs.to;
      this.handleUnaddressed(session, stanza, cause);
      return cause;
    }
    if (stanza.name === 'presence' && !OUTBOUND_PRESENCE_TYPES.has(stanza.attrs.type)) {
      // mod_presence's outbound handler answers an unknown type from the bare JIDs it worked on.
      const error = stanzaError(stanza, {
        type: 'modify',
        condition: 'bad-request',
        text: 'Invalid presence type',
      });
      error.attrs.from = bareJid(to);
      error.attrs.to = bareJid(session.jid);
      this.deliver(session, error, cause, 'router');
      return cause;
    }
    this.trackDirectedPresence(session, stanza);
    if (domainOf(to) === this.mucDomain) {
      this.toService(stanza, cause);
    } else if (domainOf(to) === this.domain) {
      this.toLocal(stanza, cause, 'router');
    } else {
      // No s2s on this server: core_route_stanza answers for the remote domain.
      const type = stanza.attrs.type;
      if (type !== 'error' && !(stanza.name === 'iq' && type === 'result')) {
        const error = stanzaError(stanza, {
          type: 'cancel',
          condition: 'not-allowed',
          text: 'Communication with remote domains is not enabled',
        });
        this.toLocal(error, cause, 'router');
      }
    }
    return cause;
  }

  private handleUnaddressed(session: Session, stanza: Element, cause: number): void {
    if (stanza.name === 'presence' && (!stanza.attrs.type || stanza.attrs.type === 'unavailable')) {
      this.broadcastPresence(session, stanza, cause);
    } else if (stanza.name === 'presence') {
      // mod_presence: any other type without a `to` is refused (an error, never answered, is dropped).
      if (stanza.attrs.type === 'error')
        return this.drop(stanza, cause, 'error presence to nobody');
      const error = stanzaError(stanza, {
        type: 'modify',
        condition: 'bad-request',
        text: 'Invalid presence type',
      });
      this.deliver(session, error, cause, 'router');
    } else if (stanza.name === 'message') {
      // A message without a `to` is for the sender's own account (RFC 6120 §10.3.1).
      this.messageToUser(stanza, bareJid(session.jid), cause, 'router');
    } else if (stanza.name === 'iq') {
      // RFC 6120 §10.3.3: an iq without a `to` is handled for the account, as if sent to its bare JID.
      // Prosody's handlers reply to the stanza as it is, without a `to`: so without a `from`.
      const addressed = clone(stanza);
      addressed.attrs.to = bareJid(session.jid);
      const answer = answerServerIq(addressed, this);
      if (answer) {
        delete answer.attrs.from;
        this.deliver(session, answer, cause, 'server');
      }
    }
  }

  /**
   * A broadcast presence, as Prosody's mod_presence (`handle_normal_presence`, RFC 6121 §4.2–4.5):
   * reflected to the sender (without a `to`), sent to the user's other available resources; an
   * initial presence also brings the sender those resources' last presences, stamped with a
   * delay from the server; unavailable also goes to every room the session joined.
   */
  private broadcastPresence(session: Session, stanza: Element, cause: number): void {
    const initial = stanza.attrs.type === undefined && !session.available;
    this.deliver(session, clone(stanza), cause, 'router');
    for (const other of this.sessionsOf(session.jid)) {
      if (other === session || !other.available) continue;
      const copy = clone(stanza);
      copy.attrs.to = other.jid;
      this.deliver(other, copy, cause, 'router');
    }
    if (initial) {
      for (const other of this.sessionsOf(session.jid)) {
        if (other === session || !other.presence) continue;
        const copy = clone(other.presence);
        copy.attrs.to = session.jid;
        this.deliver(session, copy, cause, 'router');
      }
    }
    if (stanza.attrs.type === 'unavailable') {
      session.available = false;
      session.presence = undefined;
      session.priority = 0;
      this.leaveJoinedRooms(session, stanza);
      return;
    }
    session.available = true;
    session.priority = presencePriority(stanza);
    const stored = clone(stanza);
    stored.c('delay', { xmlns: NS.delay, from: this.domain, stamp: isoStamp(this.clock.now()) });
    session.presence = stored;
  }

  /** The unavailable presence, as the client sent it, to every address of its directed presence. */
  private leaveJoinedRooms(session: Session, unavailable: Element): void {
    const directed = [...session.joined];
    session.joined.clear();
    for (const address of directed) {
      const copy = clone(unavailable);
      copy.attrs.to = address;
      this.input(session, copy, 'server');
    }
  }

  /**
   * mod_presence's directed presence: an available presence to anyone (no roster here) adds its
   * address, an unavailable or error presence removes exactly that address.
   */
  private trackDirectedPresence(session: Session, stanza: Element): void {
    if (stanza.name !== 'presence') return;
    const to = stanza.attrs.to;
    const type = stanza.attrs.type;
    if (type === undefined) session.joined.add(to);
    else if (type === 'unavailable' || type === 'error') session.joined.delete(to);
  }

  private toService(stanza: Element, cause: number): void {
    const effects = new Effects();
    try {
      this.service.handle(stanza, effects);
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      this.trace.append({
        kind: 'crash',
        time: this.clock.now(),
        cause,
        message: failure.message,
        stack: failure.stack ?? failure.message,
      });
      if (stanza.attrs.type !== 'error' && stanza.attrs.type !== 'result') {
        effects.send(
          stanzaError(stanza, { type: 'cancel', condition: 'internal-server-error' }),
          'world',
        );
      }
    }
    for (const entry of effects.entries) {
      if (entry.kind === 'stanza') this.toLocal(entry.stanza, cause, entry.by);
      else if (entry.kind === 'copies') {
        const copyTo = addressedCopies(entry.stanza);
        for (const to of entry.to) this.toLocal(copyTo(to), cause, entry.by);
      } else this.trace.append({ kind: 'event', time: this.clock.now(), cause, event: entry });
    }
  }

  /** Delivers to a local user (full or bare JID) or lets the server answer for it. */
  private toLocal(stanza: Element, cause: number, by: string): void {
    const to = stanza.attrs.to;
    // Sessions are on the users' domain: when the service has its own, a session's JID never
    // names it, and the common case (a delivery) skips parsing the domain out of `to`.
    const exact = this.sessions.get(to);
    if (exact && this.mucDomain !== this.domain) {
      this.deliver(exact, stanza, cause, by);
      return;
    }
    if (domainOf(to) === this.mucDomain) {
      this.toService(stanza, cause);
      return;
    }
    if (exact) {
      this.deliver(exact, stanza, cause, by);
      return;
    }
    if (stanza.name === 'iq') {
      const answer = isFullJid(to)
        ? stanzaError(stanza, { type: 'cancel', condition: 'service-unavailable' })
        : answerServerIq(stanza, this);
      if (answer) this.toLocal(answer, cause, 'server');
      return;
    }
    if (stanza.name === 'message') {
      this.messageToUser(stanza, to, cause, by);
      return;
    }
    // A presence to an absent resource is dropped; to a bare JID it reaches the available ones.
    if (isFullJid(to)) {
      this.drop(stanza, cause, 'session not connected');
      return;
    }
    const targets = this.sessionsOf(to).filter((session) => session.available);
    if (targets.length === 0) this.drop(stanza, cause, 'no available session');
    for (const target of targets) this.deliver(target, clone(stanza), cause, by);
  }

  /**
   * A message to a bare JID, or to a resource that is not connected, as Prosody's mod_message
   * (`process_to_bare`, RFC 6121 §8.5.2): errors are discarded; groupchat bounces; a headline to
   * the bare JID reaches every available resource of non-negative priority, else nothing; chat
   * and normal go to the available resources of the highest non-negative priority, and bounce
   * with service-unavailable when there are none (this server keeps no offline messages).
   */
  private messageToUser(stanza: Element, to: string, cause: number, by: string): void {
    const type = stanza.attrs.type ?? 'normal';
    const bounce = () =>
      this.toLocal(
        stanzaError(stanza, { type: 'cancel', condition: 'service-unavailable' }),
        cause,
        'server',
      );
    if (type === 'error') return this.drop(stanza, cause, 'error to an absent resource');
    if (type === 'groupchat') return bounce();
    const available = this.sessionsOf(to).filter(
      (session) => session.available && session.priority >= 0,
    );
    if (type === 'headline') {
      // Only to the bare JID as written (not to a gone resource, nor to one's own account).
      if (stanza.attrs.to !== bareJid(to) || available.length === 0) {
        return this.drop(stanza, cause, 'headline without a recipient');
      }
      for (const target of available) this.deliver(target, clone(stanza), cause, by);
      return;
    }
    const top = Math.max(...available.map((session) => session.priority));
    const targets = available.filter((session) => session.priority === top);
    if (targets.length === 0) return bounce();
    for (const target of targets) this.deliver(target, clone(stanza), cause, by);
  }

  private deliver(session: Session, stanza: Element, cause: number, by: string): void {
    if (this.keepInboxes) session.inbox.push(stanza);
    this.trace.appendDelivery(this.clock.now(), cause, session.jid, stanza, by);
    this.listeners.get(session.jid)?.(stanza);
  }

  private drop(stanza: Element, cause: number, reason: string): void {
    this.trace.append({
      kind: 'dropped',
      time: this.clock.now(),
      cause,
      to: stanza.attrs.to,
      stanza,
      reason,
    });
  }
}

/** RFC 6121 §4.7.2.3: an integer, clamped to -128…127; anything else (or nothing) is 0, as Prosody. */
function presencePriority(presence: Element): number {
  const text = presence.getChildText('priority');
  if (text === null || !/^[+-]?[0-9]+$/.test(text)) return 0;
  return Math.min(127, Math.max(-128, Number(text)));
}
