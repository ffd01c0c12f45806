// Which roles' presence is broadcast, including role none for absent members — XEP-0045 §16.5.3 (muc#roomconfig_presencebroadcast), as Prosody's presence_broadcast.lib.lua

import type { Feature } from '../hooks.js';
import type { BroadcastRole } from '../model/config.js';
import type { RoomChange } from '../room-change.js';

const BY = 'presence-broadcast';
const ORDER: BroadcastRole[] = ['visitor', 'participant', 'moderator', 'none'];

export const presenceBroadcast: Feature = {
  name: BY,
  section: '§7.2.2',
  config: [
    {
      priority: 63,
      word: 'presencebroadcast',
      field: {
        var: 'muc#roomconfig_presencebroadcast',
        type: 'list-multi',
        label: 'Only show participants with roles:',
        options: ['none', 'visitor', 'participant', 'moderator'],
      },
      // Prosody lists the stored roles in Lua table order (the diff sorts list-multi values).
      read: (config) => [
        ...ORDER.filter((role) => config.presenceBroadcast.has(role)),
        ...[...config.presenceBroadcast].filter((role) => !ORDER.includes(role as BroadcastRole)),
      ],
      // set_presence_broadcast: the submitted words as they are; a change only if a real role's changed.
      write: (config, value) => {
        const next = new Set<string>(Array.isArray(value) ? value : []);
        if (ORDER.every((role) => next.has(role) === config.presenceBroadcast.has(role)))
          return false;
        config.presenceBroadcast = next;
        return true;
      },
      // The submitted hook iterates the value with ipairs: a field without values raises.
      raises: (value) =>
        value === undefined
          ? "bad argument #1 to 'for iterator' (table expected, got nil)"
          : undefined,
    },
  ],
  hooks: {
    'muc-config-submitted': {
      priority: 0,
      // Prosody announces occupants whose role became broadcast, and shows as gone those whose role no longer is.
      run: ({ room, before, after }) => {
        const changes: RoomChange[] = [];
        for (const { nick, role } of room.occupants()) {
          const was = before.presenceBroadcast.has(role);
          const is = after.presenceBroadcast.has(role);
          if (is && !was) changes.push({ kind: 'presence', nick });
          else if (was && !is) changes.push({ kind: 'presence', nick, forceUnavailable: true });
        }
        return { changes };
      },
    },
  },
};
