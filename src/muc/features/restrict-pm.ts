// Who may send private messages through the room — XEP-0045 §7.5 (muc#roomconfig_allowpm with Prosody's values, and {xmpp:prosody.im}muc#allow_modpm)
import { choiceField, type Placement } from '../config-fields.js';
import type { ConfigField, Feature } from '../hooks.js';
import type { AllowPm } from '../model/config.js';
import { ROLE_RANK } from '../model/role.js';

/** Prosody's who_restricted: the end of its refusal's text. */
const RESTRICTED: Record<Exclude<AllowPm, 'visitor'>, string> = {
  none: 'in this group',
  participant: 'from guests',
  moderator: 'from non-moderators',
  affiliated: 'from non-members',
};

const allowPm: Placement = {
  priority: 0,
  field: { var: 'muc#roomconfig_allowpm', label: 'Allow private messages from' },
};

const allowModPm: ConfigField = {
  priority: 0,
  field: {
    var: '{xmpp:prosody.im}muc#allow_modpm',
    type: 'boolean',
    label: 'Always allow private messages to moderators',
  },
  read: (config) => config.allowModPm,
  // Prosody compares the submitted value with what it has: anything but a boolean turns it off.
  write: (config, value) => {
    const next = value === true;
    const changed = config.allowModPm !== value;
    config.allowModPm = next;
    return changed;
  },
};

export const restrictPm: Feature = {
  name: 'restrict-pm',
  section: '§7.5',
  config: [
    choiceField(allowPm, 'allowPm', [
      { value: 'visitor', label: 'Everyone' },
      { value: 'participant', label: 'Participants' },
      { value: 'moderator', label: 'Moderators' },
      { value: 'affiliated', label: 'Members' },
      { value: 'none', label: 'No one' },
    ]),
    allowModPm,
  ],
  hooks: {
    'muc-private-message': {
      priority: 1,
      run: ({ room, occupant: sender, recipient }) => {
        if (!sender || recipient.bareJid === sender.bareJid) return undefined;
        const { allowPm: lowest, allowModPm: toModerators } = room.config;
        if (toModerators && (recipient.role === 'moderator' || sender.role === 'moderator')) {
          return undefined;
        }
        if (lowest === 'visitor') return undefined;
        if (lowest === 'affiliated' && room.affiliationOf(sender.bareJid) !== 'none')
          return undefined;
        if (
          lowest !== 'none' &&
          lowest !== 'affiliated' &&
          ROLE_RANK[sender.role] >= ROLE_RANK[lowest]
        ) {
          return undefined;
        }
        // The XEP defines no error here; Prosody answers policy-violation.
        return {
          veto: {
            type: 'cancel',
            condition: 'policy-violation',
            text: `Private messages are restricted ${RESTRICTED[lowest]}`,
          },
        };
      },
    },
  },
};
