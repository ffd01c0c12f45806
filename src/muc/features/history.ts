// Discussion history sent to joiners, with <delay/> and the maxchars/maxstanzas/seconds/since limits — XEP-0045 §7.2.13–14, as Prosody's history.lib.lua
import { clone, type Element } from 'ltx';
import { parseDateTime } from '../../xmpp/datetime.js';
import { NS } from '../../xmpp/namespaces.js';
import { isoStamp } from '../environment.js';
import type { Feature, HistoryRequestEvent } from '../hooks.js';
import type { HistoryEntry } from '../model/room-state.js';
import type { Room } from '../room.js';

const BY = 'history';
/** Prosody's default_history_length: what both history fields default to. */
const DEFAULT_LENGTH = 20;

export interface HistoryRequest {
  maxchars: number | undefined;
  maxstanzas: number | undefined;
  /** Simulated milliseconds: messages older than this are not sent. */
  since: number | undefined;
}

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

/** Prosody keeps whole seconds (os.time): stamps and cut-offs compare at that grain. */
function wholeSeconds(milliseconds: number): number {
  return Math.floor(milliseconds / 1000) * 1000;
}

/**
 * §7.2.14: "the room MUST send the smallest amount of traffic that meets any combination of
 * the criteria", whole stanzas only. Counted newest first, as Prosody does: each stanza's
 * length plus the length of `to` against maxchars.
 */
export function selectHistory(
  history: readonly HistoryEntry[],
  request: HistoryRequest,
  to: string,
): HistoryEntry[] {
  const maxstanzas = request.maxstanzas ?? history.length;
  let count = 0;
  let chars = 0;
  for (let index = history.length - 1; index >= 0; index -= 1) {
    const entry = history[index]!;
    if (request.maxchars !== undefined) {
      chars += entry.chars + to.length;
      if (chars > request.maxchars) break;
    }
    if (request.since !== undefined && request.since > entry.stamp) break;
    if (count + 1 > maxstanzas) break;
    count += 1;
  }
  return history.slice(history.length - count);
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

/** The number of messages a room keeps (Prosody's get_historylength). */
export function historyLength(room: Room): number {
  return room.config.historyLength;
}

function storeInHistory(room: Room, message: Element): void {
  const length = historyLength(room);
  if (length === 0) {
    room.state.history = [];
    return;
  }
  const stamp = wholeSeconds(room.now());
  const stored = clone(message);
  delete stored.attrs.to;
  // "… each history message MUST include a delayed-delivery notice … from the room".
  stored.c('delay', { xmlns: NS.delay, from: room.jid, stamp: isoStamp(stamp) });
  room.state.history.push({ stanza: stored, stamp, chars: measured(stored) });
  while (room.state.history.length > Math.max(length, 0)) room.state.history.shift();
}

/** Prosody measures a stored stanza as `#tostring(stanza)` with `to=""`. */
function measured(stanza: Element): number {
  const copy = clone(stanza);
  copy.attrs = { ...copy.attrs, to: '' };
  return copy.toString().length;
}

export const history: Feature = {
  name: BY,
  section: '§7.2.13',
  config: [
    {
      priority: 65,
      field: {
        var: 'muc#roomconfig_historylength',
        type: 'text-single',
        datatype: 'xs:integer',
        label: 'Maximum number of history messages returned by room',
        desc: 'Specify the maximum number of previous messages that should be sent to users when they join the room',
      },
      read: (config) => config.historyLength,
      // Prosody's set_historylength reports a change every time: each submission brings a 104.
      write: (config, value) => {
        config.historyLength = typeof value === 'number' ? value : DEFAULT_LENGTH;
        return true;
      },
    },
    {
      priority: 65,
      field: {
        var: 'muc#roomconfig_defaulthistorymessages',
        type: 'text-single',
        datatype: 'xs:integer',
        label: 'Default number of history messages returned by room',
        desc: 'Specify the number of previous messages sent to new users when they join the room',
      },
      read: (config) => config.defaultHistoryMessages,
      // Prosody caps it at the room's history length and never reports the change (no 104).
      write: (config, value) => {
        const wanted = typeof value === 'number' ? value : DEFAULT_LENGTH;
        config.defaultHistoryMessages = Math.min(wanted, config.historyLength);
        return false;
      },
    },
  ],
  hooks: {
    'muc-broadcast-message': {
      priority: 0,
      // One muc-add-history event per historic message, so that the archive and the room both keep it.
      run: ({ room, occupant, message }) => {
        if (isHistoric(message)) room.bus.fire('muc-add-history', { room, occupant, message });
      },
    },
    'muc-add-history': {
      priority: -1,
      run: ({ room, message }) => storeInHistory(room, message),
    },
    'muc-get-history': {
      priority: -1,
      run: (event) => {
        const entries = selectHistory(event.room.state.history, event, event.to);
        event.stanzas = entries.map((entry) => clone(entry.stanza));
        return 'handled';
      },
    },
    'muc-occupant-session-new': {
      priority: 50,
      // §7.1: history comes after the presences, before the subject.
      run: ({ room, realJid, stanza }) => {
        const limits = readHistoryRequest(room, stanza);
        const unlimited = Object.values(limits).every((limit) => limit === undefined);
        if (unlimited) limits.maxstanzas = room.config.defaultHistoryMessages;
        const event: HistoryRequestEvent = { room, to: realJid, ...limits, stanzas: undefined };
        room.bus.fire('muc-get-history', event);
        for (const message of event.stanzas ?? []) {
          message.attrs.to = realJid;
          room.send(message, BY);
        }
      },
    },
  },
};
