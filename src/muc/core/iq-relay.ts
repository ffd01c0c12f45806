// IQs addressed to occupant JIDs: relayed between occupants, and XEP-0410 self-pings — XEP-0045 §6.6 and §17.4, as Prosody's handle_iq_to_occupant
import { clone, type Element } from 'ltx';
import { iqResult } from '../../xmpp/iq-result.js';
import { bareJid } from '../../xmpp/jid.js';
import { NS } from '../../xmpp/namespaces.js';
import type { Effects } from '../effects.js';
import { NOT_AN_OCCUPANT, notInRoom } from '../refusals.js';
import type { Room } from '../room.js';

const BY = 'occupant-iq';
const TO_BARE = new Set([
  NS.vcard,
  'http://jabber.org/protocol/pubsub',
  'urn:ietf:params:xml:ns:vcard-4.0',
]);

/**
 * Prosody's handle_iq_to_occupant: a non-occupant gets `not-acceptable` (the XEP says
 * bad-request); a ping to one's own occupant JID is answered by the room (XEP-0410); other
 * requests go to the target's session (vCards to its bare JID) with a fresh id, and the
 * answer is relayed back under the original id.
 */
export function handleOccupantIq(room: Room, out: Effects, stanza: Element, nick: string): void {
  const type = stanza.attrs.type;
  const pending = room.state.relayedQueries;
  if (type === 'result' || type === 'error') {
    const query = pending.get(stanza.attrs.id ?? '');
    if (!query || query.target !== stanza.attrs.from) return;
    pending.delete(stanza.attrs.id);
    const answer = clone(stanza);
    answer.attrs.from = room.occupantJidOf(query.targetNick);
    answer.attrs.to = query.requester;
    answer.attrs.id = query.id;
    out.send(answer, BY);
    return;
  }
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
  if (sender.nick === nick && payload?.name === 'ping' && payload.attrs.xmlns === NS.ping) {
    out.send(iqResult(stanza), BY);
    return;
  }
  // Prosody sends vCard and PEP queries to the occupant's bare JID, its account answers them.
  const toBare = TO_BARE.has(payload?.attrs.xmlns);
  const destination = toBare ? bareJid(target.primaryJid) : target.primaryJid;
  const id = room.services.env.nextId();
  pending.set(id, {
    requester: stanza.attrs.from,
    id: stanza.attrs.id,
    target: destination,
    targetNick: target.nick,
  });
  const relayed = clone(stanza);
  relayed.attrs.from = sender.occupantJid;
  relayed.attrs.to = destination;
  relayed.attrs.id = id;
  out.send(relayed, BY);
}
