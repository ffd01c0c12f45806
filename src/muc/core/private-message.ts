// Private messages between occupants, relayed through the room — XEP-0045 §7.5, as Prosody's handle_message_to_occupant
import { clone, type Element } from 'ltx';
import { NS } from '../../xmpp/namespaces.js';
import type { Effects } from '../effects.js';
import { NOT_AN_OCCUPANT, notInRoom } from '../refusals.js';
import type { Room } from '../room.js';
import { isKickableError, kickForError } from './kick-for-error.js';
import { routeToOccupant } from './publicise.js';

const BY = 'private-messages';

/**
 * Prosody's handle_message_to_occupant. A non-occupant gets `not-acceptable`; a groupchat
 * message `bad-request`; an error that shows the sender's client is gone removes it (333); any
 * other message (an ordinary error too) is relayed from the sender's occupant JID to every
 * session of the recipient, without the sender's own MUC payloads.
 */
export function handlePrivateMessage(
  room: Room,
  out: Effects,
  stanza: Element,
  nick: string,
): void {
  const type = stanza.attrs.type;
  const sender = room.occupantBySession(stanza.attrs.from);
  if (!sender) {
    if (type !== 'error') out.sendError(stanza, { ...NOT_AN_OCCUPANT, by: room.jid }, BY, room.jid);
    return;
  }
  // §7.5: "… of type groupchat … the service MUST refuse … <bad-request/>".
  if (type === 'groupchat') {
    out.sendError(stanza, { type: 'modify', condition: 'bad-request', by: room.jid }, BY, room.jid);
    return;
  }
  if (type === 'error' && isKickableError(stanza)) return kickForError(room, out, stanza);
  const recipient = room.occupantByNick(nick);
  if (!recipient) {
    out.sendError(stanza, notInRoom(room.jid), BY, room.jid);
    return;
  }
  const relayed = clone(stanza);
  // §17: client-supplied MUC payloads are never relayed (Prosody's filter_muc_x): a sender could
  // otherwise dress a private message up with items, statuses or real JIDs of its choosing. Nor
  // is its own occupant-id: XEP-0421 "MUST strip any occupant-id element sent by the client".
  relayed.children = relayed.children.filter(
    (child) =>
      typeof child === 'string' ||
      (child.attrs.xmlns !== NS.muc &&
        child.attrs.xmlns !== NS.mucUser &&
        child.attrs.xmlns !== NS.occupantId),
  );
  relayed.c('x', { xmlns: NS.mucUser });
  relayed.attrs.from = sender.occupantJid;
  const decision = room.fire('muc-private-message', {
    room,
    out,
    stanza: relayed,
    occupant: sender,
    recipient,
  });
  if (decision) {
    if (decision.outcome !== 'handled') {
      // Prosody sends the refusal to every session of the sender, from the recipient's nick.
      const refusal = { ...decision.outcome.veto, by: room.jid };
      for (const session of sender.sessions.keys()) {
        const target = clone(stanza);
        target.attrs.from = session;
        out.sendError(target, refusal, decision.feature, room.jid);
      }
    }
    return;
  }
  routeToOccupant(out, recipient, relayed, BY);
}
