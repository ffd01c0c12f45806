// Messages to all occupants: the checks, then reflection to everyone with a stable id — XEP-0045 §7.4, as Prosody's handle_groupchat_to_room
import { clone, type Element } from 'ltx';
import { NS } from '../../xmpp/namespaces.js';
import type { Effects } from '../effects.js';
import type { Room } from '../room.js';
import { broadcastMessage } from './publicise.js';

const BY = 'groupchat';

function claimsToBeFromRoom(room: Room, child: Element): boolean {
  if (child.attrs.from !== room.jid) return false;
  return (
    (child.name === 'delay' && child.attrs.xmlns === NS.delay) ||
    (child.name === 'x' && child.attrs.xmlns === 'jabber:x:delay')
  );
}

/**
 * Prosody's handle_groupchat_to_room: the checks run on the message (and may change it: the
 * occupant-id, delays that claim to come from the room removed), then everyone gets it from the
 * sender's occupant JID, the sender included.
 */
export function handleGroupchat(room: Room, out: Effects, stanza: Element): void {
  const occupant = room.occupantBySession(stanza.attrs.from);
  const reflection = clone(stanza);
  // muc#stable_id: "the service SHOULD reflect the message with the same id"; Prosody adds one if missing.
  reflection.attrs.id ??= room.services.env.nextId();
  reflection.children = reflection.children.filter(
    (child) => typeof child === 'string' || !claimsToBeFromRoom(room, child),
  );
  const decision = room.fire('muc-occupant-groupchat', {
    room,
    out,
    stanza: reflection,
    occupant,
  });
  if (decision) {
    if (decision.outcome !== 'handled')
      out.sendError(reflection, decision.outcome.veto, decision.feature, room.jid);
    return;
  }
  reflection.attrs.from = occupant?.occupantJid ?? room.jid;
  delete reflection.attrs.to;
  broadcastMessage(room, out, reflection, occupant, BY);
}
