// Persistent and temporary rooms: a temporary room is destroyed when its last occupant leaves — XEP-0045 §7.14 and §10.1.3
import { flagField } from '../config-fields.js';
import type { Feature } from '../hooks.js';

export const persistent: Feature = {
  name: 'persistent',
  section: '§7.14',
  flag: { order: 5, of: (config) => (config.persistent ? 'persistent' : 'temporary') },
  config: [
    flagField(
      {
        priority: 95,
        word: 'persistent',
        field: {
          var: 'muc#roomconfig_persistentroom',
          label: 'Persistent (room should remain even when it is empty)',
          desc: 'Rooms are automatically deleted when they are empty, unless this option is enabled',
        },
      },
      'persistent',
    ),
  ],
  hooks: {
    'muc-occupant-left': {
      priority: -100,
      // Prosody destroys an empty temporary room silently: there is nobody left to tell. (Not
      // while an owner's destruction empties it: that one is told.)
      run: ({ room }) => {
        const emptied =
          !room.config.persistent &&
          room.occupantCount() === 0 &&
          room.state.destruction === undefined &&
          room.lifecycle() !== 'destroyed';
        return emptied
          ? { changes: [{ kind: 'lifecycle', event: { type: 'room.destroyed' } }] }
          : undefined;
      },
    },
    'muc-disco#info': {
      priority: 0,
      run: ({ room, features }) => {
        features.push(room.config.persistent ? 'muc_persistent' : 'muc_temporary');
      },
    },
  },
};
