// The outside-invite-guard extra: refuse a mediated invitation from outside a semi-anonymous room, which Prosody would forward with the inviter's real JID — XEP-0045 §7.8.2
import type { Feature } from '../hooks.js';

const BY = 'outside-invite-guard';

export const outsideInviteGuard: Feature = {
  name: BY,
  section: '§7.8.2',
  hooks: {
    'muc-pre-invite': {
      // Before Prosody's own checks (priority 0): this one refuses what they would let through.
      priority: 100,
      run: ({ room, inviter, invitee }) => {
        // Prosody masks the inviter as its occupant JID unless the invitee will be a moderator;
        // an inviter outside the room has none, so its real JID would go out (a FIXME in its code).
        const masked =
          room.config.whois === 'moderators' &&
          room.defaultRoleFor(room.affiliationOf(invitee)) !== 'moderator';
        if (!masked || room.occupantBySession(inviter)) return undefined;
        return {
          veto: {
            type: 'auth',
            condition: 'forbidden',
            text: 'Join the room to invite: from outside, the invitation would reveal your address',
          },
        };
      },
    },
  },
};
