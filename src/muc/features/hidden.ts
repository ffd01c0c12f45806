// Public and hidden rooms: whether the service lists the room — XEP-0045 §6.3 (muc#roomconfig_publicroom)
import { booleanField } from '../config-fields.js';
import type { Feature } from '../hooks.js';

export const hidden: Feature = {
  name: 'hidden',
  section: '§6.3',
  config: [
    booleanField('muc#roomconfig_publicroom', 'Include room information in public lists', 'public'),
  ],
  hooks: {
    'muc-disco#info': {
      priority: 0,
      run: ({ room, features }) => {
        features.push(room.config.public ? 'muc_public' : 'muc_hidden');
      },
    },
  },
};
