// A room's vCard (its avatar), as Prosody's vcard.lib.lua shows it: the vcard-temp feature, the roominfo avatar hash, and an empty vCard — XEP-0045 §6.4
import { NS } from '../../xmpp/namespaces.js';
import type { Feature } from '../hooks.js';

const BY = 'vcard';

export const vcard: Feature = {
  name: BY,
  section: '§6.4',
  iq: {
    // No room here has a vCard: Prosody's answer for a room without one.
    [`get ${NS.vcard}`]: ({ room, stanza }) =>
      room.sendError(stanza, { type: 'cancel', condition: 'item-not-found' }, BY),
  },
  hooks: {
    'muc-disco#info': {
      priority: 0,
      run: ({ features, info }) => {
        features.push(NS.vcard);
        info.push({ var: 'muc#roominfo_avatarhash', type: 'text-multi' });
      },
    },
  },
};
