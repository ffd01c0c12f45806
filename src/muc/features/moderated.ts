// Moderated rooms: visitors have no voice — XEP-0045 §5.1.2 (Table 4), §7.4 and §8.3–8.4
import { booleanField } from '../config-fields.js';
import type { Feature } from '../hooks.js';
import { roleMay } from '../model/privileges.js';

export const moderated: Feature = {
  name: 'moderated',
  section: '§8.3',
  config: [
    booleanField(
      'muc#roomconfig_moderatedroom',
      'Moderated (require permission to speak)',
      'moderated',
    ),
  ],
  hooks: {
    'muc-occupant-groupchat': {
      priority: 10,
      // §7.4: "If the sender is a visitor … the service MUST … return a <forbidden/> error".
      run: ({ occupant }) =>
        occupant && !roleMay(occupant.role, 'sendMessagesToAll')
          ? {
              veto: {
                type: 'auth',
                condition: 'forbidden',
                text: 'You do not currently have permission to speak in this chat',
              },
            }
          : undefined,
    },
    'muc-disco#info': {
      priority: 0,
      run: ({ room, features }) => {
        features.push(room.config.moderated ? 'muc_moderated' : 'muc_unmoderated');
      },
    },
  },
};
