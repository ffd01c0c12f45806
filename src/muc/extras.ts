// What mucsim can do beyond Prosody, each off unless asked for: the opt-in extras (`--extra`) — XEP-0045 §7.2.9, §7.8.2 and §10.2

import { maxUsers } from './features/max-users.js';
import { outsideInviteGuard } from './features/outside-invite-guard.js';
import type { Feature } from './hooks.js';

export interface ExtraDescription {
  /** Where XEP-0045 describes what the extra adds. */
  section: string;
  /** One line: what changes when it is on. */
  summary: string;
  /** The plugin it adds to the service, if it is one. */
  feature?: Feature;
}

/**
 * By default the simulated service answers as Prosody 13 does. Each extra adds something the
 * XEP describes and Prosody does not do; a script that relies on one does not pass on Prosody.
 */
export const EXTRAS = {
  'max-users': {
    section: '§7.2.9',
    summary:
      'offer muc#roomconfig_maxusers: a full room refuses newcomers (service-unavailable); admins and owners still enter',
    feature: maxUsers,
  },
  'notify-322': {
    section: '§10.2',
    summary:
      'when a room becomes members-only, tell the remaining occupants that the non-members left (322); Prosody tells only those removed',
  },
  'outside-invite-guard': {
    section: '§7.8.2',
    summary:
      "refuse (forbidden) a mediated invitation sent from outside a semi-anonymous room, which Prosody forwards with the inviter's real JID",
    feature: outsideInviteGuard,
  },
} as const satisfies Record<string, ExtraDescription>;

export type MucExtra = keyof typeof EXTRAS;

export const EXTRA_NAMES = Object.keys(EXTRAS) as MucExtra[];

export function isExtra(name: string): name is MucExtra {
  return Object.hasOwn(EXTRAS, name);
}

/** The service's features with the plugins of the extras that are on. */
export function featuresWithExtras(
  features: readonly Feature[],
  extras: ReadonlySet<MucExtra>,
): Feature[] {
  const added = EXTRA_NAMES.filter((name) => extras.has(name)).flatMap((name) => {
    const feature = (EXTRAS[name] as ExtraDescription).feature;
    return feature ? [feature] : [];
  });
  return [...features, ...added];
}
