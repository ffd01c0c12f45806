// IQs addressed to occupant JIDs: relayed between occupants, and XEP-0410 self-pings — XEP-0045 §6.6 and §17.4, as Prosody's handle_iq_to_occupant
import { createHmac } from 'node:crypto';
import { clone, type Element } from 'ltx';
import { iqResult } from '../../xmpp/iq-result.js';
import { bareJid } from '../../xmpp/jid.js';
import { NS } from '../../xmpp/namespaces.js';
import type { Effects } from '../effects.js';
import type { Occupant } from '../model/occupant.js';
import { NOT_AN_OCCUPANT, notInRoom } from '../refusals.js';
import type { Room } from '../room.js';

const BY = 'occupant-iq';

/** Queries Prosody sends to the target's bare JID: its account answers them. */
const TO_BARE = new Set([
  NS.vcard,
  'http://jabber.org/protocol/pubsub',
  'urn:ietf:params:xml:ns:vcard-4.0',
]);

/** Prosody's per-room salt (`get_salt`); here it comes from the service's secret. */
const salts = new WeakMap<Room, string>();

function relaySalt(room: Room): string {
  let salt = salts.get(room);
  if (salt === undefined) {
    salt = createHmac('sha256', room.services.occupantIdSecret)
      .update(`${room.jid} iq`)
      .digest('hex');
    salts.set(room, salt);
  }
  return salt;
}

/** The first eight bytes of HMAC-SHA256(requester, salt): names the requester without showing it. */
function requesterHash(room: Room, requester: string): Buffer {
  return createHmac('sha256', relaySalt(room)).update(requester).digest().subarray(0, 8);
}

/**
 * Prosody's construct_stanza_id: the relayed query's id carries the answerer's JID, the original
 * id and a hash of the requester, so the room keeps no state and a forged answer finds nobody.
 */
function relayId(room: Room, answerer: string, id: string, requester: string): string {
  const parts = [Buffer.from(`${answerer}\0${id}\0`), requesterHash(room, requester)];
  return Buffer.concat(parts).toString('base64');
}

/** Prosody's deconstruct_stanza_id: the requester among the sessions of the occupant answered. */
function readRelayId(room: Room, id: string, answered: Occupant) {
  const decoded = Buffer.from(id, 'base64');
  const first = decoded.indexOf(0);
  const second = first < 1 ? -1 : decoded.indexOf(0, first + 1);
  if (second < 0 || second + 1 >= decoded.length) return undefined;
  const hash = decoded.subarray(second + 1);
  for (const session of answered.sessions.keys()) {
    if (requesterHash(room, session).equals(hash)) {
      return {
        answerer: decoded.toString('utf8', 0, first),
        id: decoded.toString('utf8', first + 1, second),
        requester: session,
      };
    }
  }
  return undefined;
}

/**
 * Prosody's handle_iq_to_occupant: a non-occupant gets `not-acceptable` (the XEP says
 * bad-request), a query to a nick nobody holds `item-not-found`, both from the room; a ping to
 * one's own occupant JID is answered by the room (XEP-0410); other requests go to the target's
 * session (vCard and PEP queries to its bare JID, which its account answers) under an id that
 * carries what the answer needs to find its way back.
 */
export function handleOccupantIq(room: Room, out: Effects, stanza: Element, nick: string): void {
  const type = stanza.attrs.type;
  if (type === 'result' || type === 'error') return relayAnswer(room, out, stanza, nick);
  const sender = room.occupantBySession(stanza.attrs.from);
  if (!sender) {
    out.sendError(stanza, { ...NOT_AN_OCCUPANT, by: room.jid }, BY, room.jid);
    return;
  }
  const target = room.occupantByNick(nick);
  if (!target) {
    out.sendError(stanza, notInRoom(room.jid), BY, room.jid);
    return;
  }
  const payload = stanza.getChildElements()[0];
  const isPing = payload?.name === 'ping' && payload.attrs.xmlns === NS.ping;
  if (target === sender && type === 'get' && isPing) {
    out.send(iqResult(stanza), BY);
    return;
  }
  const toBare = TO_BARE.has(payload?.attrs.xmlns);
  const destination = toBare ? bareJid(target.primaryJid) : target.primaryJid;
  const relayed = clone(stanza);
  relayed.attrs.from = sender.occupantJid;
  relayed.attrs.to = destination;
  relayed.attrs.id = relayId(room, target.primaryJid, stanza.attrs.id ?? '', stanza.attrs.from);
  out.send(relayed, BY);
}

/**
 * An answer to a relayed query, sent to the requester's occupant JID: relayed to the requester's
 * session, from the answerer's nick, under the original id, while both are in the room. Anything
 * else is dropped, as Prosody does.
 */
function relayAnswer(room: Room, out: Effects, stanza: Element, nick: string): void {
  const answered = room.occupantByNick(nick);
  const relay = answered && readRelayId(room, stanza.attrs.id ?? '', answered);
  if (!relay) return;
  const from = stanza.attrs.from;
  if (from !== relay.answerer && from !== bareJid(relay.answerer)) return;
  const answerer = room.occupantBySession(relay.answerer);
  if (!answerer) return;
  const answer = clone(stanza);
  answer.attrs.from = answerer.occupantJid;
  answer.attrs.to = relay.requester;
  answer.attrs.id = relay.id;
  out.send(answer, BY);
}
