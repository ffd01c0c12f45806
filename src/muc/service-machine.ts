// The MUC service's routing chart: a stanza goes to the service, a tombstone, an existing room, a new room, or is refused — XEP-0045 §6.1–6.3, §7.2.11, §10.1.1
import type { Element } from 'ltx';
import { setup } from 'xstate';
import { bareJid, localOf, resourceOf } from '../xmpp/jid.js';
import { NS } from '../xmpp/namespaces.js';
import {
  handleHostIq,
  handleServiceStanza,
  openRoom,
  refuseMissingRoom,
  refuseUnhandledIq,
  replyGone,
  routeToRoom,
  type ServiceContext,
  type ServiceEvent,
} from './service-actions.js';

export type { ServiceContext, ServiceEvent } from './service-actions.js';

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
 * stanza, and its actions do it (src/muc/service-actions.ts).
 */
export const serviceMachine = setup({
  types: {
    context: {} as ServiceContext,
    input: {} as ServiceContext,
    events: {} as ServiceEvent,
  },
  guards: {
    isHostIq: ({ context, event }) => context.roomServices.bus.hostIq(event.stanza) !== undefined,
    isUnhandledRoomIq: ({ event }) => isUnhandledRoomIq(event.stanza),
    isForService: ({ context, event }) => event.stanza.attrs.to === context.domain,
    isForExistingRoom: ({ context, event }) => context.rooms.has(bareJid(event.stanza.attrs.to)),
    isForTombstone: ({ context, event }) => context.tombstones.has(bareJid(event.stanza.attrs.to)),
    createsRoom: ({ event }) => isCreatingPresence(event.stanza),
  },
  actions: {
    handleHostIq: ({ context, event }) => handleHostIq(context, event),
    refuseUnhandledIq: ({ context, event }) => refuseUnhandledIq(context, event),
    handleServiceStanza: ({ context, event }) => handleServiceStanza(context, event),
    routeToRoom: ({ context, event }) => routeToRoom(context, event),
    replyGone: ({ context, event }) => replyGone(context, event),
    openRoom: ({ context, event }) => openRoom(context, event),
    refuseMissingRoom: ({ context, event }) => refuseMissingRoom(context, event),
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
          { guard: 'isHostIq', actions: 'handleHostIq' },
          { guard: 'isUnhandledRoomIq', actions: 'refuseUnhandledIq' },
          { guard: 'isForService', actions: 'handleServiceStanza' },
          { guard: 'isForExistingRoom', actions: 'routeToRoom' },
          { guard: 'isForTombstone', actions: 'replyGone' },
          { guard: 'createsRoom', actions: 'openRoom' },
          { actions: 'refuseMissingRoom' },
        ],
      },
    },
  },
});
