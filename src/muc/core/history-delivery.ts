// The history a joiner gets and the messages a room keeps: the core asks the features (muc-get-history, muc-add-history) — XEP-0045 §7.2.13–14, as Prosody's history.lib.lua sends it
import type { Element } from 'ltx';
import { parseDateTime } from '../../xmpp/datetime.js';
import { NS } from '../../xmpp/namespaces.js';
import type { Effects } from '../effects.js';
import { wholeSeconds } from '../environment.js';
import type { HistoryRequest, HistoryRequestEvent } from '../hooks.js';
import type { Room } from '../room.js';
import type { OccupantView } from '../room-view.js';

const BY = 'history';

/** Lua's tonumber on an attribute: a number, or nothing. */
function luaNumber(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const number = Number(value.trim());
  return Number.isFinite(number) ? number : undefined;
}

/** Prosody's parse_history: the `<history>` limits of the join presence; `seconds` and `since` combine. */
export function readHistoryRequest(room: Room, stanza: Element): HistoryRequest {
  const history = stanza.getChild('x', NS.muc)?.getChild('history');
  if (!history) return { maxchars: undefined, maxstanzas: undefined, since: undefined };
  let since = history.attrs.since === undefined ? undefined : parseDateTime(history.attrs.since);
  const seconds = luaNumber(history.attrs.seconds);
  if (seconds !== undefined) {
    const cutoff = wholeSeconds(room.now()) - seconds * 1000;
    since = since === undefined ? cutoff : Math.max(since, cutoff);
  }
  return {
    maxchars: luaNumber(history.attrs.maxchars),
    maxstanzas: luaNumber(history.attrs.maxstanzas),
    since,
  };
}

/** Prosody's muc-message-is-historic: no-store hints say no, a store hint or a body yes. */
function isHistoric(message: Element): boolean {
  if (message.getChild('no-store', NS.hints) || message.getChild('no-permanent-store', NS.hints)) {
    return false;
  }
  return (
    message.getChild('store', NS.hints) !== undefined ||
    message.getChild('body') !== undefined ||
    message.getChild('encryption', 'urn:xmpp:eme:0') !== undefined ||
    message.getChildElements().some((child) => child.attrs.xmlns === 'urn:xmpp:chat-markers:0')
  );
}

/** One muc-add-history event per historic message, so that the archive and the room both keep it. */
export function addHistoric(
  room: Room,
  out: Effects,
  occupant: OccupantView | undefined,
  message: Element,
): void {
  if (isHistoric(message)) room.fire('muc-add-history', { room, out, occupant, message });
}

/**
 * §7.1: history comes after the presences, before the subject, as the features that keep it
 * answer (Prosody's send_history, on muc-occupant-session-new at priority 50, before any plugin).
 */
export function sendHistory(room: Room, out: Effects, realJid: string, stanza: Element): void {
  const limits = readHistoryRequest(room, stanza);
  const unlimited = Object.values(limits).every((limit) => limit === undefined);
  if (unlimited) limits.maxstanzas = room.config.defaultHistoryMessages;
  const event: HistoryRequestEvent = { room, out, to: realJid, ...limits, stanzas: undefined };
  room.fire('muc-get-history', event);
  for (const message of event.stanzas ?? []) {
    message.attrs.to = realJid;
    out.send(message, BY);
  }
}

/**
 * muc-occupant-session-new: a session is in (a join, a resync, a move): its history first, as
 * Prosody's own handler at priority 50 sends it, then the features' hooks (the subject).
 */
export function sessionNew(
  room: Room,
  out: Effects,
  occupant: OccupantView,
  realJid: string,
  stanza: Element,
): void {
  sendHistory(room, out, realJid, stanza);
  room.fire('muc-occupant-session-new', { room, out, occupant, realJid, stanza });
}
