// Who may send private messages through the room — XEP-0045 §7.5 (muc#roomconfig_allowpm, Prosody's values)
import { booleanField, choiceField } from '../config-fields.js';
import type { Feature } from '../hooks.js';
import { AFFILIATION_RANK } from '../model/affiliation.js';
import { ROLE_RANK } from '../model/role.js';

export const restrictPm: Feature = {
  name: 'restrict-pm',
  section: '§7.5',
  config: [
    choiceField('muc#roomconfig_allowpm', 'Allow private messages from', 'allowPm', [
      { value: 'visitor', label: 'Everyone' },
      { value: 'participant', label: 'Participants' },
      { value: 'moderator', label: 'Moderators' },
      { value: 'affiliated', label: 'Members' },
      { value: 'none', label: 'No one' },
    ]),
    booleanField(
      '{xmpp:prosody.im}muc#allow_modpm',
      'Allow moderators to send private messages',
      'allowModPm',
    ),
  ],
  hooks: {
    'muc-private-message': {
      priority: 0,
      run: ({ room, occupant }) => {
        const lowest = room.config.allowPm;
        const role = occupant?.role ?? 'none';
        if (lowest === 'affiliated') {
          const affiliation = room.affiliationOf(occupant?.bareJid ?? '');
          if (AFFILIATION_RANK[affiliation] >= AFFILIATION_RANK.member) return undefined;
        } else if (lowest !== 'none' && ROLE_RANK[role] >= ROLE_RANK[lowest]) {
          return undefined;
        }
        if (role === 'moderator' && room.config.allowModPm) return undefined;
        // The XEP defines no error here; Prosody answers policy-violation.
        return {
          veto: {
            type: 'cancel',
            condition: 'policy-violation',
            text: 'Private messages are restricted',
          },
        };
      },
    },
  },
};
