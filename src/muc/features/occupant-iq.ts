// XEP-0410 self-ping optimisation, advertised in the room's disco (the room answers a ping to one's own occupant JID) — XEP-0045 §6.6 and §17.4
import { NS } from '../../xmpp/namespaces.js';
import type { Feature } from '../hooks.js';

const BY = 'occupant-iq';
export const occupantIq: Feature = {
  name: BY,
  section: '§6.6',
  hooks: {
    'muc-disco#info': {
      priority: 0,
      run: ({ features }) => {
        features.push(NS.mucSelfPing);
      },
    },
  },
};
