// Dispatches a stanza addressed to a room or to one of its occupants — XEP-0045 §7 (occupant), §8–§10 (iq) and §17.2–17.4
import type { Element } from 'ltx';
import { resourceOf } from '../xmpp/jid.js';
import { handleOccupantPresence } from './features/enter.js';
import { handleGroupchat } from './features/groupchat.js';
import { kickForError } from './features/kickable.js';
import { handleOccupantIq } from './features/occupant-iq.js';
import { answerProbe } from './features/presence-probe.js';
import { handlePrivateMessage } from './features/private-messages.js';
import type { Room } from './room.js';

const BY = 'room-router';

function routePresence(
  room: Room,
  stanza: Element,
  nick: string | undefined,
  isCreation: boolean,
): void {
  const type = stanza.attrs.type;
  if (type === 'error') return kickForError(room, stanza);
  if (type === 'probe') {
    if (nick !== undefined) answerProbe(room, stanza, nick);
    return;
  }
  if (type !== undefined && type !== 'unavailable') return;
  if (nick !== undefined) return handleOccupantPresence(room, stanza, nick, isCreation);
  // Presence to the bare room JID: Prosody treats an occupant's as presence to its own nick.
  const occupant = room.occupantBySession(stanza.attrs.from);
  if (occupant) return handleOccupantPresence(room, stanza, occupant.nick, false);
  if (type === undefined) {
    // §7.2.1: "If the user does not specify a room nickname … <jid-malformed/>".
    room.sendError(
      stanza,
      { type: 'modify', condition: 'jid-malformed', text: 'A nickname is required to enter' },
      BY,
    );
  }
}

function routeMessage(room: Room, stanza: Element, nick: string | undefined): void {
  const type = stanza.attrs.type;
  if (type === 'error') return kickForError(room, stanza);
  if (nick !== undefined) return handlePrivateMessage(room, stanza, nick);
  if (type === 'groupchat') return handleGroupchat(room, stanza);
  if (type === 'chat' || type === 'headline') {
    room.sendError(stanza, { type: 'cancel', condition: 'service-unavailable' }, BY);
    return;
  }
  const occupant = room.occupantBySession(stanza.attrs.from);
  const decision = room.bus.fire('muc-message-to-room', { room, stanza, occupant });
  if (!decision) {
    room.sendError(stanza, { type: 'cancel', condition: 'service-unavailable' }, BY);
  } else if (decision.outcome !== 'handled') {
    room.sendError(stanza, decision.outcome.veto, decision.feature);
  }
}

function routeIq(room: Room, stanza: Element, nick: string | undefined): void {
  if (nick !== undefined) return handleOccupantIq(room, stanza, nick);
  const type = stanza.attrs.type;
  if (type !== 'get' && type !== 'set') return;
  const payload = stanza.getChildElements()[0];
  const route = payload && room.bus.iq(`${type} ${payload.attrs.xmlns}`);
  if (!payload || !route) {
    room.sendError(stanza, { type: 'cancel', condition: 'service-unavailable' }, BY);
    return;
  }
  route.handler({ room, stanza, payload, occupant: room.occupantBySession(stanza.attrs.from) });
}

/** Handles one stanza whose `to` is the room or room/nick; output goes to the room's effects. */
export function handleRoomStanza(room: Room, stanza: Element, isCreation = false): void {
  const nick = resourceOf(stanza.attrs.to);
  switch (stanza.name) {
    case 'presence':
      return routePresence(room, stanza, nick, isCreation);
    case 'message':
      return routeMessage(room, stanza, nick);
    case 'iq':
      return routeIq(room, stanza, nick);
  }
}
