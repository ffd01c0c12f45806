// Removing an occupant whose client answered with an error: status 333 — XEP-0045 §11.1 and §18.1.2 (ghost users)
import { Element } from 'ltx';
import { readStanzaError } from '../../xmpp/stanza-error.js';
import type { Effects } from '../effects.js';
import type { Room } from '../room.js';
import { nextPrimary, occupantView } from './occupant-sessions.js';
import { publiciseOccupantStatus, statusCodes } from './publicise.js';

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

export function isKickableError(stanza: Element): boolean {
  const { condition } = readStanzaError(stanza);
  return condition === undefined || KICKABLE.has(condition);
}

/**
 * Prosody's handle_kickable, for any error presence and for messages with a kickable error:
 * "the service MAY remove the occupant … status code 333". The status text names the error;
 * Prosody adds the client's error text only where real JIDs are public (whois anyone). A session
 * of several is removed without a code, the occupant stays.
 */
export function kickForError(room: Room, out: Effects, stanza: Element): void {
  const realJid = stanza.attrs.from;
  const occupant = room.occupantBySession(realJid);
  if (!occupant) return;
  const { condition, text } = readStanzaError(stanza);
  let status = `Kicked: ${condition ? condition.replace(/-/g, ' ') : 'presence error'}`;
  if (text && room.config.whois === 'anyone') status += `: ${text}`;
  const goodbye = new Element('presence', { type: 'unavailable' });
  goodbye.c('status').t(status);
  const prevRole = occupant.role;
  const primary =
    occupant.primaryJid === realJid ? nextPrimary(occupant, realJid) : occupant.primaryJid;
  if (primary !== undefined) {
    room.removeSession(occupant, realJid);
    publiciseOccupantStatus(room, out, occupant, { prevRole }, BY);
    return;
  }
  const view = occupantView(occupant, new Map([[realJid, goodbye]]), 'none', realJid);
  room.changeRole(out, occupant, 'none', ['333'], BY);
  publiciseOccupantStatus(room, out, view, { x: statusCodes('333'), prevRole }, BY);
  room.fire('muc-occupant-left', { room, out, occupant });
}
