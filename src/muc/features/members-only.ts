// Members-only rooms: entry, the 322 removal when a room becomes members-only, and member invitations — XEP-0045 §7.2.6, §7.8.2, §10.2
import { flagField } from '../config-fields.js';
import type { Feature } from '../hooks.js';
import { AFFILIATION_RANK } from '../model/affiliation.js';
import { mayEnterMembersOnly } from '../model/privileges.js';

const BY = 'members-only';

export const membersOnly: Feature = {
  name: BY,
  section: '§7.2.6',
  flag: { order: 1, of: (config) => (config.membersOnly ? 'members-only' : undefined) },
  config: [
    flagField(
      {
        priority: 87,
        word: 'membersonly',
        field: {
          var: 'muc#roomconfig_membersonly',
          label: 'Only allow members to join',
          desc: 'Enable this to only allow access for room owners, admins and members',
        },
      },
      'membersOnly',
    ),
    flagField(
      {
        priority: 87,
        word: 'allowinvites',
        field: {
          var: '{http://prosody.im/protocol/muc}roomconfig_allowmemberinvites',
          label: 'Allow members to invite new members',
        },
      },
      'allowMemberInvites',
    ),
  ],
  hooks: {
    'muc-occupant-pre-join': {
      priority: -5,
      // "If the room is members-only but the user is not on the member list, the service MUST deny access … <registration-required/>".
      run: ({ room, affiliation }) =>
        room.config.membersOnly && !mayEnterMembersOnly(affiliation)
          ? { veto: { type: 'auth', condition: 'registration-required', by: room.jid } }
          : undefined,
    },
    'muc-config-submitted': {
      priority: 0,
      // §10.2: "the service MUST remove … any non-members from the room … status code 322 …
      // sent to those users as well as any remaining occupants". Prosody tells only the removed
      // users; the notify-322 extra tells the others too.
      run: ({ room, before, after }) => {
        if (before.membersOnly || !after.membersOnly) return undefined;
        const nicks = [...room.occupants()]
          .filter((occupant) => !mayEnterMembersOnly(room.affiliationOf(occupant.bareJid)))
          .map((occupant) => occupant.nick);
        const tellOthers = room.services.extras.has('notify-322');
        return { changes: [{ kind: 'remove', nicks, code: '322', tellOthers }] };
      },
    },
    'muc-pre-invite': {
      priority: 0,
      // §7.8.2: in a members-only room only admins and owners (and members, if allowed) invite.
      run: ({ room, inviter }) => {
        if (!room.config.membersOnly) return undefined;
        const required = room.config.allowMemberInvites ? 'member' : 'admin';
        const rank = AFFILIATION_RANK[room.affiliationOf(inviter)];
        return rank >= AFFILIATION_RANK[required]
          ? undefined
          : { veto: { type: 'auth', condition: 'forbidden', by: room.jid } };
      },
    },
    'muc-invite': {
      priority: 0,
      // "the room MAY add the invitee to the member list" — Prosody does for anyone ranked no
      // higher than none, an outcast too; the reason is not kept.
      run: ({ room, shownInviter, invitee }) => {
        const rank = AFFILIATION_RANK[room.affiliationOf(invitee)];
        if (!room.config.membersOnly || rank > AFFILIATION_RANK.none) return undefined;
        const reason = `Invited by ${shownInviter}`;
        return {
          changes: [
            { kind: 'affiliation', actor: 'room', jid: invitee, affiliation: 'member', reason },
          ],
        };
      },
    },
    'muc-disco#info': {
      priority: 0,
      run: ({ room, features, info }) => {
        features.push(room.config.membersOnly ? 'muc_membersonly' : 'muc_open');
        info.push({
          var: '{http://prosody.im/protocol/muc}roomconfig_allowmemberinvites',
          type: 'boolean',
          label: 'Allow members to invite new members',
          value: room.config.allowMemberInvites,
        });
        info.push({
          var: 'muc#roomconfig_allowinvites',
          type: 'boolean',
          label: 'Allow users to invite other users',
          value: !room.config.membersOnly || room.config.allowMemberInvites,
        });
      },
    },
  },
};
