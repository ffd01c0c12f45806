// What every room does beside its plugins, as Prosody's muc.lib.lua hooks itself in: disco, the owner's form and destroy, history asked of the features — XEP-0045 §6.4, §7.2.13, §10
import type { Feature } from '../hooks.js';
import { DISCO_IQ } from './disco.js';
import { addHistoric, sendHistory } from './history-delivery.js';
import { OWNER_IQ } from './owner.js';

/**
 * The core's own hooks and iq handlers, registered before the plugins of FEATURES: they are
 * always there, whichever plugins the service runs, and a plugin that answers one of the same
 * iqs takes it over.
 */
export const CORE: Feature = {
  name: 'core',
  section: '§7',
  hooks: {
    'muc-broadcast-message': { priority: 0, run: addHistoric },
    'muc-occupant-session-new': { priority: 50, run: sendHistory },
  },
  iq: { ...DISCO_IQ, ...OWNER_IQ },
};
