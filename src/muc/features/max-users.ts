// The max-users extra: a room's occupant limit, muc#roomconfig_maxusers — XEP-0045 §7.2.9 (Prosody's core has none; off unless `--extra max-users`)
import type { Feature } from '../hooks.js';

const CHOICES = ['10', '20', '30', '50', '100'];

export const maxUsers: Feature = {
  name: 'max-users',
  section: '§7.2.9',
  flag: {
    order: 7,
    of: (config) => (config.maxUsers > 0 ? `max ${config.maxUsers} users` : undefined),
  },
  config: [
    {
      // Among Prosody's "Other options", after the history fields.
      priority: 60,
      word: 'maxusers',
      // The form offers a few limits; the room takes any.
      typed: {
        expected: 'a whole number or none',
        accepts: (value) => value === 'none' || /^\d+$/.test(value),
      },
      field: {
        var: 'muc#roomconfig_maxusers',
        type: 'list-single',
        label: 'Maximum number of occupants',
      },
      options: (config) =>
        [...CHOICES, 'none'].map((value) => ({
          value,
          label: value === 'none' ? 'No limit' : value,
          default: value === (config.maxUsers === 0 ? 'none' : String(config.maxUsers)),
        })),
      read: () => undefined,
      write: (config, value) => {
        const limit = value === 'none' ? 0 : Number(value);
        if (typeof value !== 'string' || !Number.isInteger(limit) || limit < 0) return false;
        if (config.maxUsers === limit) return false;
        config.maxUsers = limit;
        return true;
      },
    },
  ],
  hooks: {
    'muc-occupant-pre-join': {
      // Before members-only (−5): a full room turns newcomers away first.
      priority: -4,
      run: ({ room, affiliation }) => {
        const limit = room.config.maxUsers;
        if (limit === 0 || room.occupantCount() < limit) return undefined;
        // "… admins and owners MUST still be admitted" when the room is full.
        if (affiliation === 'owner' || affiliation === 'admin') return undefined;
        return { veto: { type: 'wait', condition: 'service-unavailable', by: room.jid } };
      },
    },
  },
};
