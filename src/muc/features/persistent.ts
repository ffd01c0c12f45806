// Persistent and temporary rooms: a temporary room is destroyed when its last occupant leaves — XEP-0045 §7.14 and §10.1.3
import { flagField } from '../config-fields.js';
import type { Feature } from '../hooks.js';

export const persistent: Feature = {
  name: 'persistent',
  section: '§7.14',
  config: [
    flagField(
      {
        priority: 95,
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
        if (
          !room.config.persistent &&
          room.occupantCount() === 0 &&
          room.state.destruction === undefined &&
          room.lifecycle() !== 'destroyed'
        ) {
          room.advanceLifecycle({ type: 'room.destroyed' }, 'persistent');
          // mod_muc fires muc-room-destroyed for it too (mod_muc_mam then drops the archive).
          room.bus.fire('muc-room-destroyed', {
            room,
            alternateVenue: undefined,
            reason: undefined,
            password: undefined,
          });
        }
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
