// Lessons for roles and affiliations, with their privileges read from the model's §5 tables — XEP-0045 §5.1 (roles) and §5.2 (affiliations)
import { AFFILIATION_GLYPH, AFFILIATIONS, type Affiliation } from '../muc/model/affiliation.js';
import {
  checkAffiliationChange,
  checkRoleChange,
  defaultRole,
  mayEnterMembersOnly,
  mayRegister,
  mayRetrieveAffiliationList,
  ROLE_PRIVILEGES,
  type RolePrivilege,
} from '../muc/model/privileges.js';
import { ROLES, type Role } from '../muc/model/role.js';
import type { Explanation, Note } from './types.js';

/**
 * mucsim's role glyphs, for lists that cannot group by role: IRC's "@" for the moderator
 * (an operator) and "+" would clash with the member affiliation's glyph, so voice is "*".
 */
export const ROLE_GLYPH: Record<Role, string> = {
  moderator: '@',
  participant: '*',
  visitor: '.',
  none: ' ',
};

const ROLE_PRIVILEGE_WORDS: Record<RolePrivilege, string> = {
  presentInRoom: 'be present in the room',
  receiveMessages: 'receive the messages sent to everyone',
  receiveOccupantPresence: "receive the occupants' presence",
  broadcastPresence: 'broadcast their presence to all occupants',
  changeAvailability: 'change their availability status',
  changeNickname: 'change their room nickname',
  sendPrivateMessages: 'send private messages',
  inviteOtherUsers: 'invite other users',
  sendMessagesToAll: 'send messages to everyone',
  modifySubject: 'change the subject',
  kickParticipantsAndVisitors: 'kick participants and visitors',
  grantVoice: 'grant voice to visitors',
  revokeVoice: 'revoke voice from participants',
};

const ROLE_NOTES: Record<Role, Note> = {
  moderator: {
    summary: 'keeps order: kicks, gives and takes voice; owners and admins enter as moderators',
    text: 'Moderators keep order during a visit: they can kick occupants, give or take voice, and (by default) change the subject; in semi-anonymous rooms they are the ones who see real JIDs. Owners and admins are moderators as soon as they enter. Only an admin or owner can make someone else a moderator or take it away (§9.6, §9.7). The XEP forbids an admin to take moderation from another admin or an owner (§9.7), and says nobody should take it from someone with a higher affiliation (§5.1.3): so an owner may demote an admin.',
    prosody:
      'Prosody (and so mucsim) compares affiliations only: you may change the role of anyone whose affiliation is not above yours, so an owner may demote an admin or another owner, and an admin may demote another admin, which §9.7 forbids. It lets only moderators change the subject by default (changesubject off) and refuses role changes by anyone lacking the right with not-allowed.',
    aliases: ['moderators', 'role moderator', 'op'],
    seeAlso: ['§8', '§9.6', '§8.2', 'admin'],
  },
  participant: {
    summary: 'has voice: may talk to everyone',
    text: 'A participant has voice: they can talk to everyone, send private messages and change their presence and nick. In an unmoderated room everyone who enters without being an admin or owner is a participant; in a moderated room only members get voice on entry, and a moderator can grant it to visitors (§8.3).',
    prosody:
      'Prosody lets participants invite others in open rooms; whether they may change the subject depends on muc#roomconfig_changesubject (off by default).',
    aliases: ['participants', 'role participant', 'voice', 'voiced'],
    seeAlso: ['§8.3', '§8.4', 'visitor'],
  },
  visitor: {
    summary: 'in the room without voice: reads along but may not talk to everyone',
    text: 'A visitor is in the room without voice: they see the conversation and the occupants, but a message to everyone is refused with forbidden. Unaffiliated users enter moderated rooms as visitors. A visitor can ask for voice (§7.13) and a moderator can grant it (§8.3).',
    prosody:
      'Prosody forwards only visitors\' voice requests to the moderators, and by default lets visitors send private messages (muc#roomconfig_allowpm "everyone").',
    aliases: ['visitors', 'role visitor'],
    seeAlso: ['§8.3', '§7.13', '§7.4', 'forbidden'],
  },
  none: {
    summary: 'not in the room: the role in every unavailable presence',
    text: "Role none means not in the room. It is the role in every unavailable presence: when someone leaves, is kicked (307), banned (301) or removed for another reason, the <item> says role='none'. A moderator kicks by setting the role to none (§8.2).",
    prosody:
      "Prosody silently ignores an unavailable presence from someone whose role is already none (§17.3), and answers a non-occupant's other presence updates with item-not-found.",
    aliases: ['role none', 'none role', 'no role'],
    seeAlso: ['§8.2', '§7.14', 'affiliation none'],
  },
};

const AFFILIATION_NOTES: Record<Affiliation, Note> = {
  owner: {
    summary: 'runs the room: configures it, names owners and admins, destroys it',
    text: 'The owner is responsible for the room: whoever creates it becomes its first owner. Owners configure the room (§10.2), edit the owner and admin lists (§10.3–§10.8), destroy the room (§10.9), and can do everything an admin can. A room must always keep at least one owner, so the last owner cannot step down.',
    prosody:
      'Prosody answers conflict when the last owner lowers their own affiliation, and asks owners for the password of a password-protected room like everyone else.',
    aliases: ['owners', 'affiliation owner', 'room owner'],
    seeAlso: ['§10', '§10.1', 'conflict', 'admin'],
  },
  admin: {
    summary: 'manages who belongs: bans, members, moderators',
    text: 'An admin administers who belongs: they ban and unban users (§9.1), edit the member list (§9.3–§9.5) and make occupants moderators (§9.6). Admins enter as moderators. They cannot touch owners or other admins, nor configure or destroy the room.',
    prosody:
      'Prosody lets admins change only members, unaffiliated users and outcasts, and only among those affiliations; anything else is not-allowed.',
    aliases: ['admins', 'affiliation admin', 'administrator'],
    seeAlso: ['§9', '§10.6', 'owner', 'moderator'],
  },
  member: {
    summary: 'belongs to the room: may enter members-only rooms, has voice',
    text: 'A member belongs to the room for the long term, by bare JID. Members may enter members-only rooms, get voice on entry even in moderated rooms, and keep their reserved nickname. Membership is granted by an admin or owner (§9.3) or, where the room allows it, by registering (§7.10). In a members-only room, losing membership removes you at once with 321.',
    prosody:
      'Prosody makes a user who registers a member and reserves their nick; deregistering makes them unaffiliated again (and removes them with 321 from a members-only room). Members may read the affiliation lists of members-only, non-anonymous rooms.',
    aliases: ['members', 'affiliation member', 'membership'],
    seeAlso: ['§9.3', '§9.4', '§7.2.6', '321', '§7.10'],
  },
  none: {
    summary: 'no lasting relationship with the room',
    text: 'No affiliation: the user has no lasting relationship with the room. There is no "none list": removing someone from the member, admin or owner list, or lifting a ban, sets them back to none. Unaffiliated users can enter open rooms (as participants, or as visitors in moderated rooms) but not members-only ones.',
    prosody:
      'Prosody lets unaffiliated users register only where the room allows it; the others get registration-required.',
    aliases: ['affiliation none', 'none affiliation', 'unaffiliated', 'no affiliation'],
    seeAlso: ['§9.4', 'registration-required', 'role none'],
  },
  outcast: {
    summary: 'banned: may not enter',
    text: 'An outcast is banned: their bare JID (or a whole domain) is on the ban list and they cannot enter the room; any attempt is refused with forbidden. Being banned while present removes you with 301 (§9.1). An admin or owner lifts the ban by setting the affiliation back to none (§9.2).',
    prosody:
      "Prosody refuses an outcast's join with forbidden, except in a members-only room, where its members-only check answers registration-required first.",
    aliases: ['outcasts', 'affiliation outcast', 'banned user'],
    seeAlso: ['§9.1', '§9.2', '301', 'forbidden'],
  },
};

const open = { moderated: false, membersOnly: false };
const moderated = { moderated: true, membersOnly: false };

function roleExplanation(role: Role): Explanation {
  const note = ROLE_NOTES[role];
  const may: string[] = [];
  const mayNot: string[] = [];
  for (const [privilege, byRole] of Object.entries(ROLE_PRIVILEGES)) {
    const words = ROLE_PRIVILEGE_WORDS[privilege as RolePrivilege];
    (byRole[role] ? may : mayNot).push(words);
  }
  const topic = role === 'none' ? 'role none' : role;
  return {
    kind: 'role',
    topic,
    title: `Role: ${role}`,
    summary: `${ROLE_GLYPH[role].trim() || '·'} ${role} (§5.1): ${note.summary ?? firstSentence(note.text)}`,
    text: note.text,
    sections: ['§5.1', '§5.1.1', '§5.1.2', '§5.1.3'],
    examples: [],
    prosody: note.prosody,
    glyph: ROLE_GLYPH[role],
    may,
    mayNot,
    seeAlso: note.seeAlso ?? [],
    aliases: (note.aliases ?? []).filter((alias) => alias !== topic),
  };
}

/** Table 6 (§5.2.1), answered by the model's checks (Prosody's decisions) for an open, semi-anonymous room. */
export function affiliationPrivileges(affiliation: Affiliation): [string, boolean][] {
  const asActor = (target: Affiliation, next: Affiliation) =>
    checkAffiliationChange({
      actorAffiliation: affiliation,
      actorIsTarget: false,
      targetAffiliation: target,
      newAffiliation: next,
      otherOwners: 1,
    }) === undefined;
  const roleOnEntry = defaultRole(affiliation, open);
  const mayGrantModerator =
    checkRoleChange({
      actorAffiliation: affiliation,
      actorRole: roleOnEntry,
      targetAffiliation: 'none',
      targetRole: 'participant',
      newRole: 'moderator',
    }) === undefined;
  const isOwner = affiliation === 'owner';
  return [
    ['enter an open room', roleOnEntry !== 'none'],
    ['enter a members-only room', affiliation !== 'outcast' && mayEnterMembersOnly(affiliation)],
    ['register with a room that allows registration', mayRegister(affiliation, true)],
    [
      'retrieve the member list (semi-anonymous room)',
      mayRetrieveAffiliationList({
        requesterAffiliation: affiliation,
        list: 'member',
        membersOnly: false,
        nonAnonymous: false,
      }),
    ],
    ['ban members and unaffiliated users', asActor('member', 'outcast')],
    ['edit the member list', asActor('none', 'member')],
    ['grant and revoke the moderator role', mayGrantModerator],
    ['edit the admin list', asActor('none', 'admin')],
    ['edit the owner list', asActor('none', 'owner')],
    // Table 6: configuring and destroying are owner-only (features/config.ts, core/destroy.ts).
    ['change the room configuration', isOwner],
    ['destroy the room', isOwner],
  ];
}

function affiliationExplanation(affiliation: Affiliation): Explanation {
  const note = AFFILIATION_NOTES[affiliation];
  const privileges = affiliationPrivileges(affiliation);
  const entering = defaultRole(affiliation, open);
  const enteringModerated = defaultRole(affiliation, moderated);
  const roleLine =
    entering === 'none'
      ? ''
      : entering === enteringModerated
        ? `enters as ${entering}`
        : `enters as ${entering} (${enteringModerated} in a moderated room)`;
  const topic = affiliation === 'none' ? 'affiliation none' : affiliation;
  return {
    kind: 'affiliation',
    topic,
    title: `Affiliation: ${affiliation}`,
    summary: `${AFFILIATION_GLYPH[affiliation]} ${affiliation} (§5.2): ${[note.summary, roleLine].filter(Boolean).join('; ')}`,
    text: note.text,
    sections: ['§5.2', '§5.2.1', '§5.2.2', '§5.1.2'],
    examples: [],
    prosody: note.prosody,
    glyph: AFFILIATION_GLYPH[affiliation],
    may: privileges.filter(([, allowed]) => allowed).map(([words]) => words),
    mayNot: privileges.filter(([, allowed]) => !allowed).map(([words]) => words),
    seeAlso: note.seeAlso ?? [],
    aliases: (note.aliases ?? []).filter((alias) => alias !== topic),
  };
}

function firstSentence(text: string): string {
  const end = text.indexOf('. ');
  return end === -1 ? text : text.slice(0, end + 1);
}

export function roleExplanations(): Explanation[] {
  return ROLES.map(roleExplanation);
}

export function affiliationExplanations(): Explanation[] {
  return AFFILIATIONS.map(affiliationExplanation);
}
