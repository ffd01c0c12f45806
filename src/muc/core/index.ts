// The core's own answers to iqs at a room's bare JID, as Prosody's muc.lib.lua has them: disco, the owner's form and destroy — XEP-0045 §6.4, §10
import type { CoreIqHandler } from './core-iq.js';
import { DISCO_IQ } from './disco.js';
import { OWNER_IQ } from './owner.js';

/** One of the core's iq answers, with the part of the core that gives it (the trace's `by`). */
export interface CoreIqRoute {
  part: string;
  handler: CoreIqHandler;
}

function routes(part: string, handlers: Record<string, CoreIqHandler>): [string, CoreIqRoute][] {
  return Object.entries(handlers).map(([key, handler]) => [key, { part, handler }]);
}

/** The core's iq answers by `"get <xmlns>"` or `"set <xmlns>"` key; a plugin that answers the same key goes first. */
export const CORE_IQ: ReadonlyMap<string, CoreIqRoute> = new Map([
  ...routes('disco', DISCO_IQ),
  ...routes('config', OWNER_IQ),
]);
