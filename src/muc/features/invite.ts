// Who may invite: not a visitor, inside the room or out — XEP-0045 §7.8.2, as Prosody's muc-pre-invite role check
import type { Feature } from '../hooks.js';
import { ROLE_RANK } from '../model/role.js';

const BY = 'invite';

export const invite: Feature = {
  name: BY,
  section: '§7.8.2',
  hooks: {
    'muc-pre-invite': {
      priority: 0,
      // Prosody: someone outside the room counts with its affiliation's default role, and
      // visitors may not invite (Table 3's "Invite Other Users: Yes*" for visitors is off).
      run: ({ room, inviter }) => {
        const role =
          room.occupantBySession(inviter)?.role ?? room.defaultRoleFor(room.affiliationOf(inviter));
        return ROLE_RANK[role] <= ROLE_RANK.visitor
          ? { veto: { type: 'auth', condition: 'forbidden' } }
          : undefined;
      },
    },
  },
};
