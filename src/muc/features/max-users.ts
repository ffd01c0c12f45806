// A room's occupant limit — XEP-0045 §7.2.9 (muc#roomconfig_maxusers; Prosody's core has none, mucsim offers the XEP's)
import type { StanzaErrorSpec } from '../../xmpp/stanza-error.js';
import type { Feature } from '../hooks.js';

const CHOICES = ['10', '20', '30', '50', '100'];
const full: StanzaErrorSpec = { type: 'wait', condition: 'service-unavailable' };

export const maxUsers: Feature = {
  name: 'max-users',
  section: '§7.2.9',
  config: [
    {
      field: {
        var: 'muc#roomconfig_maxusers',
        type: 'list-single',
        label: 'Maximum number of occupants',
        values: [],
        options: [...CHOICES, 'none'].map((value) => ({ value })),
      },
      read: (config) => [config.maxUsers === 0 ? 'none' : String(config.maxUsers)],
      write: (config, values) => {
        const value = values[0] ?? 'none';
        const limit = value === 'none' ? 0 : Number(value);
        if (!Number.isInteger(limit) || limit < 0) {
          return {
            type: 'modify',
            condition: 'not-acceptable',
            text: 'maxusers must be a number or none',
          };
        }
        config.maxUsers = limit;
        return undefined;
      },
    },
  ],
  hooks: {
    'muc-occupant-pre-join': {
      priority: -15,
      run: ({ room, affiliation }) => {
        const limit = room.config.maxUsers;
        if (limit === 0 || room.occupantCount() < limit) return undefined;
        // "… admins and owners MUST still be admitted" when the room is full.
        if (affiliation === 'owner' || affiliation === 'admin') return undefined;
        return { veto: full };
      },
    },
  },
};
