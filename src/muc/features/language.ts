// The room's language tag — XEP-0045 §6.4 (muc#roomconfig_lang, muc#roominfo_lang)
import { textField } from '../config-fields.js';
import type { Feature } from '../hooks.js';

export const language: Feature = {
  name: 'language',
  section: '§6.4',
  config: [
    textField(
      {
        priority: 97,
        word: 'lang',
        field: {
          var: 'muc#roomconfig_lang',
          label: "Language tag for room (e.g. 'en', 'de', 'fr' etc.)",
          desc: 'Indicate the primary language spoken in this room',
          datatype: 'xs:language',
        },
      },
      'language',
      true,
    ),
  ],
  hooks: {
    // mod_muc's set_room_defaults: the room speaks its creator's language.
    'muc-room-pre-create': {
      priority: 1,
      run: ({ stanza }) => {
        const language = stanza.attrs['xml:lang'];
        return language ? { changes: [{ kind: 'config', patch: { language } }] } : undefined;
      },
    },
    'muc-disco#info': {
      priority: 0,
      run: ({ room, info }) => {
        info.push({ var: 'muc#roominfo_lang', value: room.config.language });
      },
    },
  },
};
