// The room's short description — XEP-0045 §6.4 (muc#roomconfig_roomdesc, muc#roominfo_description)
import { textField } from '../config-fields.js';
import type { Feature } from '../hooks.js';

export const description: Feature = {
  name: 'description',
  section: '§6.4',
  config: [
    textField(
      {
        priority: 98,
        word: 'description',
        field: {
          var: 'muc#roomconfig_roomdesc',
          label: 'Description',
          desc: 'A brief description of the room',
        },
      },
      'description',
      true,
    ),
  ],
  hooks: {
    'muc-disco#info': {
      priority: 0,
      run: ({ room, info }) => {
        info.push({
          var: 'muc#roominfo_description',
          label: 'Description',
          value: room.config.description,
        });
      },
    },
  },
};
