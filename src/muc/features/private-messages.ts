// Private messages between occupants, relayed through the room — XEP-0045 §7.5
import { clone, type Element } from 'ltx';
import { NS } from '../../xmpp/namespaces.js';
import type { Feature } from '../hooks.js';
import { routeToOccupant } from '../presence.js';
import { NOT_AN_OCCUPANT } from '../refusals.js';
import type { Room } from '../room.js';
import { occupantIdOf } from './occupant-id.js';

const BY = 'private-messages';

export const privateMessages: Feature = { name: BY, section: '§7.5' };

/** Prosody's handle_message_to_occupant, for every type but error. */
export function handlePrivateMessage(room: Room, stanza: Element, nick: string): void {
  // §7.5: "… of type groupchat … the service MUST refuse … <bad-request/>".
  if (stanza.attrs.type === 'groupchat') {
    room.sendError(stanza, { type: 'modify', condition: 'bad-request' }, BY);
    return;
  }
  const sender = room.occupantBySession(stanza.attrs.from);
  if (!sender) {
    room.sendError(stanza, NOT_AN_OCCUPANT, BY);
    return;
  }
  const recipient = room.occupantByNick(nick);
  if (!recipient) {
    room.sendError(
      stanza,
      { type: 'cancel', condition: 'item-not-found', text: 'Recipient not in room' },
      BY,
    );
    return;
  }
  const decision = room.bus.fire('muc-private-message', {
    room,
    stanza,
    occupant: sender,
    recipient,
  });
  if (decision) {
    if (decision.outcome !== 'handled')
      room.sendError(stanza, decision.outcome.veto, decision.feature);
    return;
  }
  const relayed = clone(stanza);
  relayed.attrs.from = sender.occupantJid;
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
  relayed.c('occupant-id', { xmlns: NS.occupantId, id: occupantIdOf(room, sender.bareJid) });
  routeToOccupant(room, recipient, relayed, BY);
}
