// Who may send private messages through the room — XEP-0045 §7.5 (muc#roomconfig_allowpm, Prosody's values)
import { choiceField } from '../config-fields.js';
import type { Feature } from '../hooks.js';
import { ROLE_RANK } from '../model/role.js';

export const restrictPm: Feature = {
  name: 'restrict-pm',
  section: '§7.5',
  config: [
    choiceField('muc#roomconfig_allowpm', 'Allow private messages from', 'allowPm', [
      { value: 'visitor', label: 'Everyone' },
      { value: 'participant', label: 'Participants' },
      { value: 'moderator', label: 'Moderators' },
      { value: 'none', label: 'No one' },
    ]),
  ],
  hooks: {
    'muc-private-message': {
      priority: 0,
      run: ({ room, occupant }) => {
        const lowest = room.config.allowPm;
        const role = occupant?.role ?? 'none';
        if (lowest !== 'none' && ROLE_RANK[role] >= ROLE_RANK[lowest]) return undefined;
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
