// Which roles' presence is broadcast, including role none for absent members — XEP-0045 §16.5.3 (muc#roomconfig_presencebroadcast)
import type { Feature } from '../hooks.js';
import type { BroadcastRole } from '../model/config.js';
import { isRole } from '../model/role.js';

const ORDER: BroadcastRole[] = ['visitor', 'participant', 'moderator', 'none'];

export const presenceBroadcast: Feature = {
  name: 'presence-broadcast',
  section: '§7.2.2',
  config: [
    {
      field: {
        var: 'muc#roomconfig_presencebroadcast',
        type: 'list-multi',
        label: 'Only show participants with roles',
        values: [],
        options: [
          { value: 'visitor', label: 'Visitor' },
          { value: 'participant', label: 'Participant' },
          { value: 'moderator', label: 'Moderator' },
          { value: 'none', label: 'Offline members' },
        ],
      },
      read: (config) => ORDER.filter((role) => config.presenceBroadcast.has(role)),
      write: (config, values) => {
        const roles = values.filter(isRole);
        if (roles.length !== values.length) {
          return {
            type: 'modify',
            condition: 'not-acceptable',
            text: 'Unknown role in presencebroadcast',
          };
        }
        config.presenceBroadcast = new Set(roles);
        return undefined;
      },
    },
  ],
};
