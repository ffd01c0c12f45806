// Nicknames: Prosody's strict validation, invisible nicks, and changing nick (303) — XEP-0045 §7.6 and §17.1
import { Element } from 'ltx';
import { bareJid } from '../../xmpp/jid.js';
import { NS } from '../../xmpp/namespaces.js';
import type { StanzaErrorSpec } from '../../xmpp/stanza-error.js';
import { resourceprep } from '../../xmpp/stringprep.js';
import type { Feature, HookOutcome } from '../hooks.js';
import type { Occupant } from '../model/occupant.js';
import { publiciseOccupantStatus } from '../presence.js';
import type { Room } from '../room.js';
import { addSessionTo, leave, storedPresence } from './enter.js';

const BY = 'nickname';

/** Prosody refuses a nick that changes under strict resourceprep (unassigned code points, U+FE0F…). */
function checkStrict(nick: string): HookOutcome {
  if (resourceprep(nick, { strict: true }) === nick) return undefined;
  return {
    veto: {
      type: 'modify',
      condition: 'jid-malformed',
      text: 'Nickname must pass strict validation',
    },
  };
}

/** §17.1: a nick "MUST NOT consist only of … whitespace" (Prosody: any nick with no visible character). */
function checkVisible(nick: string): HookOutcome {
  if (/\S/u.test(nick.replace(/[\p{Cf}\p{Zs}]/gu, ''))) return undefined;
  return {
    veto: {
      type: 'modify',
      condition: 'not-acceptable',
      text: 'Invisible Nicknames are forbidden',
    },
  };
}

export const nickname: Feature = {
  name: BY,
  section: '§7.6',
  hooks: {
    'muc-occupant-pre-join': {
      priority: 2,
      run: ({ nick }) => checkStrict(nick) ?? checkVisible(nick),
    },
    'muc-occupant-pre-change': {
      priority: 2,
      run: ({ newNick }) => checkStrict(newNick) ?? checkVisible(newNick),
    },
  },
};

/**
 * §7.6: "the service MUST send an unavailable presence from the old nick with 303 and the new
 * nick, then an available presence from the new nick", to every occupant. All of the
 * occupant's sessions move together.
 */
export function changeNick(
  room: Room,
  occupant: Occupant,
  realJid: string,
  stanza: Element,
  newNick: string,
): void {
  const holder = room.occupantByNick(newNick);
  if (holder && holder.bareJid !== bareJid(realJid)) {
    room.sendError(stanza, { type: 'cancel', condition: 'conflict' }, BY);
    return;
  }
  const refusal = refuseChange(room, stanza, occupant, realJid, newNick);
  if (refusal) {
    room.sendError(stanza, refusal.spec, refusal.feature);
    return;
  }
  if (holder && holder !== occupant) {
    // The nick is held by another occupant of the same user (another session joined under
    // it). Prosody moves this session over ("swapping into a pre-existing session"): it leaves
    // its occupant and joins that one. Renaming would put two occupants under one nick.
    leave(room, occupant, realJid, new Element('presence', { type: 'unavailable' }));
    addSessionTo(room, holder, realJid, stanza, stanza.getChild('x', NS.muc));
    return;
  }
  publiciseOccupantStatus(
    room,
    occupant,
    { codes: ['303'], newNick, unavailable: true, prevRole: occupant.role },
    BY,
  );
  if (room.occupantCount() === 1 && occupant.sessions.size === 1) {
    // Prosody takes the old occupant out before it tells anyone, so a room left with nobody in
    // it is empty for a moment: a temporary room is then destroyed, and the new nick's presence
    // comes from a room that no longer exists.
    room.detachOccupant(occupant);
    room.bus.fire('muc-occupant-left', { room, occupant });
  }
  room.renameOccupant(occupant, newNick, BY);
  occupant.sessions.set(realJid, storedPresence(stanza));
  publiciseOccupantStatus(room, occupant, { prevRole: occupant.role }, BY);
}

function refuseChange(
  room: Room,
  stanza: Element,
  occupant: Occupant,
  realJid: string,
  newNick: string,
): { spec: StanzaErrorSpec; feature: string } | undefined {
  const decision = room.bus.fire('muc-occupant-pre-change', {
    room,
    stanza,
    occupant,
    realJid,
    newNick,
  });
  if (!decision || decision.outcome === 'handled') return undefined;
  return { spec: decision.outcome.veto, feature: decision.feature };
}
