// Discussion history sent to joiners, with <delay/> and the maxchars/maxstanzas/seconds/since limits — XEP-0045 §7.2.13–14, as Prosody's history.lib.lua
import { clone, type Element } from 'ltx';
import { addressedCopies } from '../../xmpp/addressed-copy.js';
import { NS } from '../../xmpp/namespaces.js';
import { isoStamp, wholeSeconds } from '../environment.js';
import type { Feature, HistoryRequest, HookOutcome } from '../hooks.js';
import type { HistoryEntry } from '../model/room-state.js';
import type { RoomView } from '../room-view.js';

/** Prosody's default_history_length: what both history fields default to. */
const DEFAULT_LENGTH = 20;

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

/** The number of messages a room keeps (Prosody's get_historylength). */
export function historyLength(room: RoomView): number {
  return room.config.historyLength;
}

/** The message as the room keeps it, and how many the room keeps (none: the history empties). */
function storeInHistory(room: RoomView, message: Element): HookOutcome {
  const stamp = wholeSeconds(room.now());
  const stored = clone(message);
  delete stored.attrs.to;
  // "… each history message MUST include a delayed-delivery notice … from the room".
  stored.c('delay', { xmlns: NS.delay, from: room.jid, stamp: isoStamp(stamp) });
  const entry = { stanza: stored, stamp, chars: measured(stored) };
  return { changes: [{ kind: 'history', entry, keep: historyLength(room) }] };
}

/** Prosody measures a stored stanza as `#tostring(stanza)` with `to=""`. */
function measured(stanza: Element): number {
  const { attrs } = stanza;
  stanza.attrs = { ...attrs, to: '' };
  const length = stanza.toString().length;
  stanza.attrs = attrs;
  return length;
}

export const history: Feature = {
  name: 'history',
  section: '§7.2.13',
  config: [
    {
      priority: 65,
      word: 'historylength',
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
      word: 'defaulthistorymessages',
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
    'muc-add-history': {
      priority: -1,
      run: ({ room, message }) => storeInHistory(room, message),
    },
    'muc-get-history': {
      priority: -1,
      run: (event) => {
        const entries = selectHistory(event.room.state.history, event, event.to);
        // Each joiner's copy shares the kept message's payload (frozen): only its `to` is its own.
        event.stanzas = entries.map((entry) => addressedCopies(entry.stanza)(event.to));
        return { handled: true };
      },
    },
  },
};
