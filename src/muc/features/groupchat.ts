// Messages to all occupants: checks and reflection with a stable id — XEP-0045 §7.4
import { clone, type Element } from 'ltx';
import type { Feature } from '../hooks.js';
import { broadcastMessage } from '../presence.js';
import { NOT_AN_OCCUPANT } from '../refusals.js';
import type { Room } from '../room.js';

const BY = 'groupchat';

export const groupchat: Feature = {
  name: BY,
  section: '§7.4',
  hooks: {
    'muc-occupant-groupchat': {
      priority: 30,
      // "If the sender is not an occupant of the room, the service SHOULD return a <not-acceptable/> error".
      run: ({ occupant }) => (occupant ? undefined : { veto: NOT_AN_OCCUPANT }),
    },
  },
};

/** Prosody's handle_groupchat_to_room: run the checks, then reflect to everyone, sender included. */
export function handleGroupchat(room: Room, stanza: Element): void {
  const occupant = room.occupantBySession(stanza.attrs.from);
  const decision = room.bus.fire('muc-occupant-groupchat', { room, stanza, occupant });
  if (decision) {
    if (decision.outcome !== 'handled')
      room.sendError(stanza, decision.outcome.veto, decision.feature);
    return;
  }
  const reflection = clone(stanza);
  reflection.attrs.from = occupant!.occupantJid;
  delete reflection.attrs.to;
  // muc#stable_id: "the service SHOULD reflect the message with the same id"; Prosody adds one if missing.
  reflection.attrs.id ??= room.services.env.nextId();
  broadcastMessage(room, reflection, occupant, BY);
}
