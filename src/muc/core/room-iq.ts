// An iq to the room's bare JID: a plugin's handler for its namespace, else the core's (disco, the owner's form), and its answer sent — XEP-0045 §6.4, §9, §10 (as xmpp.js's callee: handlers return their reply)
import { Element } from 'ltx';
import type { StanzaErrorSpec } from '../../xmpp/stanza-error.js';
import type { Effects } from '../effects.js';
import type { IqAnswer } from '../hooks.js';
import type { Room } from '../room.js';
import { applyChanges } from './apply-changes.js';
import { CORE_IQ } from './index.js';

/** What Prosody answers for a stanza nothing handles: service-unavailable, from the room, no `by`. */
export const UNHANDLED: StanzaErrorSpec = { type: 'cancel', condition: 'service-unavailable' };

/** Sends a handler's reply, then makes its changes, all in the name of `by`. */
function send(room: Room, out: Effects, stanza: Element, by: string, answer: IqAnswer | undefined) {
  if (!answer) return;
  if (answer.reply instanceof Element) out.send(answer.reply, by);
  else if (answer.reply) out.sendError(stanza, answer.reply, by, room.jid);
  if (answer.changes) applyChanges(room, out, answer.changes, by);
}

/** A get or set to the room; a result or error to the room is nobody's business. */
export function handleRoomIq(room: Room, out: Effects, stanza: Element, by: string): void {
  const type = stanza.attrs.type;
  if (type !== 'get' && type !== 'set') return;
  const payload = stanza.getChildElements()[0];
  if (!payload) return out.sendError(stanza, UNHANDLED, by, room.jid);
  const key = `${type} ${payload.attrs.xmlns}`;
  const context = {
    room,
    out,
    stanza,
    payload,
    occupant: room.occupantBySession(stanza.attrs.from),
  };
  const plugin = room.bus.iq(key);
  if (plugin) return send(room, out, stanza, plugin.feature, plugin.handler(context));
  const core = CORE_IQ.get(key);
  if (core) return send(room, out, stanza, core.part, core.handler(context));
  out.sendError(stanza, UNHANDLED, by, room.jid);
}
