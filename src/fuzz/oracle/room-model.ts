// The oracle's picture of each room, built from the trace alone: lifecycle, configuration values, affiliation records, occupants and their sessions — XEP-0045 §5, §7, §10
import type { Affiliation } from '../../muc/model/affiliation.js';
import type { Role } from '../../muc/model/role.js';
import { defaultRole, effectiveAffiliation } from './prosody-rules.js';

/** A configuration value the oracle knows, or `undefined` when it cannot say (yet). */
export interface ModelConfig {
  membersOnly: boolean | undefined;
  moderated: boolean | undefined;
  /** `moderators` (semi-anonymous) or `anyone` (non-anonymous). */
  whois: string | undefined;
  /** '' when there is none. */
  password: string | undefined;
  persistent: boolean | undefined;
  allowMemberInvites: boolean | undefined;
}

export interface ModelOccupant {
  nick: string;
  bare: string;
  role: Role;
  sessions: Set<string>;
}

export interface ModelRoom {
  jid: string;
  lifecycle: 'locked' | 'open';
  /** Trace time the room was locked at (Prosody unlocks it after five minutes). */
  lockedAt: number;
  config: ModelConfig;
  /** Bare JIDs and domains → their own records. */
  affiliations: Map<string, Affiliation>;
  occupants: Map<string, ModelOccupant>;
  nickBySession: Map<string, string>;
  /** XEP-0421: the occupant-id seen for each real bare JID, and the bare JID behind each id. */
  occupantIds: Map<string, string>;
  occupantIdOwners: Map<string, string>;
}

/** Prosody's defaults for a new room (muc.lib.lua and the *.lib.lua getters). */
export function newRoomModel(jid: string, time: number, password: string | undefined): ModelRoom {
  return {
    jid,
    lifecycle: 'locked',
    lockedAt: time,
    config: {
      membersOnly: false,
      moderated: false,
      whois: 'moderators',
      password: password ?? '',
      persistent: false,
      allowMemberInvites: false,
    },
    affiliations: new Map(),
    occupants: new Map(),
    nickBySession: new Map(),
    occupantIds: new Map(),
    occupantIdOwners: new Map(),
  };
}

export function affiliationIn(room: ModelRoom, jid: string): Affiliation {
  return effectiveAffiliation(room.affiliations, bareOf(jid));
}

export function roleOfSession(room: ModelRoom, session: string): Role {
  const nick = room.nickBySession.get(session);
  return nick === undefined ? 'none' : (room.occupants.get(nick)?.role ?? 'none');
}

export function occupantOfSession(room: ModelRoom, session: string): ModelOccupant | undefined {
  const nick = room.nickBySession.get(session);
  return nick === undefined ? undefined : room.occupants.get(nick);
}

/** The role `jid` would enter with (Table 4), when the configuration is known. */
export function entryRoleIn(room: ModelRoom, jid: string): Role | undefined {
  return defaultRole(affiliationIn(room, jid), room.config);
}

export function ownerRecords(room: ModelRoom, except?: string): number {
  let owners = 0;
  for (const [jid, affiliation] of room.affiliations) {
    if (affiliation === 'owner' && jid !== except) owners += 1;
  }
  return owners;
}

export function addOccupant(room: ModelRoom, occupant: ModelOccupant): void {
  room.occupants.set(occupant.nick, occupant);
  for (const session of occupant.sessions) room.nickBySession.set(session, occupant.nick);
}

export function removeOccupant(room: ModelRoom, nick: string): ModelOccupant | undefined {
  const occupant = room.occupants.get(nick);
  if (!occupant) return undefined;
  room.occupants.delete(nick);
  for (const session of occupant.sessions) {
    if (room.nickBySession.get(session) === nick) room.nickBySession.delete(session);
  }
  return occupant;
}

export function renameOccupant(room: ModelRoom, from: string, to: string): void {
  const occupant = room.occupants.get(from);
  if (!occupant) return;
  room.occupants.delete(from);
  occupant.nick = to;
  room.occupants.set(to, occupant);
  for (const session of occupant.sessions) room.nickBySession.set(session, to);
}

export function addSession(room: ModelRoom, occupant: ModelOccupant, session: string): void {
  const previous = room.nickBySession.get(session);
  if (previous !== undefined && previous !== occupant.nick) {
    room.occupants.get(previous)?.sessions.delete(session);
  }
  occupant.sessions.add(session);
  room.nickBySession.set(session, occupant.nick);
}

export function removeSession(room: ModelRoom, occupant: ModelOccupant, session: string): void {
  occupant.sessions.delete(session);
  if (room.nickBySession.get(session) === occupant.nick) room.nickBySession.delete(session);
}

export function bareOf(jid: string): string {
  const slash = jid.indexOf('/');
  return slash === -1 ? jid : jid.slice(0, slash);
}
