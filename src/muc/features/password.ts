// Password-protected rooms — XEP-0045 §7.2.5 (muc#roomconfig_roomsecret)
import { textField } from '../config-fields.js';
import type { Feature } from '../hooks.js';

export const password: Feature = {
  name: 'password',
  section: '§7.2.5',
  config: [
    textField(
      {
        priority: 88,
        field: { var: 'muc#roomconfig_roomsecret', type: 'text-private', label: 'Password' },
      },
      'password',
      true,
    ),
  ],
  hooks: {
    'muc-occupant-pre-join': {
      priority: -20,
      run: ({ room, mucX }) => {
        const secret = room.config.password;
        // Prosody checks only joins that carry the muc <x/> (a nick change need not repeat it).
        if (!secret || !mucX) return undefined;
        // Prosody has no owner bypass: everyone, owners included, must give the password.
        const given = mucX.getChildText('password') || undefined;
        if (given === secret) return undefined;
        return { veto: { type: 'auth', condition: 'not-authorized', by: room.jid } };
      },
    },
    'muc-disco#info': {
      priority: 0,
      run: ({ room, features }) => {
        features.push(room.config.password ? 'muc_passwordprotected' : 'muc_unsecured');
      },
    },
  },
};
