// Removing an occupant whose client answered with an error: status 333 — XEP-0045 §11.1 and §18.1.2 (ghost users)
import { Element } from 'ltx';
import { readStanzaError } from '../../xmpp/stanza-error.js';
import type { Feature } from '../hooks.js';
import { publiciseOccupantStatus } from '../presence.js';
import type { Room } from '../room.js';

const BY = 'kickable';

/** Prosody's is_kickable_error: conditions that mean the occupant's client is gone. */
const KICKABLE = new Set([
  'gone',
  'internal-server-error',
  'item-not-found',
  'jid-malformed',
  'recipient-unavailable',
  'redirect',
  'remote-server-not-found',
  'remote-server-timeout',
  'service-unavailable',
]);

export const kickable: Feature = { name: BY, section: '§11.1' };

export function isKickableError(stanza: Element): boolean {
  const { condition } = readStanzaError(stanza);
  return condition === undefined || KICKABLE.has(condition);
}

/**
 * "the service MAY remove the occupant … status code 333". Prosody's handle_kickable removes the
 * sender of any error presence, and of an error message whose condition `isKickableError` names.
 * The status text names the error; Prosody includes the client's error text only where real
 * JIDs are public (whois anyone).
 */
export function kickForError(room: Room, stanza: Element): void {
  const realJid = stanza.attrs.from;
  const occupant = room.occupantBySession(realJid);
  if (!occupant || (stanza.name === 'message' && !isKickableError(stanza))) return;
  const { condition, text } = readStanzaError(stanza);
  let status = `Kicked: ${condition ? condition.replace(/-/g, ' ') : 'presence error'}`;
  if (text && room.config.whois === 'anyone') status += `: ${text}`;
  const goodbye = new Element('presence', { type: 'unavailable' });
  goodbye.c('status').t(status);
  const prevRole = occupant.role;
  if (occupant.sessions.size > 1) {
    room.removeSession(occupant, realJid);
    publiciseOccupantStatus(room, occupant, { prevRole }, BY);
    return;
  }
  occupant.leavePresence = goodbye;
  room.changeRole(occupant, 'none', ['333'], BY);
  publiciseOccupantStatus(room, occupant, { codes: ['333'], prevRole }, BY);
  room.bus.fire('muc-occupant-left', { room, occupant });
}
