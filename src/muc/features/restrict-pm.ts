// Who may send private messages through the room — XEP-0045 §7.5 (muc#roomconfig_allowpm with Prosody's values, and {xmpp:prosody.im}muc#allow_modpm)
import type { ConfigField, Feature } from '../hooks.js';
import { raiseLuaError } from '../lua-error.js';
import { type AllowPm, effectiveAllowPm } from '../model/config.js';
import { ROLE_RANK, type Role } from '../model/role.js';

/** Prosody's who_restricted: the end of its refusal's text. */
const RESTRICTED: Record<Exclude<AllowPm, 'visitor'>, string> = {
  none: 'in this group',
  participant: 'from guests',
  moderator: 'from non-moderators',
  affiliated: 'from non-members',
};

const PM_OPTIONS: readonly { value: AllowPm; label: string }[] = [
  { value: 'visitor', label: 'Everyone' },
  { value: 'participant', label: 'Participants' },
  { value: 'moderator', label: 'Moderators' },
  { value: 'affiliated', label: 'Members' },
  { value: 'none', label: 'No one' },
];

/**
 * Prosody stores whatever list-single value is submitted, valid or not (no value: nil), and
 * reports a change whenever it differs from what its getter returns. The form marks the option
 * equal to the getter's value; a value that is no option shows none.
 */
const allowPm: ConfigField = {
  priority: 0,
  word: 'allowpm',
  field: {
    var: 'muc#roomconfig_allowpm',
    label: 'Allow private messages from',
    type: 'list-single',
  },
  options: (config) =>
    PM_OPTIONS.map((option) => ({ ...option, default: option.value === effectiveAllowPm(config) })),
  read: () => undefined,
  write: (config, value) => {
    const next = typeof value === 'string' ? value : undefined;
    if (effectiveAllowPm(config) === next) return false;
    config.allowPm = next;
    return true;
  },
};

const allowModPm: ConfigField = {
  priority: 0,
  word: 'allowmodpm',
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
  config: [allowPm, allowModPm],
  hooks: {
    'muc-private-message': {
      priority: 1,
      run: ({ room, occupant: sender, recipient }) => {
        if (!sender || recipient.bareJid === sender.bareJid) return undefined;
        const { allowModPm: toModerators } = room.config;
        if (toModerators && (recipient.role === 'moderator' || sender.role === 'moderator')) {
          return undefined;
        }
        const lowest = effectiveAllowPm(room.config);
        if (lowest !== 'none') {
          if (lowest === 'affiliated' && room.affiliationOf(sender.bareJid) !== 'none') {
            return undefined;
          }
          // Prosody compares role ranks, and has none for `affiliated` or an unknown value.
          const rank = ROLE_RANK[lowest as Role] as number | undefined;
          if (rank === undefined) {
            raiseLuaError('restrict-pm', 'attempt to compare nil with number');
          }
          if (ROLE_RANK[sender.role] >= rank) return undefined;
        }
        // The XEP defines no error here; Prosody answers policy-violation.
        return {
          veto: {
            type: 'cancel',
            condition: 'policy-violation',
            text: `Private messages are restricted ${RESTRICTED[lowest as Exclude<AllowPm, 'visitor'>]}`,
          },
        };
      },
    },
  },
};
