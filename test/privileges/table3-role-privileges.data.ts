// Table 3 of XEP-0045 §5.1.1 ("Privileges Associated With Roles") as data: each privilege tried by each role
import type { Role } from '../../src/muc/model/role.js';
import type { KnownFailure, Note } from './cases.js';
import {
  FORBIDDEN,
  ITEM_NOT_FOUND,
  NOT_ACCEPTABLE,
  NOT_ALLOWED,
  type StanzaErrorShape,
} from './stage.js';

/** The table's columns, in the XEP's order. */
export const COLUMNS = ['none', 'visitor', 'participant', 'moderator'] as const satisfies Role[];

export type Action =
  | 'present'
  | 'receive-messages'
  | 'receive-presence'
  | 'broadcast-presence'
  | 'change-availability'
  | 'change-nickname'
  | 'private-message'
  | 'invite'
  | 'message-all'
  | 'modify-subject'
  | 'kick'
  | 'grant-voice'
  | 'revoke-voice';

/**
 * `yes`: the action's success stanzas; `no`: nothing reaches anyone (a passive privilege the
 * role lacks); or the error the actor gets back.
 */
export interface Expectation extends Note {
  expect: 'yes' | 'no' | StanzaErrorShape;
  known?: KnownFailure;
}

export interface RolePrivilegeRow {
  privilege: string;
  /** The XEP's cells for none, visitor, participant, moderator ("*": default, configurable). */
  xepCells: [string, string, string, string];
  action: Action;
  /**
   * Voice only exists in a moderated room, so the voice rows use one for every column; the
   * other rows use Prosody's default room, except for the visitor column (a visitor exists only
   * in a moderated room).
   */
  moderatedForAll?: boolean;
  cells: Record<(typeof COLUMNS)[number], Expectation>;
}

const YES: Expectation = { expect: 'yes' };
const NO: Expectation = { expect: 'no' };

/** §8 preamble: a non-moderator's muc#admin request gets forbidden; Prosody answers not-allowed. */
const UNPRIVILEGED: Expectation = {
  expect: NOT_ALLOWED,
  xep: 'forbidden (§8 preamble)',
  prosody: 'not-allowed for every refused role change',
};

/**
 * §7.2.18: a presence without the muc `<x/>` from a non-occupant SHOULD get an unavailable
 * presence with 110, 307 and 333; Prosody answers item-not-found (README; reference D18).
 */
const NOT_CONNECTED: Expectation = {
  expect: ITEM_NOT_FOUND,
  xep: 'an unavailable presence with 110, 307, 333 (§7.2.18)',
  prosody: 'item-not-found, "You are not currently connected" (D18)',
};

export const TABLE3: RolePrivilegeRow[] = [
  {
    privilege: 'Present in Room',
    xepCells: ['No', 'Yes', 'Yes', 'Yes'],
    action: 'present',
    cells: { none: NO, visitor: YES, participant: YES, moderator: YES },
  },
  {
    privilege: 'Receive Messages',
    xepCells: ['No', 'Yes', 'Yes', 'Yes'],
    action: 'receive-messages',
    cells: { none: NO, visitor: YES, participant: YES, moderator: YES },
  },
  {
    privilege: 'Receive Occupant Presence',
    xepCells: ['No', 'Yes', 'Yes', 'Yes'],
    action: 'receive-presence',
    cells: { none: NO, visitor: YES, participant: YES, moderator: YES },
  },
  {
    privilege: 'Broadcast Presence to All Occupants',
    xepCells: ['No', 'Yes*', 'Yes', 'Yes'],
    action: 'broadcast-presence',
    cells: { none: NOT_CONNECTED, visitor: YES, participant: YES, moderator: YES },
  },
  {
    privilege: 'Change Availability Status',
    xepCells: ['No', 'Yes*', 'Yes', 'Yes'],
    action: 'change-availability',
    cells: { none: NOT_CONNECTED, visitor: YES, participant: YES, moderator: YES },
  },
  {
    privilege: 'Change Room Nickname',
    xepCells: ['No', 'Yes*', 'Yes', 'Yes'],
    action: 'change-nickname',
    cells: { none: NOT_CONNECTED, visitor: YES, participant: YES, moderator: YES },
  },
  {
    privilege: 'Send Private Messages',
    xepCells: ['No', 'Yes*', 'Yes', 'Yes'],
    action: 'private-message',
    // §7.5: "If the sender is not an occupant … not-acceptable" — Prosody agrees.
    cells: { none: { expect: NOT_ACCEPTABLE }, visitor: YES, participant: YES, moderator: YES },
  },
  {
    privilege: 'Invite Other Users',
    xepCells: ['No', 'Yes*', 'Yes*', 'Yes'],
    action: 'invite',
    cells: {
      none: {
        expect: 'yes',
        xep: 'No',
        prosody: "a non-occupant invites with his affiliation's default role, participant",
      },
      visitor: {
        expect: FORBIDDEN,
        xep: 'Yes*',
        prosody: '"Need visitor role or higher to invite": visitors may not',
      },
      participant: YES,
      moderator: YES,
    },
  },
  {
    privilege: 'Send Messages to All',
    xepCells: ['No', 'No**', 'Yes', 'Yes'],
    action: 'message-all',
    cells: {
      // §7.4: not-acceptable for a non-occupant, forbidden for a visitor — Prosody agrees.
      none: { expect: NOT_ACCEPTABLE },
      visitor: { expect: FORBIDDEN },
      participant: YES,
      moderator: YES,
    },
  },
  {
    privilege: 'Modify Subject',
    xepCells: ['No', 'No*', 'Yes*', 'Yes'],
    action: 'modify-subject',
    cells: {
      none: { expect: NOT_ACCEPTABLE },
      visitor: { expect: FORBIDDEN },
      participant: {
        expect: FORBIDDEN,
        xep: 'Yes* (default)',
        prosody: 'muc#roomconfig_changesubject is off by default (D11, D12)',
      },
      moderator: YES,
    },
  },
  {
    privilege: 'Kick Participants and Visitors',
    xepCells: ['No', 'No', 'No', 'Yes'],
    action: 'kick',
    cells: { none: UNPRIVILEGED, visitor: UNPRIVILEGED, participant: UNPRIVILEGED, moderator: YES },
  },
  {
    privilege: 'Grant Voice',
    xepCells: ['No', 'No', 'No', 'Yes'],
    action: 'grant-voice',
    moderatedForAll: true,
    cells: { none: UNPRIVILEGED, visitor: UNPRIVILEGED, participant: UNPRIVILEGED, moderator: YES },
  },
  {
    privilege: 'Revoke Voice',
    // *** "A moderator MUST NOT be able to revoke voice privileges from an admin or owner" (Table 5).
    xepCells: ['No', 'No', 'No', 'Yes***'],
    action: 'revoke-voice',
    moderatedForAll: true,
    cells: { none: UNPRIVILEGED, visitor: UNPRIVILEGED, participant: UNPRIVILEGED, moderator: YES },
  },
];
