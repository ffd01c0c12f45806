// The users' server's presence handling, as Prosody's mod_presence: a broadcast presence, the account's other resources and directed presence — RFC 6121 §4.2–4.6, XEP-0045 §7.2 (an occupant's unavailable presence reaches its rooms)
import { clone, type Element } from 'ltx';
import { isoStamp } from '../muc/environment.js';
import { NS } from '../xmpp/namespaces.js';
import type { Session } from './session.js';
import type { SessionRegistry } from './session-registry.js';
import { presencePriority } from './stanza-checks.js';

/** What mod_presence needs of the world: its sessions, its clock, and its two ways out. */
export interface PresenceRouter {
  readonly sessions: SessionRegistry;
  /** The users' domain, which stamps the delay of a stored presence. */
  readonly domain: string;
  now(): number;
  deliver(session: Session, stanza: Element, cause: number, by: string): void;
  /** Routes a stanza the server sends on the session's behalf (its unavailable presence to a room). */
  postFromServer(session: Session, stanza: Element): void;
}

/**
 * A broadcast presence, as Prosody's mod_presence (`handle_normal_presence`, RFC 6121 §4.2–4.5):
 * reflected to the sender (without a `to`), sent to the user's other available resources; an
 * initial presence also brings the sender those resources' last presences, stamped with a
 * delay from the server; unavailable also goes to every room the session joined.
 */
export function broadcastPresence(
  router: PresenceRouter,
  session: Session,
  stanza: Element,
  cause: number,
): void {
  const initial = stanza.attrs.type === undefined && !session.available;
  router.deliver(session, clone(stanza), cause, 'router');
  toOtherResources(router, session, stanza, cause);
  if (initial) {
    for (const other of router.sessions.of(session.jid)) {
      if (other === session || !other.presence) continue;
      const copy = clone(other.presence);
      copy.attrs.to = session.jid;
      // Posted on the other's behalf, with a `to`: directed presence of the other session.
      trackDirectedPresence(other, copy);
      router.deliver(session, copy, cause, 'router');
    }
  }
  if (stanza.attrs.type === 'unavailable') {
    session.available = false;
    session.presence = undefined;
    session.priority = 0;
    leaveDirected(router, session, stanza);
    return;
  }
  session.available = true;
  session.priority = presencePriority(stanza);
  const stored = clone(stanza);
  stored.c('delay', { xmlns: NS.delay, from: router.domain, stamp: isoStamp(router.now()) });
  session.presence = stored;
}

/**
 * A copy of the presence to each other available resource of the session's account. Each copy
 * has a `to`, and no roster holds the account itself: mod_presence counts it as directed
 * presence (an available one adds the resource, an unavailable one takes it out), so a
 * session's later unavailable presence also reaches a resource that has gone unavailable since.
 */
export function toOtherResources(
  router: PresenceRouter,
  session: Session,
  stanza: Element,
  cause: number,
): void {
  for (const other of router.sessions.of(session.jid)) {
    if (other === session || !other.available) continue;
    const copy = clone(stanza);
    copy.attrs.to = other.jid;
    trackDirectedPresence(session, copy);
    router.deliver(other, copy, cause, 'router');
  }
}

/** The unavailable presence, as the client sent it, to every address of its directed presence. */
export function leaveDirected(
  router: PresenceRouter,
  session: Session,
  unavailable: Element,
): void {
  const directed = [...session.joined];
  session.joined.clear();
  for (const address of directed) {
    const copy = clone(unavailable);
    copy.attrs.to = address;
    router.postFromServer(session, copy);
  }
}

/**
 * mod_presence's directed presence: an available presence to anyone (no roster here) adds its
 * address, an unavailable or error presence removes exactly that address.
 */
export function trackDirectedPresence(session: Session, stanza: Element): void {
  if (stanza.name !== 'presence') return;
  const to = stanza.attrs.to;
  const type = stanza.attrs.type;
  if (type === undefined) session.joined.add(to);
  else if (type === 'unavailable' || type === 'error') session.joined.delete(to);
}
