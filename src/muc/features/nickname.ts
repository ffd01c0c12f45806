// Nicknames Prosody refuses: strict validation and invisible nicks, on entering and on changing nick — XEP-0045 §7.6 and §17.1
import { resourceprep } from '../../xmpp/stringprep.js';
import type { Feature, HookOutcome } from '../hooks.js';
import type { RoomView } from '../room-view.js';

const BY = 'nickname';

/** Prosody refuses a nick that changes under strict resourceprep (unassigned code points, U+FE0F…). */
function checkStrict(room: RoomView, nick: string): HookOutcome {
  if (resourceprep(nick, { strict: true }) === nick) return undefined;
  return {
    veto: {
      type: 'modify',
      condition: 'jid-malformed',
      text: 'Nickname must pass strict validation',
      by: room.jid,
    },
  };
}

/** §17.1: a nick "MUST NOT consist only of … whitespace"; Prosody refuses one with no non-space character. */
function checkVisible(room: RoomView, nick: string): HookOutcome {
  if (/[^\t\n\v\f\r ]/u.test(nick)) return undefined;
  return {
    veto: {
      type: 'modify',
      condition: 'not-allowed',
      text: 'Invisible Nicknames are forbidden',
      by: room.jid,
    },
  };
}

/** Prosody runs strict validation at priority 2 and the invisible-nick check at 1: nothing runs between. */
const checkNick = (room: RoomView, nick: string): HookOutcome =>
  checkStrict(room, nick) ?? checkVisible(room, nick);

export const nickname: Feature = {
  name: BY,
  section: '§7.6',
  hooks: {
    'muc-occupant-pre-join': { priority: 2, run: ({ room, nick }) => checkNick(room, nick) },
    'muc-occupant-pre-change': {
      priority: 2,
      run: ({ room, newNick }) => checkNick(room, newNick),
    },
  },
};
