// Moderated rooms: visitors have no voice — XEP-0045 §5.1.2 (Table 4), §7.4 and §8.3–8.4
import { flagField } from '../config-fields.js';
import type { Feature } from '../hooks.js';

export const moderated: Feature = {
  name: 'moderated',
  section: '§8.3',
  flag: { order: 2, of: (config) => (config.moderated ? 'moderated' : undefined) },
  config: [
    flagField(
      {
        priority: 77,
        word: 'moderated',
        field: {
          var: 'muc#roomconfig_moderatedroom',
          label: 'Moderated (require permission to speak)',
          desc: 'In moderated rooms occupants must be given permission to speak by a room moderator',
        },
      },
      'moderated',
    ),
  ],
  hooks: {
    'muc-disco#info': {
      priority: 0,
      run: ({ room, features }) => {
        features.push(room.config.moderated ? 'muc_moderated' : 'muc_unmoderated');
      },
    },
  },
};
