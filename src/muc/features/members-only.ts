// Members-only rooms: entry, the 322 removal when a room becomes members-only, and member invitations — XEP-0045 §7.2.6, §7.8.2, §10.2
import { booleanField } from '../config-fields.js';
import type { Feature } from '../hooks.js';
import { mayEnterMembersOnly } from '../model/privileges.js';
import { publiciseOccupantStatus } from '../presence.js';
import { setAffiliation } from '../room-changes.js';

const BY = 'members-only';

export const membersOnly: Feature = {
  name: BY,
  section: '§7.2.6',
  config: [
    booleanField('muc#roomconfig_membersonly', 'Only allow members to join', 'membersOnly'),
    booleanField(
      '{http://prosody.im/protocol/muc}roomconfig_allowmemberinvites',
      'Allow members to invite new members',
      'allowMemberInvites',
    ),
  ],
  hooks: {
    'muc-occupant-pre-join': {
      priority: -5,
      // "If the room is members-only but the user is not on the member list, the service MUST deny access … <registration-required/>".
      run: ({ room, affiliation }) =>
        room.config.membersOnly && !mayEnterMembersOnly(affiliation)
          ? { veto: { type: 'auth', condition: 'registration-required' } }
          : undefined,
    },
    'muc-config-submitted': {
      priority: 0,
      // §10.2: "the service MUST remove … any non-members from the room … status code 322".
      // Prosody tells only the removed user; mucsim also tells the others, as the XEP does.
      run: ({ room, before, after }) => {
        if (before.membersOnly || !after.membersOnly) return;
        for (const occupant of [...room.occupants()]) {
          if (mayEnterMembersOnly(room.affiliationOf(occupant.bareJid))) continue;
          const prevRole = occupant.role;
          room.changeRole(occupant, 'none', ['322'], BY);
          publiciseOccupantStatus(room, occupant, { codes: ['322'], prevRole }, BY);
          room.bus.fire('muc-occupant-left', { room, occupant });
        }
      },
    },
    'muc-pre-invite': {
      priority: 0,
      // §7.8.2: in a members-only room only admins and owners (and members, if allowed) invite.
      run: ({ room, inviter }) => {
        if (!room.config.membersOnly) return undefined;
        const affiliation = room.affiliationOf(inviter);
        const allowed =
          affiliation === 'owner' ||
          affiliation === 'admin' ||
          (affiliation === 'member' && room.config.allowMemberInvites);
        return allowed ? undefined : { veto: { type: 'auth', condition: 'forbidden' } };
      },
    },
    'muc-invite': {
      priority: 0,
      // "the room MAY add the invitee to the member list" — Prosody does.
      run: ({ room, shownInviter, invitee }) => {
        if (!room.config.membersOnly || room.affiliationOf(invitee) !== 'none') return;
        setAffiliation(
          room,
          'room',
          invitee,
          'member',
          { reason: `Invited by ${shownInviter}` },
          BY,
        );
      },
    },
    'muc-disco#info': {
      priority: 0,
      run: ({ room, features }) => {
        features.push(room.config.membersOnly ? 'muc_membersonly' : 'muc_open');
      },
    },
  },
};
