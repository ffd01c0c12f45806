// The room's natural-language name, shown as its disco identity — XEP-0045 §6.4 (muc#roomconfig_roomname)
import { textField } from '../config-fields.js';
import type { Feature } from '../hooks.js';

export const name: Feature = {
  name: 'name',
  section: '§6.4',
  config: [
    textField(
      { priority: 99, word: 'name', field: { var: 'muc#roomconfig_roomname', label: 'Title' } },
      'name',
      false,
    ),
  ],
  hooks: {
    'muc-disco#info': {
      priority: 0,
      run: ({ room, info }) => {
        info.push({
          var: 'muc#roomconfig_roomname',
          type: 'text-single',
          label: 'Title',
          value: room.config.name || undefined,
        });
      },
    },
  },
};
