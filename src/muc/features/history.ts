// Discussion history sent to joiners, with <delay/> and the maxchars/maxstanzas/seconds/since limits — XEP-0045 §7.2.13–14
import { clone, type Element } from 'ltx';
import { NS } from '../../xmpp/namespaces.js';
import { numberField } from '../config-fields.js';
import { isoStamp } from '../environment.js';
import type { Feature } from '../hooks.js';
import type { HistoryEntry } from '../model/room-state.js';
import type { Room } from '../room.js';
import { isSubjectChange } from './subject.js';

const BY = 'history';

interface HistoryRequest {
  maxchars: number | undefined;
  maxstanzas: number;
  since: number | undefined;
}

function readRequest(room: Room, mucX: Element | undefined): HistoryRequest {
  const history = mucX?.getChild('history');
  const number = (name: string) => {
    const value = history?.attrs[name];
    const parsed = value === undefined ? Number.NaN : Math.floor(Number(value));
    return Number.isFinite(parsed) && parsed >= 0 ? parsed : undefined;
  };
  const seconds = number('seconds');
  const sinceStamp = history?.attrs.since ? Date.parse(history.attrs.since) : Number.NaN;
  const sinces = [
    seconds === undefined ? undefined : room.now() - seconds * 1000,
    Number.isNaN(sinceStamp) ? undefined : sinceStamp,
  ].filter((value): value is number => value !== undefined);
  return {
    maxchars: number('maxchars'),
    maxstanzas: Math.min(
      number('maxstanzas') ?? room.config.defaultHistoryMessages,
      room.config.historyLength,
    ),
    since: sinces.length > 0 ? Math.max(...sinces) : undefined,
  };
}

/**
 * §7.2.14: "the room MUST send the smallest amount of traffic that meets any combination of
 * the criteria", whole stanzas only. Counted newest first, as Prosody does.
 */
export function selectHistory(
  history: readonly HistoryEntry[],
  request: HistoryRequest,
  to: string,
): HistoryEntry[] {
  let count = 0;
  let chars = 0;
  for (let index = history.length - 1; index >= 0; index -= 1) {
    const entry = history[index]!;
    if (request.maxchars !== undefined) {
      chars += entry.chars + to.length;
      if (chars > request.maxchars) break;
    }
    if (request.since !== undefined && entry.stamp < request.since) break;
    if (count + 1 > request.maxstanzas) break;
    count += 1;
  }
  return history.slice(history.length - count);
}

function isHistoric(message: Element): boolean {
  if (message.attrs.type !== 'groupchat' || isSubjectChange(message)) return false;
  if (message.getChild('no-store', NS.hints)) return false;
  return (
    message.getChild('body') !== undefined || message.getChild('store', NS.hints) !== undefined
  );
}

export const history: Feature = {
  name: BY,
  section: '§7.2.13',
  config: [
    numberField(
      'muc#roomconfig_historylength',
      'Maximum number of history messages',
      'historyLength',
    ),
    numberField(
      'muc#roomconfig_defaulthistorymessages',
      'Default number of history messages',
      'defaultHistoryMessages',
    ),
  ],
  hooks: {
    'muc-broadcast-message': {
      priority: -10,
      run: ({ room, message }) => {
        if (!isHistoric(message) || room.config.historyLength === 0) return;
        const stamp = room.now();
        const stored = clone(message);
        // "… each history message MUST include a delayed-delivery notice … from the room".
        stored.c('delay', { xmlns: NS.delay, from: room.jid, stamp: isoStamp(stamp) });
        const chars = stored.toString().length;
        room.state.history.push({ stanza: stored, stamp, chars });
        const excess = room.state.history.length - room.config.historyLength;
        if (excess > 0) room.state.history.splice(0, excess);
      },
    },
    'muc-occupant-session-new': {
      priority: 0,
      run: ({ room, realJid, mucX }) => {
        for (const entry of selectHistory(room.state.history, readRequest(room, mucX), realJid)) {
          const message = clone(entry.stanza);
          message.attrs.to = realJid;
          room.send(message, BY);
        }
      },
    },
    'muc-config-submitted': {
      priority: 0,
      run: ({ room }) => {
        const excess = room.state.history.length - room.config.historyLength;
        if (excess > 0) room.state.history.splice(0, excess);
      },
    },
  },
};
