// The room's short description — XEP-0045 §6.4 (muc#roomconfig_roomdesc, muc#roominfo_description)
import { textField } from '../config-fields.js';
import type { Feature } from '../hooks.js';

export const description: Feature = {
  name: 'description',
  section: '§6.4',
  config: [textField('muc#roomconfig_roomdesc', 'Description', 'description')],
  hooks: {
    'muc-disco#info': {
      priority: 0,
      run: ({ room, info }) => {
        info.push({
          var: 'muc#roominfo_description',
          type: 'text-single',
          label: 'Description',
          values: [room.config.description],
        });
      },
    },
  },
};
