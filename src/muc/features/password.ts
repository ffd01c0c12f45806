// Password-protected rooms, and the password an invitation carries — XEP-0045 §7.2.5 (muc#roomconfig_roomsecret) and §7.8.2
import { NS } from '../../xmpp/namespaces.js';
import { textField } from '../config-fields.js';
import type { Feature } from '../hooks.js';

export const password: Feature = {
  name: 'password',
  section: '§7.2.5',
  flag: { order: 3, of: (config) => (config.password ? 'password' : undefined) },
  config: [
    textField(
      {
        priority: 88,
        word: 'password',
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
    // Prosody's password.lib.lua: a creating presence's password protects the new room.
    'muc-room-pre-create': {
      priority: 0,
      run: ({ stanza }) => {
        const password = stanza.getChild('x', NS.muc)?.getChildText('password');
        return password ? { changes: [{ kind: 'config', patch: { password } }] } : undefined;
      },
    },
    // §7.8.2: "… the room's password" goes with the invitation, inside its muc#user <x/>.
    'muc-invite': {
      priority: 0,
      run: ({ room, invitation }) => {
        const secret = room.config.password;
        if (secret) invitation.getChild('x', NS.mucUser)?.c('password').t(secret);
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
