// The world of virtual users around the MUC service: sessions, the router, the clock and the trace — XEP-0045 §7 (as seen by occupants' clients)
import { clone, Element } from 'ltx';
import { Effects } from '../muc/effects.js';
import type { RoomTimer } from '../muc/environment.js';
import { occupantIdSecret } from '../muc/features/occupant-id.js';
import { MucService } from '../muc/service.js';
import { Trace } from '../muc/trace.js';
import { addressedCopies } from '../xmpp/addressed-copy.js';
import { bareJid, domainOf, isFullJid } from '../xmpp/jid.js';
import { stanzaError } from '../xmpp/stanza-error.js';
import { SimulatedClock } from './clock.js';
import { addAvatarHash, answerServerIq } from './home-server.js';
import { SeededIds } from './ids.js';
import {
  broadcastPresence,
  leaveDirected,
  type PresenceRouter,
  toOtherResources,
  trackDirectedPresence,
} from './presence-broadcast.js';
import type { Session } from './session.js';
import { SessionRegistry } from './session-registry.js';
import {
  answerUnlessReply,
  badPresenceType,
  checkAddressed,
  checkReceived,
  checkRemote,
  DEFAULT_MAX_STANZA_BYTES,
  DEFAULT_MAX_STANZA_DEPTH,
  exceededLimit,
  internalError,
  isSubscription,
  overLimit,
  type Verdict,
} from './stanza-checks.js';
import type { WorldOptions } from './world-options.js';

export { UsageError } from './session-registry.js';
export { DEFAULT_MAX_STANZA_BYTES, DEFAULT_MAX_STANZA_DEPTH } from './stanza-checks.js';
export type { WorldOptions } from './world-options.js';

export type DeliveryListener = (stanza: Element) => void;
/** A timer of the service, and the input it is traced as caused by. */
export type WorldTimer = { cause: number; timer: RoomTimer };

export class World {
  readonly clock = new SimulatedClock<WorldTimer>(({ cause, timer }) =>
    this.runService(cause, (effects) => this.service.runTimer(timer, effects)),
  );
  readonly ids: SeededIds;
  readonly trace: Trace;
  readonly service: MucService;
  readonly domain: string;
  readonly mucDomain: string;
  private readonly stepMs: number;
  private readonly limits: { maxBytes: number; maxDepth: number };
  private readonly lang: string;
  readonly sessions: SessionRegistry;
  readonly listeners = new Map<string, DeliveryListener>();
  /** The input the service is handling: what a timer it sets will be traced as caused by. */
  private serviceCause = 0;
  /** What the presence handling (mod_presence) uses of the world. */
  private readonly presence: PresenceRouter;

  constructor(options: WorldOptions = {}) {
    this.ids = new SeededIds(options.seed ?? 1);
    this.trace = new Trace(options.trace ?? true);
    this.domain = options.domain ?? 'localhost';
    this.sessions = new SessionRegistry(this.domain);
    this.mucDomain = options.mucDomain ?? `conference.${this.domain}`;
    this.stepMs = options.stepMs ?? 1000;
    this.limits = {
      maxBytes: options.maxStanzaBytes ?? DEFAULT_MAX_STANZA_BYTES,
      maxDepth: options.maxStanzaDepth ?? DEFAULT_MAX_STANZA_DEPTH,
    };
    this.lang = options.lang ?? 'en';
    this.service = new MucService({
      domain: this.mucDomain,
      admins: options.admins ?? [`admin@${this.domain}`],
      env: {
        now: () => this.clock.now(),
        nextId: () => this.ids.next(),
        schedule: (at, timer) => this.clock.schedule(at, { cause: this.serviceCause, timer }),
      },
      occupantIdSecret: occupantIdSecret(options.seed ?? 1),
      features: options.features,
      ...(options.extras !== undefined && { extras: options.extras }),
    });
    this.presence = {
      sessions: this.sessions,
      domain: this.domain,
      now: () => this.clock.now(),
      deliver: (session, stanza, cause, by) => this.deliver(session, stanza, cause, by),
      postFromServer: (session, stanza) => this.input(session, stanza, 'server'),
    };
  }

  /** Connects a session for `jid`: its resource, the requested one, or a generated one. */
  connect(jid: string, options: { resource?: string; label?: string } = {}): Session {
    const resource = () => options.resource ?? this.ids.next();
    const session = this.sessions.bind(jid, resource, options.label);
    this.trace.append({ kind: 'connect', time: this.clock.now(), jid: session.jid });
    return session;
  }

  /** Ends a session; its server tells every room it joined that it is unavailable. */
  disconnect(jid: string): void {
    const session = this.sessions.require(jid);
    this.clock.advance(this.stepMs);
    // The session is gone before its server speaks for it: what the rooms answer is not delivered.
    this.sessions.unbind(session);
    this.listeners.delete(jid);
    // mod_presence on resource-unbind: an available session's unavailable presence goes to the
    // account's other resources and to everyone it sent directed presence to.
    const unavailable = new Element('presence', { type: 'unavailable', from: jid });
    if (session.available) {
      const cause = this.traceInput(session, unavailable, 'server');
      toOtherResources(this.presence, session, unavailable, cause);
    }
    leaveDirected(this.presence, session, unavailable);
    this.trace.append({ kind: 'disconnect', time: this.clock.now(), jid });
  }

  /** A client sends a stanza; returns the trace sequence number of the input. */
  send(jid: string, stanza: Element): number {
    const session = this.sessions.require(jid);
    this.clock.advance(this.stepMs);
    // Checked before anything walks the stanza recursively (clone, toString): a hostile depth
    // must not reach the stack limit, an oversized stanza must not reach the service.
    const limit = exceededLimit(stanza, this.limits);
    if (limit) {
      const shallow = new Element(stanza.name, { ...stanza.attrs });
      return this.refuse(session, shallow, overLimit(shallow, limit, this.domain));
    }
    const verdict = checkReceived(stanza);
    if (verdict) return this.refuse(session, clone(stanza), verdict);
    return this.input(session, clone(stanza), 'client');
  }

  /**
   * The user's server refuses the stanza (RFC 6120 §8.3): it is traced, answered or discarded as
   * the verdict says, and goes no further. Its reply goes straight back to the session.
   */
  private refuse(session: Session, stanza: Element, verdict: Verdict): number {
    stanza.attrs.from = session.jid;
    const cause = this.traceInput(session, stanza, 'client');
    this.settle(session, stanza, verdict, cause, 'server');
    return cause;
  }

  /** Carries out a verdict that stops the stanza here: its answer to the session, or a drop. */
  private settle(
    session: Session,
    stanza: Element,
    verdict: Verdict,
    cause: number,
    by: string,
  ): void {
    if (verdict.kind === 'answer') this.deliver(session, verdict.reply, cause, by);
    else if (verdict.kind === 'discard') this.drop(stanza, cause, verdict.reason);
    else if (verdict.kind === 'home') {
      const answer = answerServerIq(verdict.stanza, this);
      if (answer) this.deliver(session, answer, cause, 'server');
    }
  }

  session(jid: string): Session | undefined {
    return this.sessions.get(jid);
  }

  connectedSessions(): Session[] {
    return this.sessions.all();
  }

  onDelivery(jid: string, listener: DeliveryListener): void {
    this.listeners.set(jid, listener);
  }

  private traceInput(session: Session, stanza: Element, origin: 'client' | 'server'): number {
    const time = this.clock.now();
    return this.trace.appendInput(time, session.jid, origin, stanza);
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
    const cause = this.traceInput(session, stanza, origin);
    const rawTo = stanza.attrs.to;
    if (rawTo === undefined) {
      this.handleUnaddressed(session, stanza, cause);
      return cause;
    }
    const verdict = checkAddressed(stanza, rawTo, session.jid);
    if (verdict.kind === 'self') {
      // core_post_stanza: a stanza to one's own bare JID loses its `to`: a presence is a
      // broadcast presence, a message goes to the account's own resources, an iq is answered
      // for the account (without a `from`).
      delete stanza.attrs.to;
      this.handleUnaddressed(session, stanza, cause);
    } else if (verdict.kind !== 'route') {
      this.settle(session, stanza, verdict, cause, 'router');
    } else {
      stanza.attrs.to = verdict.to;
      this.route(session, stanza, cause);
    }
    return cause;
  }

  private route(session: Session, stanza: Element, cause: number): void {
    const to = stanza.attrs.to;
    trackDirectedPresence(session, stanza);
    if (domainOf(to) === this.mucDomain) {
      this.toService(stanza, cause);
    } else if (domainOf(to) === this.domain) {
      this.toLocal(stanza, cause, 'router');
    } else {
      const verdict = checkRemote(stanza);
      if (verdict.kind === 'answer') this.toLocal(verdict.reply, cause, 'router');
    }
  }

  private handleUnaddressed(session: Session, stanza: Element, cause: number): void {
    if (stanza.name === 'presence' && (!stanza.attrs.type || stanza.attrs.type === 'unavailable')) {
      broadcastPresence(this.presence, session, stanza, cause);
    } else if (stanza.name === 'presence') {
      // mod_presence: any other type without a `to` is refused (an error, never answered, is dropped).
      const refusal = answerUnlessReply(
        stanza,
        () => badPresenceType(stanza),
        'presence to nobody',
      );
      this.settle(session, stanza, refusal, cause, 'router');
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

  private toService(stanza: Element, cause: number): void {
    this.runService(cause, (effects) => this.service.handle(stanza, effects), stanza);
  }

  /**
   * Runs part of the service (a stanza's handling, a timer) with an output of its own, then
   * routes what it sent and traces what it recorded, all caused by `cause`. A bug in it is
   * traced as a crash, and a request gets internal-server-error.
   */
  private runService(cause: number, work: (effects: Effects) => void, request?: Element): void {
    const effects = new Effects();
    const outer = this.serviceCause;
    this.serviceCause = cause;
    try {
      work(effects);
    } catch (error) {
      this.trace.appendCrash(this.clock.now(), cause, error);
      const answer = request && internalError(request);
      if (answer) effects.send(answer, 'world');
    } finally {
      this.serviceCause = outer;
    }
    for (const entry of effects.entries) {
      if (entry.kind === 'stanza') this.toLocal(entry.stanza, cause, entry.by);
      else if (entry.kind === 'copies') {
        const copyTo = addressedCopies(entry.stanza);
        for (const to of entry.to) this.toLocal(copyTo(to), cause, entry.by);
      } else this.trace.appendEvent(this.clock.now(), cause, entry);
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
    const targets = this.sessions.of(to).filter((session) => session.available);
    if (targets.length === 0) this.drop(stanza, cause, 'no available session');
    for (const target of targets) this.deliver(target, clone(stanza), cause, by);
  }

  /** A message for an account (a bare JID, or a resource that is not connected). */
  private messageToUser(stanza: Element, to: string, cause: number, by: string): void {
    const route = this.sessions.messageRoute(stanza, to);
    if (route.kind === 'drop') this.drop(stanza, cause, route.reason);
    else if (route.kind === 'deliver') {
      for (const target of route.targets) this.deliver(target, clone(stanza), cause, by);
    } else {
      const bounce = stanzaError(stanza, { type: 'cancel', condition: 'service-unavailable' });
      this.toLocal(bounce, cause, 'server');
    }
  }

  private deliver(session: Session, stanza: Element, cause: number, by: string): void {
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
