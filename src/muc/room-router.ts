// Dispatches a stanza addressed to a room or to one of its occupants — XEP-0045 §7 (occupant), §8–§10 (iq) and §17.2–17.4
import type { Element } from 'ltx';
import { resourceOf } from '../xmpp/jid.js';
import { NS } from '../xmpp/namespaces.js';
import { handleOccupantPresence } from './features/enter.js';
import { handleGroupchat } from './features/groupchat.js';
import { handleDecline, handleInvite } from './features/invite.js';
import { isKickableError, kickForError } from './features/kickable.js';
import { handleOccupantIq } from './features/occupant-iq.js';
import { answerProbe } from './features/presence-probe.js';
import { handlePrivateMessage } from './features/private-messages.js';
import { handleRoleRequest, isRoleRequest } from './features/request.js';
import type { Room } from './room.js';

const BY = 'room-router';

/** Prosody's handle_presence_to_occupant: errors kick, probes are answered, odd types refused. */
function routePresence(room: Room, stanza: Element, nick: string): void {
  const type = stanza.attrs.type;
  if (type === 'error') return kickForError(room, stanza);
  if (type === 'probe') return answerProbe(room, stanza, nick);
  if (type === undefined || type === 'unavailable')
    return handleOccupantPresence(room, stanza, nick);
  // Prosody leaves XEP-0018 visible/invisible (sent by ejabberd) and a stray result alone; the
  // user's own server answers subscription requests, which never reach the room.
  if (type === 'result' || type === 'visible' || type === 'invisible') return;
  room.sendError(stanza, { type: 'modify', condition: 'bad-request', by: room.jid }, BY);
}

/**
 * Presence to the bare room JID: Prosody treats an occupant's as presence to its own nick (for
 * clients that send it there), and leaves anyone else's unanswered.
 */
function routeRoomPresence(room: Room, stanza: Element): void {
  const occupant = room.occupantBySession(stanza.attrs.from);
  if (occupant) return routePresence(room, stanza, occupant.nick);
  const type = stanza.attrs.type;
  if (type !== 'error' && type !== 'unavailable') room.sendError(stanza, UNHANDLED, BY);
}

/** What Prosody answers for a stanza nothing handles: service-unavailable, from the room, no `by`. */
const UNHANDLED = { type: 'cancel', condition: 'service-unavailable' } as const;

/** Prosody's handle_message_to_room: groupchat, a kickable error, invitations, voice requests. */
function routeMessage(room: Room, stanza: Element, nick: string | undefined): void {
  const type = stanza.attrs.type;
  if (nick !== undefined) return handlePrivateMessage(room, stanza, nick);
  if (type === 'groupchat') return handleGroupchat(room, stanza);
  if (type === 'error') {
    if (isKickableError(stanza)) kickForError(room, stanza);
    return;
  }
  if (type === undefined || type === 'normal') {
    const x = stanza.getChild('x', NS.mucUser);
    if (x) {
      const payload = x.getChildElements()[0];
      if (payload?.name === 'invite' && payload.attrs.to !== undefined)
        return handleInvite(room, stanza, payload);
      if (payload?.name === 'decline' && payload.attrs.to !== undefined)
        return handleDecline(room, stanza, payload);
      return room.sendError(stanza, { type: 'cancel', condition: 'bad-request' }, BY);
    }
    const form = isRoleRequest(stanza);
    if (form) return handleRoleRequest(room, stanza, form);
  }
  room.sendError(stanza, UNHANDLED, BY);
}

function routeIq(room: Room, stanza: Element, nick: string | undefined): void {
  if (nick !== undefined) return handleOccupantIq(room, stanza, nick);
  const type = stanza.attrs.type;
  if (type !== 'get' && type !== 'set') return;
  const payload = stanza.getChildElements()[0];
  const route = payload && room.bus.iq(`${type} ${payload.attrs.xmlns}`);
  if (!payload || !route) return room.sendError(stanza, UNHANDLED, BY);
  route.handler({ room, stanza, payload, occupant: room.occupantBySession(stanza.attrs.from) });
}

/** Handles one stanza whose `to` is the room or room/nick; output goes to the room's effects. */
export function handleRoomStanza(room: Room, stanza: Element): void {
  const nick = resourceOf(stanza.attrs.to);
  switch (stanza.name) {
    case 'presence':
      return nick === undefined
        ? routeRoomPresence(room, stanza)
        : routePresence(room, stanza, nick);
    case 'message':
      return routeMessage(room, stanza, nick);
    case 'iq':
      return routeIq(room, stanza, nick);
  }
}
