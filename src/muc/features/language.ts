// The room's language tag — XEP-0045 §6.4 (muc#roomconfig_lang, muc#roominfo_lang)
import { textField } from '../config-fields.js';
import type { Feature } from '../hooks.js';

export const language: Feature = {
  name: 'language',
  section: '§6.4',
  config: [
    textField('muc#roomconfig_lang', "Language tag for room (e.g. 'en', 'de', 'fr')", 'language'),
  ],
  hooks: {
    'muc-disco#info': {
      priority: 0,
      run: ({ room, info }) => {
        info.push({
          var: 'muc#roominfo_lang',
          type: 'text-single',
          label: 'Language tag for room',
          values: [room.config.language],
        });
      },
    },
  },
};
