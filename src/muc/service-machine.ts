// The MUC service's routing chart: a stanza goes to the service, a tombstone, an existing room, a new room, or is refused — XEP-0045 §6.1–6.3, §7.2.11, §10.1.1
import type { Element } from 'ltx';
import { setup } from 'xstate';
import { bareJid, localOf, resourceOf } from '../xmpp/jid.js';
import { NS } from '../xmpp/namespaces.js';
import type { Effects } from './effects.js';
import { isMamQuery } from './features/mam.js';
import { isVcardIq } from './features/vcard.js';

export interface ServiceRegistry {
  domain: string;
  rooms: ReadonlyMap<string, unknown>;
  tombstones: ReadonlyMap<string, unknown>;
}

export type ServiceEvent = { type: 'stanza.received'; stanza: Element; effects: Effects };

/** §10.1.1 (Prosody): only an available presence to room/nick carrying the muc `<x/>` creates a room. */
function isCreatingPresence(stanza: Element): boolean {
  return (
    stanza.name === 'presence' &&
    stanza.attrs.type === undefined &&
    resourceOf(stanza.attrs.to) !== undefined &&
    localOf(stanza.attrs.to) !== undefined &&
    stanza.getChild('x', NS.muc) !== undefined
  );
}

/**
 * The iqs Prosody's mod_muc answers at a room's bare JID (its event names: type, namespace and
 * element); any other iq get or set finds no handler and gets service-unavailable, whether or
 * not the room exists.
 */
const ROOM_IQS = new Set([
  `get ${NS.discoInfo} query`,
  `get ${NS.discoItems} query`,
  `get ${NS.mucAdmin} query`,
  `set ${NS.mucAdmin} query`,
  `get ${NS.mucOwner} query`,
  `set ${NS.mucOwner} query`,
  `get ${NS.register} query`,
  `set ${NS.register} query`,
]);

function isUnhandledRoomIq(stanza: Element): boolean {
  const type = stanza.attrs.type;
  if (stanza.name !== 'iq' || (type !== 'get' && type !== 'set')) return false;
  const to = stanza.attrs.to;
  if (localOf(to) === undefined || resourceOf(to) !== undefined) return false;
  const payload = stanza.getChildElements()[0];
  return !ROOM_IQS.has(`${type} ${payload?.attrs.xmlns} ${payload?.name}`);
}

/**
 * The chart has one state: it decides, by guards over the registry, which action handles each
 * stanza. The actions are provided by the service (`machine.provide`), which owns the rooms.
 */
export const serviceMachine = setup({
  types: {
    context: {} as ServiceRegistry,
    input: {} as ServiceRegistry,
    events: {} as ServiceEvent,
  },
  guards: {
    isVcard: ({ event }) => isVcardIq(event.stanza),
    isMamQuery: ({ event }) => isMamQuery(event.stanza),
    isUnhandledRoomIq: ({ event }) => isUnhandledRoomIq(event.stanza),
    isForService: ({ context, event }) => event.stanza.attrs.to === context.domain,
    isForExistingRoom: ({ context, event }) => context.rooms.has(bareJid(event.stanza.attrs.to)),
    isForTombstone: ({ context, event }) => context.tombstones.has(bareJid(event.stanza.attrs.to)),
    createsRoom: ({ event }) => isCreatingPresence(event.stanza),
  },
  actions: {
    handleVcard: () => {},
    handleMamQuery: () => {},
    refuseUnhandledIq: () => {},
    handleServiceStanza: () => {},
    routeToRoom: () => {},
    replyGone: () => {},
    createRoom: () => {},
    refuseMissingRoom: () => {},
  },
}).createMachine({
  id: 'service',
  context: ({ input }) => input,
  initial: 'running',
  states: {
    running: {
      on: {
        'stanza.received': [
          // Prosody's mod_iq hands vcard-temp to mod_vcard, and MAM queries to mod_muc_mam,
          // before the MUC looks for the room.
          { guard: 'isVcard', actions: 'handleVcard' },
          { guard: 'isMamQuery', actions: 'handleMamQuery' },
          { guard: 'isUnhandledRoomIq', actions: 'refuseUnhandledIq' },
          { guard: 'isForService', actions: 'handleServiceStanza' },
          { guard: 'isForExistingRoom', actions: 'routeToRoom' },
          { guard: 'isForTombstone', actions: 'replyGone' },
          { guard: 'createsRoom', actions: 'createRoom' },
          { actions: 'refuseMissingRoom' },
        ],
      },
    },
  },
});

export type ServiceAction =
  | 'handleVcard'
  | 'handleMamQuery'
  | 'refuseUnhandledIq'
  | 'handleServiceStanza'
  | 'routeToRoom'
  | 'replyGone'
  | 'createRoom'
  | 'refuseMissingRoom';

export interface ServiceRoute {
  guard?: (registry: ServiceRegistry, event: ServiceEvent) => boolean;
  action: ServiceAction;
}

/**
 * The chart's transitions on `stanza.received`, in order, with their guards: the chart has one
 * state and no context changes, so taking the first route whose guard passes is what xstate's
 * transition() does, without building an actor and a snapshot for every stanza.
 */
export function serviceRoutes(): readonly ServiceRoute[] {
  const guards = serviceMachine.implementations.guards as Record<
    string,
    (args: { context: ServiceRegistry; event: ServiceEvent }) => boolean
  >;
  const running = serviceMachine.config.states?.running;
  const candidates = running?.on?.['stanza.received'] as readonly {
    guard?: string;
    actions: ServiceAction;
  }[];
  return candidates.map(({ guard, actions }) => {
    const check = guard === undefined ? undefined : guards[guard];
    return {
      action: actions,
      ...(check && {
        guard: (context: ServiceRegistry, event: ServiceEvent) => check({ context, event }),
      }),
    };
  });
}
