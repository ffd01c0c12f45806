// Table 4 of XEP-0045 §5.1.2 ("Initial Role Based on Affiliation") as data, with the outcast column of §7.2.7
import type { Affiliation } from '../../src/muc/model/affiliation.js';
import type { Role } from '../../src/muc/model/role.js';
import type { Note } from './cases.js';
import { FORBIDDEN, REGISTRATION_REQUIRED, type StanzaErrorShape } from './stage.js';

export type RoomType = 'moderated' | 'unmoderated' | 'members-only' | 'open';

/** The one configuration field each row of Table 4 sets; everything else keeps Prosody's defaults. */
export const ROOM_TYPES: Record<RoomType, Record<string, string>> = {
  moderated: { 'muc#roomconfig_moderatedroom': '1' },
  unmoderated: { 'muc#roomconfig_moderatedroom': '0' },
  'members-only': { 'muc#roomconfig_membersonly': '1' },
  open: { 'muc#roomconfig_membersonly': '0' },
};

export interface DefaultRoleRow extends Note {
  room: RoomType;
  affiliation: Affiliation;
  /** The role in the joiner's self-presence, or the presence error it gets instead. */
  expect: Role | StanzaErrorShape;
}

/**
 * "Moderated: Visitor Participant Moderator Moderator / Unmoderated: Participant … / Members-Only:
 * N/A* … (* Entry is not permitted) / Open: Participant …", and "there is no role associated
 * with the outcast affiliation, since such users are not allowed to enter the room" (§7.2.7:
 * `forbidden`; §7.2.6: `registration-required` for non-members of a members-only room).
 */
export const TABLE4: DefaultRoleRow[] = [
  { room: 'moderated', affiliation: 'none', expect: 'visitor' },
  { room: 'moderated', affiliation: 'member', expect: 'participant' },
  { room: 'moderated', affiliation: 'admin', expect: 'moderator' },
  { room: 'moderated', affiliation: 'owner', expect: 'moderator' },
  { room: 'moderated', affiliation: 'outcast', expect: FORBIDDEN },

  { room: 'unmoderated', affiliation: 'none', expect: 'participant' },
  { room: 'unmoderated', affiliation: 'member', expect: 'participant' },
  { room: 'unmoderated', affiliation: 'admin', expect: 'moderator' },
  { room: 'unmoderated', affiliation: 'owner', expect: 'moderator' },
  { room: 'unmoderated', affiliation: 'outcast', expect: FORBIDDEN },

  { room: 'members-only', affiliation: 'none', expect: REGISTRATION_REQUIRED },
  { room: 'members-only', affiliation: 'member', expect: 'participant' },
  { room: 'members-only', affiliation: 'admin', expect: 'moderator' },
  { room: 'members-only', affiliation: 'owner', expect: 'moderator' },
  {
    room: 'members-only',
    affiliation: 'outcast',
    expect: REGISTRATION_REQUIRED,
    xep: 'forbidden (§7.2.7, banned users)',
    prosody:
      'the members-only check (muc-occupant-pre-join priority -5) runs before the ban check (-10), so an outcast is first a non-member (reference §12 D9)',
  },

  { room: 'open', affiliation: 'none', expect: 'participant' },
  { room: 'open', affiliation: 'member', expect: 'participant' },
  { room: 'open', affiliation: 'admin', expect: 'moderator' },
  { room: 'open', affiliation: 'owner', expect: 'moderator' },
  { room: 'open', affiliation: 'outcast', expect: FORBIDDEN },
];
