// Table 7 of XEP-0045 §5.2.2 ("Affiliation State Chart") as data: who may move a bare JID from one affiliation to another
import type { Affiliation } from '../../src/muc/model/affiliation.js';
import type { KnownFailure, Note } from './cases.js';

/** Rows and columns of the chart, in the XEP's order. */
export const AFFILIATIONS = [
  'outcast',
  'none',
  'member',
  'admin',
  'owner',
] as const satisfies Affiliation[];

/**
 * Prosody's answer (the expected value), then the XEP's when it differs:
 * `ok` both carry it out; `NA` both answer not-allowed; `NA/F` Prosody not-allowed, XEP forbidden;
 * `ok/C` Prosody carries it out, the XEP answers conflict; `C` both answer conflict;
 * `NA/C` Prosody not-allowed, XEP conflict; `—` the chart's diagonal.
 */
export type Answer = 'ok' | 'NA' | 'NA/F' | 'ok/C' | 'C' | 'NA/C' | '—';
type Row = [Answer, Answer, Answer, Answer, Answer];

export const ACTORS = ['owner', 'admin', 'member', 'none'] as const satisfies Affiliation[];
export type Actor = (typeof ACTORS)[number];

/** How the test names call a holder of each affiliation. */
export const SOMEONE: Record<Affiliation, string> = {
  outcast: 'an outcast',
  none: 'an unaffiliated user',
  member: 'a member',
  admin: 'an admin',
  owner: 'an owner',
};

/** The chart's cell texts (from \ to), for the test names. */
export const CELL_TEXT: Record<Affiliation, Partial<Record<Affiliation, string>>> = {
  outcast: {
    none: 'Admin or owner removes ban',
    member: 'Admin or owner adds user to member list',
    admin: 'Owner adds user to admin list',
    owner: 'Owner adds user to owner list',
  },
  none: {
    outcast: 'Admin or owner applies ban',
    member: 'Admin or owner adds user to member list, or user registers as member (if allowed)',
    admin: 'Owner adds user to admin list',
    owner: 'Owner adds user to owner list',
  },
  member: {
    outcast: 'Admin or owner applies ban',
    none: 'Admin or owner changes affiliation to "none"',
    admin: 'Owner adds user to admin list',
    owner: 'Owner adds user to owner list',
  },
  admin: {
    outcast: 'Owner applies ban',
    none: 'Owner changes affiliation to "none"',
    member: 'Owner changes affiliation to "member"',
    owner: 'Owner adds user to owner list',
  },
  owner: {
    outcast: 'Owner applies ban',
    none: 'Owner changes affiliation to "none"',
    member: 'Owner changes affiliation to "member"',
    admin: 'Owner changes affiliation to "admin"',
  },
};

/**
 * One 5×5 chart per actor affiliation (rows: from, columns: to), changing another user's
 * affiliation with muc#admin `<item jid affiliation>` (§9.1–9.5, §10.3–10.8). Prosody's
 * set_affiliation (muc.lib.lua:1395): owners may make any change; admins only among outcast,
 * none and member; everyone else gets not-allowed. The XEP: §9.1 "if an admin attempts to ban
 * an owner, the service MUST … return a not-allowed error"; otherwise a requester without the
 * privilege gets forbidden (§9 and §10 preambles: "the service MUST return a forbidden error").
 */
// biome-ignore format: the grids are aligned like the XEP's table
export const CHARTS: Record<Actor, Record<Affiliation, Row>> = {
  owner: {
    // from \ to:     outcast none    member  admin   owner
    outcast:        ['—',    'ok',   'ok',   'ok',   'ok'],
    none:           ['ok',   '—',    'ok',   'ok',   'ok'],
    member:         ['ok',   'ok',   '—',    'ok',   'ok'],
    admin:          ['ok',   'ok',   'ok',   '—',    'ok'],
    owner:          ['ok',   'ok',   'ok',   'ok',   '—'],
  },
  admin: {
    outcast:        ['—',    'ok',   'ok',   'NA/F', 'NA/F'],
    none:           ['ok',   '—',    'ok',   'NA/F', 'NA/F'],
    member:         ['ok',   'ok',   '—',    'NA/F', 'NA/F'],
    admin:          ['NA/F', 'NA/F', 'NA/F', '—',    'NA/F'],
    owner:          ['NA',   'NA/F', 'NA/F', 'NA/F', '—'],
  },
  member: {
    outcast:        ['—',    'NA/F', 'NA/F', 'NA/F', 'NA/F'],
    none:           ['NA/F', '—',    'NA/F', 'NA/F', 'NA/F'],
    member:         ['NA/F', 'NA/F', '—',    'NA/F', 'NA/F'],
    admin:          ['NA/F', 'NA/F', 'NA/F', '—',    'NA/F'],
    owner:          ['NA/F', 'NA/F', 'NA/F', 'NA/F', '—'],
  },
  none: {
    outcast:        ['—',    'NA/F', 'NA/F', 'NA/F', 'NA/F'],
    none:           ['NA/F', '—',    'NA/F', 'NA/F', 'NA/F'],
    member:         ['NA/F', 'NA/F', '—',    'NA/F', 'NA/F'],
    admin:          ['NA/F', 'NA/F', 'NA/F', '—',    'NA/F'],
    owner:          ['NA/F', 'NA/F', 'NA/F', 'NA/F', '—'],
  },
};

/** Who changes their own affiliation; the last owner is the room's only owner. */
export type SelfActor = 'owner with a co-owner' | 'last owner' | 'admin' | 'member' | 'none';

/**
 * Changing one's own affiliation. §9.1: "If an admin or owner attempts to ban himself, the
 * service MUST deny the request and return a conflict error"; §10.4: the last owner MUST get
 * conflict, an owner with co-owners SHOULD be allowed to step down. Prosody (set_affiliation,
 * reference §12 D9): only the last owner's downgrade is refused (conflict), so an owner with a
 * co-owner may ban himself; an admin is refused everything (not-allowed).
 */
// biome-ignore format: aligned like the XEP's table
export const SELF: Record<SelfActor, Partial<Record<Affiliation, Answer>>> = {
  'owner with a co-owner': { outcast: 'ok/C', none: 'ok',   member: 'ok',   admin: 'ok' },
  'last owner':            { outcast: 'C',    none: 'C',    member: 'C',    admin: 'C' },
  admin:                   { outcast: 'NA/C', none: 'NA/F', member: 'NA/F', owner: 'NA/F' },
  member:                  { outcast: 'NA/F', none: 'NA/F', admin: 'NA/F',  owner: 'NA/F' },
  none:                    { outcast: 'NA/F', member: 'NA/F', admin: 'NA/F', owner: 'NA/F' },
};

export const NOTES: Record<'NA/F' | 'ok/C' | 'NA/C', Required<Note>> = {
  'NA/F': { xep: 'forbidden', prosody: 'not-allowed for every refused affiliation change' },
  'ok/C': {
    xep: 'conflict, §9.1: no one bans himself',
    prosody: 'refuses only the last owner (D9)',
  },
  'NA/C': {
    xep: 'conflict, §9.1: no one bans himself',
    prosody: 'an admin may not touch an admin (D9)',
  },
};

/** "… or user registers as member (if allowed)" (§7.10). */
export const REGISTERS: { expect: 'registration-required' } & Required<Note> = {
  expect: 'registration-required',
  xep: 'member (if allowed), else not-allowed (§7.10)',
  prosody: 'only affiliated users may register by default (README; D15, D16)',
};

/** Cells where the simulator answers otherwise, keyed `actor from→to` or `self actor →to`. */
export const KNOWN_TABLE7: Record<string, KnownFailure> = {};
