// Which roles' presence is broadcast, including role none for absent members — XEP-0045 §16.5.3 (muc#roomconfig_presencebroadcast), as Prosody's presence_broadcast.lib.lua
import type { Feature } from '../hooks.js';
import type { BroadcastRole } from '../model/config.js';
import { isRole } from '../model/role.js';
import { publiciseOccupantStatus } from '../presence.js';

const BY = 'presence-broadcast';
const ORDER: BroadcastRole[] = ['visitor', 'participant', 'moderator', 'none'];

export const presenceBroadcast: Feature = {
  name: BY,
  section: '§7.2.2',
  config: [
    {
      priority: 63,
      field: {
        var: 'muc#roomconfig_presencebroadcast',
        type: 'list-multi',
        label: 'Only show participants with roles:',
        options: ['none', 'visitor', 'participant', 'moderator'],
      },
      read: (config) => ORDER.filter((role) => config.presenceBroadcast.has(role)),
      write: (config, value) => {
        const roles = Array.isArray(value) ? value.filter(isRole) : [];
        const next = new Set<BroadcastRole>(roles);
        if (ORDER.every((role) => next.has(role) === config.presenceBroadcast.has(role)))
          return false;
        config.presenceBroadcast = next;
        return true;
      },
    },
  ],
  hooks: {
    'muc-config-submitted': {
      priority: 0,
      // Prosody announces occupants whose role became broadcast, and shows as gone those whose role no longer is.
      run: ({ room, before, after }) => {
        for (const occupant of [...room.occupants()]) {
          const was = before.presenceBroadcast.has(occupant.role);
          const is = after.presenceBroadcast.has(occupant.role);
          if (is && !was) publiciseOccupantStatus(room, occupant, {}, BY);
          else if (was && !is)
            publiciseOccupantStatus(room, occupant, { forceUnavailable: true }, BY);
        }
      },
    },
  },
};
