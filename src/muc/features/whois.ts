// Who may see occupants' real JIDs: semi-anonymous and non-anonymous rooms — XEP-0045 §7.2.3–4 and §10.2.1 (172/173)
import { choiceField } from '../config-fields.js';
import type { Feature } from '../hooks.js';

export const whois: Feature = {
  name: 'whois',
  section: '§7.2.3',
  flag: {
    order: 4,
    of: (config) => (config.whois === 'anyone' ? 'non-anonymous' : 'semi-anonymous'),
  },
  config: [
    {
      ...choiceField(
        {
          priority: 76,
          word: 'whois',
          field: {
            var: 'muc#roomconfig_whois',
            label: 'Addresses (JIDs) of room occupants may be viewed by:',
          },
        },
        'whois',
        [
          { value: 'moderators', label: 'Moderators only' },
          { value: 'anyone', label: 'Anyone' },
        ],
      ),
      // §10.2.1: "172 … the room is now non-anonymous", "173 … now semi-anonymous"; no 104.
      codes: (value, changed) => (changed ? [value === 'moderators' ? '173' : '172'] : []),
      // whois.lib.lua's set_whois: assert(valid_whois[whois], "Invalid whois value").
      raises: (value) =>
        value === 'moderators' || value === 'anyone' ? undefined : 'Invalid whois value',
    },
  ],
  hooks: {
    'muc-disco#info': {
      priority: 0,
      run: ({ room, features }) => {
        features.push(room.config.whois === 'anyone' ? 'muc_nonanonymous' : 'muc_semianonymous');
      },
    },
  },
};
