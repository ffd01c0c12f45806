// Table 6 of XEP-0045 §5.2.1 ("Privileges Associated With Affiliations") as data: each privilege tried by each affiliation
import type { Affiliation } from '../../src/muc/model/affiliation.js';
import type { Role } from '../../src/muc/model/role.js';
import type { KnownFailure, Note } from './cases.js';
import { FORBIDDEN, NOT_ALLOWED, REGISTRATION_REQUIRED, type StanzaErrorShape } from './stage.js';

/** The table's columns, in the XEP's order. */
export const COLUMNS = [
  'outcast',
  'none',
  'member',
  'admin',
  'owner',
] as const satisfies Affiliation[];

export type Action =
  | 'enter-open'
  | 'register'
  | 'retrieve-members'
  | 'enter-members-only'
  | 'ban'
  | 'edit-members'
  | 'moderator-role'
  | 'edit-admins'
  | 'edit-owners'
  | 'configure'
  | 'destroy';

/** `ok` (the action's success stanzas), the role an entering user gets, or the error. */
export interface Expectation extends Note {
  expect: 'ok' | Role | StanzaErrorShape;
  known?: KnownFailure;
}

export interface PrivilegeRow {
  privilege: string;
  /** The XEP's cells for outcast, none, member, admin, owner. */
  xepCells: [string, string, string, string, string];
  action: Action;
  /** A configuration the room needs for this row (otherwise Prosody's defaults). */
  config?: Record<string, string>;
  cells: Record<(typeof COLUMNS)[number], Expectation>;
}

/** Prosody answers every refused affiliation or role change with not-allowed (README). */
const NA_NOT_F = (section: string): Expectation => ({
  expect: NOT_ALLOWED,
  xep: `forbidden (${section})`,
  prosody: 'not-allowed for every refused change',
});

export const TABLE6: PrivilegeRow[] = [
  {
    privilege: 'Enter Open Room',
    xepCells: ['No', 'Yes*', 'Yes', 'Yes', 'Yes'],
    action: 'enter-open',
    cells: {
      outcast: { expect: FORBIDDEN },
      none: { expect: 'participant' },
      member: { expect: 'participant' },
      admin: { expect: 'moderator' },
      owner: { expect: 'moderator' },
    },
  },
  {
    privilege: 'Register with Open Room',
    xepCells: ['No', 'Yes', 'N/A', 'N/A', 'N/A'],
    action: 'register',
    cells: {
      outcast: {
        expect: FORBIDDEN,
        xep: 'not-allowed (§7.10)',
        prosody: 'handle_register_iq answers outcasts forbidden',
      },
      none: {
        expect: REGISTRATION_REQUIRED,
        xep: 'the registration form (§7.10)',
        prosody: 'only affiliated users may register by default (README, D16)',
      },
      member: { expect: 'ok' },
      admin: { expect: 'ok' },
      owner: { expect: 'ok' },
    },
  },
  {
    privilege: 'Retrieve Member List',
    // *** "In such [semi-anonymous] rooms, members SHOULD NOT be allowed to retrieve the member list"
    xepCells: ['No', 'No', 'Yes***', 'Yes', 'Yes'],
    action: 'retrieve-members',
    cells: {
      outcast: { expect: FORBIDDEN },
      none: { expect: FORBIDDEN },
      member: { expect: FORBIDDEN },
      admin: { expect: 'ok' },
      owner: { expect: 'ok' },
    },
  },
  {
    privilege: 'Enter Members-Only Room',
    xepCells: ['No', 'No', 'Yes*', 'Yes', 'Yes'],
    action: 'enter-members-only',
    config: { 'muc#roomconfig_membersonly': '1' },
    cells: {
      outcast: {
        expect: REGISTRATION_REQUIRED,
        xep: 'forbidden (§7.2.7)',
        prosody: 'the members-only check runs before the ban check (D9)',
      },
      none: { expect: REGISTRATION_REQUIRED },
      member: { expect: 'participant' },
      admin: { expect: 'moderator' },
      owner: { expect: 'moderator' },
    },
  },
  {
    privilege: 'Ban Members and Unaffiliated Users',
    xepCells: ['No', 'No', 'No', 'Yes', 'Yes'],
    action: 'ban',
    cells: {
      outcast: NA_NOT_F('§9 preamble'),
      none: NA_NOT_F('§9 preamble'),
      member: NA_NOT_F('§9 preamble'),
      admin: { expect: 'ok' },
      owner: { expect: 'ok' },
    },
  },
  {
    privilege: 'Edit Member List',
    xepCells: ['No', 'No', 'No', 'Yes', 'Yes'],
    action: 'edit-members',
    cells: {
      outcast: NA_NOT_F('§9 preamble'),
      none: NA_NOT_F('§9 preamble'),
      member: NA_NOT_F('§9 preamble'),
      admin: { expect: 'ok' },
      owner: { expect: 'ok' },
    },
  },
  {
    privilege: 'Assign and Remove Moderator Role',
    xepCells: ['No', 'No', 'No', 'Yes**', 'Yes**'],
    action: 'moderator-role',
    cells: {
      outcast: NA_NOT_F('§9 preamble'),
      none: NA_NOT_F('§9 preamble'),
      member: NA_NOT_F('§9 preamble'),
      admin: { expect: 'ok' },
      owner: { expect: 'ok' },
    },
  },
  {
    privilege: 'Edit Admin List',
    xepCells: ['No', 'No', 'No', 'No', 'Yes'],
    action: 'edit-admins',
    cells: {
      outcast: NA_NOT_F('§10.6'),
      none: NA_NOT_F('§10.6'),
      member: NA_NOT_F('§10.6'),
      admin: NA_NOT_F('§10.6'),
      owner: { expect: 'ok' },
    },
  },
  {
    privilege: 'Edit Owner List',
    xepCells: ['No', 'No', 'No', 'No', 'Yes'],
    action: 'edit-owners',
    cells: {
      outcast: NA_NOT_F('§10.3'),
      none: NA_NOT_F('§10.3'),
      member: NA_NOT_F('§10.3'),
      admin: NA_NOT_F('§10.3'),
      owner: { expect: 'ok' },
    },
  },
  {
    privilege: 'Change Room Configuration',
    xepCells: ['No', 'No', 'No', 'No', 'Yes'],
    action: 'configure',
    cells: {
      outcast: { expect: FORBIDDEN },
      none: { expect: FORBIDDEN },
      member: { expect: FORBIDDEN },
      admin: { expect: FORBIDDEN },
      owner: { expect: 'ok' },
    },
  },
  {
    privilege: 'Destroy Room',
    xepCells: ['No', 'No', 'No', 'No', 'Yes'],
    action: 'destroy',
    cells: {
      outcast: { expect: FORBIDDEN },
      none: { expect: FORBIDDEN },
      member: { expect: FORBIDDEN },
      admin: { expect: FORBIDDEN },
      owner: { expect: 'ok' },
    },
  },
];

/** Beyond the table's defaults: the footnotes that change a cell with the room's configuration. */
export const TABLE6_FOOTNOTES: (Expectation & {
  title: string;
  action: Action;
  affiliation: Affiliation;
  config: Record<string, string>;
})[] = [
  {
    title:
      '*** a member of a members-only, non-anonymous room retrieves the member list (§9.5 note)',
    action: 'retrieve-members',
    affiliation: 'member',
    config: { 'muc#roomconfig_membersonly': '1', 'muc#roomconfig_whois': 'anyone' },
    expect: 'ok',
  },
  {
    title: '*** a member of an open, non-anonymous room retrieves the member list',
    action: 'retrieve-members',
    affiliation: 'member',
    config: { 'muc#roomconfig_whois': 'anyone' },
    expect: FORBIDDEN,
    xep: 'the member list (Table 6: Yes; only semi-anonymous rooms SHOULD NOT)',
    prosody: 'members read lists only in members-only, non-anonymous rooms',
  },
];
