// Who may see occupants' real JIDs: semi-anonymous and non-anonymous rooms — XEP-0045 §7.2.3–4 and §10.2.1 (172/173)
import { choiceField } from '../config-fields.js';
import type { Feature } from '../hooks.js';

export const whois: Feature = {
  name: 'whois',
  section: '§7.2.3',
  config: [
    choiceField(
      'muc#roomconfig_whois',
      'Addresses (JIDs) of room occupants may be viewed by:',
      'whois',
      [
        { value: 'moderators', label: 'Moderators only' },
        { value: 'anyone', label: 'Anyone' },
      ],
    ),
  ],
  hooks: {
    'muc-config-submitted': {
      priority: 0,
      // §10.2.1: "172 … the room is now non-anonymous", "173 … now semi-anonymous".
      run: ({ before, after, statusCodes }) => {
        if (before.whois === after.whois) return;
        statusCodes.add(after.whois === 'anyone' ? '172' : '173');
      },
    },
    'muc-disco#info': {
      priority: 0,
      run: ({ room, features }) => {
        features.push(room.config.whois === 'anyone' ? 'muc_nonanonymous' : 'muc_semianonymous');
      },
    },
  },
};
