// Messages to all occupants: the role check, and reflection with a stable id — XEP-0045 §7.4, as Prosody's handle_groupchat_to_room
import { clone, type Element } from 'ltx';
import { NS } from '../../xmpp/namespaces.js';
import type { Feature } from '../hooks.js';
import { ROLE_RANK } from '../model/role.js';
import { broadcastMessage } from '../presence.js';
import { NOT_AN_OCCUPANT } from '../refusals.js';
import type { Room } from '../room.js';

const BY = 'groupchat';

function claimsToBeFromRoom(room: Room, child: Element): boolean {
  if (child.attrs.from !== room.jid) return false;
  return (
    (child.name === 'delay' && child.attrs.xmlns === NS.delay) ||
    (child.name === 'x' && child.attrs.xmlns === 'jabber:x:delay')
  );
}

export const groupchat: Feature = {
  name: BY,
  section: '§7.4',
  hooks: {
    'muc-occupant-groupchat': {
      priority: 50,
      // "If the sender is not an occupant … <not-acceptable/>"; §7.4 and §8.3: "… a visitor … <forbidden/>".
      run: ({ occupant }) => {
        const rank = ROLE_RANK[occupant?.role ?? 'none'];
        if (rank <= ROLE_RANK.none) return { veto: NOT_AN_OCCUPANT };
        if (rank <= ROLE_RANK.visitor) {
          return {
            veto: {
              type: 'auth',
              condition: 'forbidden',
              text: 'You do not currently have permission to speak in this chat',
            },
          };
        }
        return undefined;
      },
    },
  },
};

/**
 * Prosody's handle_groupchat_to_room: the checks run on the message (and may change it: the
 * occupant-id, delays that claim to come from the room removed), then everyone gets it from the
 * sender's occupant JID, the sender included.
 */
export function handleGroupchat(room: Room, stanza: Element): void {
  const occupant = room.occupantBySession(stanza.attrs.from);
  const reflection = clone(stanza);
  // muc#stable_id: "the service SHOULD reflect the message with the same id"; Prosody adds one if missing.
  reflection.attrs.id ??= room.services.env.nextId();
  reflection.children = reflection.children.filter(
    (child) => typeof child === 'string' || !claimsToBeFromRoom(room, child),
  );
  const decision = room.bus.fire('muc-occupant-groupchat', { room, stanza: reflection, occupant });
  if (decision) {
    if (decision.outcome !== 'handled')
      room.sendError(reflection, decision.outcome.veto, decision.feature);
    return;
  }
  reflection.attrs.from = occupant?.occupantJid ?? room.jid;
  delete reflection.attrs.to;
  broadcastMessage(room, reflection, occupant, BY);
}
