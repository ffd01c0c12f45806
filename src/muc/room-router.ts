// Dispatches a stanza addressed to a room or to one of its occupants — XEP-0045 §7 (occupant), §8–§10 (iq) and §17.2–17.4
import type { Element } from 'ltx';
import { resourceOf } from '../xmpp/jid.js';
import { NS } from '../xmpp/namespaces.js';
import { firstElement } from '../xmpp/xml.js';
import { handleGroupchat } from './core/groupchat.js';
import { handleDecline, handleInvite } from './core/invitation.js';
import { handleOccupantIq } from './core/iq-relay.js';
import { isKickableError, kickForError } from './core/kick-for-error.js';
import { handleOccupantPresence } from './core/occupant-presence.js';
import { handlePrivateMessage } from './core/private-message.js';
import { answerProbe } from './core/probe.js';
import { handleRoomIq, UNHANDLED } from './core/room-iq.js';
import { handleRoleRequest, isRoleRequest } from './core/voice-request.js';
import type { Effects } from './effects.js';
import { noteLuaError } from './lua-error.js';
import type { Room } from './room.js';

const BY = 'room-router';

/** Prosody's handle_presence_to_occupant: errors kick, probes are answered, odd types refused. */
function routePresence(room: Room, out: Effects, stanza: Element, nick: string): void {
  const type = stanza.attrs.type;
  if (type === 'error') return kickForError(room, out, stanza);
  if (type === 'probe') return answerProbe(room, out, stanza, nick);
  if (type === undefined || type === 'unavailable')
    return handleOccupantPresence(room, out, stanza, nick);
  // Prosody leaves XEP-0018 visible/invisible (sent by ejabberd) and a stray result alone; the
  // user's own server answers subscription requests, which never reach the room.
  if (type === 'result' || type === 'visible' || type === 'invisible') return;
  out.sendError(stanza, { type: 'modify', condition: 'bad-request', by: room.jid }, BY, room.jid);
}

/**
 * Presence to the bare room JID: Prosody treats an occupant's as presence to its own nick (for
 * clients that send it there), and leaves anyone else's unanswered.
 */
function routeRoomPresence(room: Room, out: Effects, stanza: Element): void {
  const occupant = room.occupantBySession(stanza.attrs.from);
  if (occupant) return routePresence(room, out, stanza, occupant.nick);
  const type = stanza.attrs.type;
  if (type !== 'error' && type !== 'unavailable') out.sendError(stanza, UNHANDLED, BY, room.jid);
}

/** Prosody's handle_message_to_room: groupchat, a kickable error, invitations, voice requests. */
function routeMessage(room: Room, out: Effects, stanza: Element, nick: string | undefined): void {
  const type = stanza.attrs.type;
  if (nick !== undefined) return handlePrivateMessage(room, out, stanza, nick);
  if (type === 'groupchat') return handleGroupchat(room, out, stanza);
  if (type === 'error') {
    if (isKickableError(stanza)) kickForError(room, out, stanza);
    return;
  }
  if (type === undefined || type === 'normal') {
    const x = stanza.getChild('x', NS.mucUser);
    if (x) {
      const payload = firstElement(x);
      if (payload?.name === 'invite' && payload.attrs.to !== undefined)
        return handleInvite(room, out, stanza, payload);
      if (payload?.name === 'decline' && payload.attrs.to !== undefined)
        return handleDecline(room, out, stanza, payload);
      return out.sendError(stanza, { type: 'cancel', condition: 'bad-request' }, BY, room.jid);
    }
    const form = isRoleRequest(stanza);
    if (form) return handleRoleRequest(room, out, stanza, form);
  }
  out.sendError(stanza, UNHANDLED, BY, room.jid);
}

function routeIq(room: Room, out: Effects, stanza: Element, nick: string | undefined): void {
  if (nick !== undefined) return handleOccupantIq(room, out, stanza, nick);
  handleRoomIq(room, out, stanza, BY);
}

/**
 * Handles one stanza whose `to` is the room or room/nick; what the room sends and records goes to
 * `out`. Where Prosody's handler would raise a Lua error, the handling ends there, what it did
 * stays done and the sender gets no reply (src/muc/lua-error.ts).
 */
export function handleRoomStanza(room: Room, out: Effects, stanza: Element): void {
  try {
    dispatch(room, out, stanza);
  } catch (error) {
    noteLuaError(error, room.jid, out);
  }
}

function dispatch(room: Room, out: Effects, stanza: Element): void {
  const nick = resourceOf(stanza.attrs.to);
  switch (stanza.name) {
    case 'presence':
      return nick === undefined
        ? routeRoomPresence(room, out, stanza)
        : routePresence(room, out, stanza, nick);
    case 'message':
      return routeMessage(room, out, stanza, nick);
    case 'iq':
      return routeIq(room, out, stanza, nick);
  }
}
