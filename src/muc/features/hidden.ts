// Public and hidden rooms: whether the service lists the room — XEP-0045 §6.3 (muc#roomconfig_publicroom)
import type { Feature } from '../hooks.js';

export const hidden: Feature = {
  name: 'hidden',
  section: '§6.3',
  flag: { order: 6, of: (config) => (config.public ? 'public' : 'hidden') },
  config: [
    {
      priority: 91,
      word: 'public',
      field: {
        var: 'muc#roomconfig_publicroom',
        type: 'boolean',
        label: 'Include room information in public lists',
        desc: 'Enable this to allow people to find the room',
      },
      // Prosody stores "hidden"; the form shows its negation, 0 or 1, always.
      read: (config) => config.public,
      write: (config, value) => {
        const next = value !== undefined && value !== false;
        if (config.public === next) return false;
        config.public = next;
        return true;
      },
    },
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
