// Who may send a message to all occupants: occupants with voice — XEP-0045 §7.4 and §8.3, as Prosody's role check on muc-occupant-groupchat
import type { Feature } from '../hooks.js';
import { ROLE_RANK } from '../model/role.js';
import { NOT_AN_OCCUPANT } from '../refusals.js';

const BY = 'groupchat';

export const groupchat: Feature = {
  name: BY,
  section: '§7.4',
  hooks: {
    'muc-occupant-groupchat': {
      priority: 50,
      // "If the sender is not an occupant … <not-acceptable/>"; §7.4 and §8.3: "… a visitor … <forbidden/>".
      run: ({ occupant }) => {
        const rank = ROLE_RANK[occupant?.role ?? 'none'];
        if (rank <= ROLE_RANK.none) return { veto: NOT_AN_OCCUPANT };
        if (rank <= ROLE_RANK.visitor) {
          return {
            veto: {
              type: 'auth',
              condition: 'forbidden',
              text: 'You do not currently have permission to speak in this chat',
            },
          };
        }
        return undefined;
      },
    },
  },
};
