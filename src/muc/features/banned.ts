// Outcasts may not enter — XEP-0045 §7.2.7 (and §9.1 for banning)
import type { Feature } from '../hooks.js';

export const banned: Feature = {
  name: 'banned',
  section: '§7.2.7',
  hooks: {
    'muc-occupant-pre-join': {
      priority: -10,
      // "If the user has been banned from the room … the service MUST deny access … <forbidden/>".
      run: ({ room, affiliation }) =>
        affiliation === 'outcast'
          ? { veto: { type: 'auth', condition: 'forbidden', by: room.jid } }
          : undefined,
    },
  },
};
