// The MUC service's chart and its actions: a stanza goes to another module of the host, the service, an existing room, a tombstone, a new room, or is refused, and the action chosen does the work; the routes the service takes read the chart — XEP-0045 §6.1–6.3, §7.2.10–11, §10.1.1, §10.9, as Prosody's mod_muc
import { Element } from 'ltx';
import { setup } from 'xstate';
import { bareJid, localOf, prepJid, resourceOf } from '../xmpp/jid.js';
import { NS } from '../xmpp/namespaces.js';
import { isUnanswerable, stanzaError } from '../xmpp/stanza-error.js';
import { firstElement } from '../xmpp/xml.js';
import { applyChanges } from './core/apply-changes.js';
import { destroyRoom } from './core/destroy.js';
import { setAffiliation } from './core/room-changes.js';
import { createRoom } from './core/room-creation.js';
import type { Effects } from './effects.js';
import { handleLikeProsody } from './lua-error.js';
import type { Affiliation } from './model/affiliation.js';
import { Room, type RoomServices } from './room.js';
import { handleRoomStanza } from './room-router.js';
import { answerServiceIq, type ServiceView } from './service-iq.js';

const BY = 'service';

export interface Tombstone {
  alternateVenue: string | undefined;
  reason: string | undefined;
}

/** The service as its chart's guards and actions see it: the registry and what every room shares. */
export interface ServiceContext {
  domain: string;
  rooms: Map<string, Room>;
  tombstones: Map<string, Tombstone>;
  /** Bare JIDs of the service admins. */
  admins: ReadonlySet<string>;
  roomServices: RoomServices;
  /** Takes a stanza from the start again (a service admin lifting a tombstone). */
  handle(stanza: Element, effects: Effects): void;
}

export type ServiceEvent = { type: 'stanza.received'; stanza: Element; effects: Effects };

type Action = (service: ServiceContext, event: ServiceEvent) => void;

/** A room that ends destroyed leaves the registry; a persistent one leaves a tombstone (§10.9). */
function forget(service: ServiceContext, room: Room): void {
  if (room.lifecycle() !== 'destroyed') return;
  service.rooms.delete(room.jid);
  if (room.config.persistent) {
    // Prosody keeps a tombstone of a destroyed persistent room, answering joins with <gone/>
    // that carries the alternate venue (xmpp:venue?join) and the reason.
    const { alternateVenue, reason } = room.state.destruction ?? {};
    service.tombstones.set(room.jid, { alternateVenue, reason });
  }
}

/** A stanza to an existing room or one of its occupants: the room's core handles it. */
const routeToRoom: Action = (service, { stanza, effects }) => {
  const room = service.rooms.get(bareJid(stanza.attrs.to));
  if (!room) return;
  handleRoomStanza(room, effects, stanza);
  forget(service, room);
};

/**
 * An iq another module of the host answers before the MUC looks for the room (mod_vcard,
 * mod_muc_mam: a feature's `hostIq`), whether or not the room exists: its reply (a stanza or an
 * error, with no verdict of the room), then its changes to the room.
 */
const handleHostIq: Action = (service, { stanza, effects }) => {
  const { bus, vcards } = service.roomServices;
  const route = bus.hostIq(stanza);
  if (!route) return;
  const room = service.rooms.get(bareJid(stanza.attrs.to));
  const answer = () => {
    const { reply, changes } = route.handler.answer({ stanza, room, out: effects, vcards });
    if (reply instanceof Element) effects.send(reply, route.feature);
    else if (reply) effects.send(stanzaError(stanza, reply), route.feature);
    if (room && changes) applyChanges(room, effects, changes, route.feature);
  };
  if (!room) return answer();
  handleLikeProsody(room.jid, effects, answer);
};

/** An iq get or set at a room's bare JID that nothing of Prosody's MUC answers. */
const refuseUnhandledIq: Action = (_service, { stanza, effects }) => {
  effects.send(stanzaError(stanza, { type: 'cancel', condition: 'service-unavailable' }), BY);
};

/** §10.1.1: a new room, in the registry before the core creates it (the creator's join may end it). */
const openRoom: Action = (service, { stanza, effects }) => {
  const jid = bareJid(stanza.attrs.to);
  const room = new Room(jid, service.roomServices);
  service.rooms.set(jid, room);
  createRoom(room, effects, stanza);
  forget(service, room);
};

/** Prosody's tombstone: every stanza but an error gets `gone`, from the service, with the new venue and reason. */
const replyGone: Action = (service, { stanza, effects }) => {
  if (isUnanswerable(stanza)) return;
  const type = stanza.attrs.type;
  const jid = bareJid(stanza.attrs.to);
  const byAdmin = service.admins.has(bareJid(stanza.attrs.from));
  if (byAdmin && stanza.name === 'presence' && type === undefined) {
    // Prosody lets a service admin recreate a destroyed room.
    service.tombstones.delete(jid);
    return service.handle(stanza, effects);
  }
  const tombstone = service.tombstones.get(jid);
  const venue = tombstone?.alternateVenue;
  const gone = stanzaError(stanza, {
    type: 'cancel',
    condition: 'gone',
    conditionText: venue ? `xmpp:${venue}?join` : undefined,
    text: tombstone?.reason,
    by: service.domain,
  });
  effects.send(gone, BY);
};

/** §7.2.10/§17.2: anything but an error (or a creating join) for a room that does not exist. */
const refuseMissingRoom: Action = (service, { stanza, effects }) => {
  if (isUnanswerable(stanza)) return;
  const valid = prepJid(bareJid(stanza.attrs.to)) !== undefined;
  const spec = valid
    ? ({ type: 'cancel', condition: 'item-not-found' } as const)
    : ({ type: 'modify', condition: 'jid-malformed' } as const);
  effects.send(stanzaError(stanza, { ...spec, by: service.domain }), BY);
};

/** A stanza to the service itself: its disco and commands answer an iq; anything else finds no room. */
const handleServiceStanza: Action = (service, { stanza, effects }) => {
  const type = stanza.attrs.type;
  if (type === 'error' || type === 'result') return;
  if (stanza.name !== 'iq') {
    // Prosody looks for a room named like the service itself, and finds none.
    const notFound = { type: 'cancel', condition: 'item-not-found', by: service.domain } as const;
    return effects.send(stanzaError(stanza, notFound), BY);
  }
  effects.send(answerServiceIq(stanza, serviceView(service, effects)), BY);
};

/** What the service's disco and commands read and do. */
function serviceView(service: ServiceContext, effects: Effects): ServiceView {
  const { domain, rooms, tombstones, admins } = service;
  return {
    domain,
    admins: [...admins],
    isAdmin: (jid) => admins.has(bareJid(jid)),
    publicRooms: () => [...rooms.values()].filter((room) => room.config.public),
    roomJids: () => [...rooms.keys(), ...tombstones.keys()],
    room: (jid) => rooms.get(prepJid(jid) ?? jid),
    destroy: (room) => {
      destroyRoom(room, effects, {}, 'destroy');
      forget(service, room);
    },
    setAffiliation: (room, jid, affiliation, reason) => {
      const details = { reason };
      const as = affiliation as Affiliation;
      const refusal = setAffiliation(room, effects, 'room', jid, as, details, 'service');
      return refusal && `${refusal.type}:${refusal.condition}`;
    },
    nextId: () => service.roomServices.env.nextId(),
  };
}

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
 * element, always a `<query/>`), by type; any other iq get or set finds no handler and gets
 * service-unavailable, whether or not the room exists.
 */
const ROOM_QUERIES: Readonly<Record<'get' | 'set', ReadonlySet<string>>> = {
  get: new Set([NS.discoInfo, NS.discoItems, NS.mucAdmin, NS.mucOwner, NS.register]),
  set: new Set([NS.mucAdmin, NS.mucOwner, NS.register]),
};

function isUnhandledRoomIq(stanza: Element): boolean {
  const type: string | undefined = stanza.attrs.type;
  if (stanza.name !== 'iq' || (type !== 'get' && type !== 'set')) return false;
  // A room's bare JID: a localpart, no resource (read without slicing the address).
  const to = stanza.attrs.to;
  if (to.includes('/') || !to.includes('@')) return false;
  const payload = firstElement(stanza);
  return payload?.name !== 'query' || !ROOM_QUERIES[type].has(payload.attrs.xmlns);
}

/**
 * The chart has one state: it decides, by guards over the registry, which action handles each
 * stanza, and its action (above) does the work on the service it is given as context.
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

/** One of the chart's transitions on `stanza.received`: its guard (none on the last) and its action. */
export interface ServiceRoute {
  /** The chart's own guard, as xstate calls it. */
  guard?: Implementation<boolean>;
  /** The action's name in the chart. */
  action: string;
  /** The chart's own implementation of that action. */
  run: Action;
}

/** The route the chart takes for `event`: the first whose guard passes (the last has none). */
export function chooseRoute(
  routes: readonly ServiceRoute[],
  service: ServiceContext,
  event: ServiceEvent,
): ServiceRoute | undefined {
  // One argument object for every guard, as xstate passes one per transition.
  const args = { context: service, event };
  for (const route of routes) {
    if (route.guard === undefined || route.guard(args)) return route;
  }
  return undefined;
}

type Implementation<Result> = (args: { context: ServiceContext; event: ServiceEvent }) => Result;

/**
 * The chart's transitions on `stanza.received`, in order, with the chart's own guards and
 * actions: the chart has one state and no context changes, so running the action of the first
 * route whose guard passes is what xstate's transition() does, without building a snapshot and
 * its action list for every stanza.
 */
export function serviceRoutes(): readonly ServiceRoute[] {
  const { guards, actions } = serviceMachine.implementations as unknown as {
    guards: Record<string, Implementation<boolean>>;
    actions: Record<string, Implementation<void>>;
  };
  const running = serviceMachine.config.states?.running;
  const candidates = running?.on?.['stanza.received'] as readonly {
    guard?: string;
    actions: string;
  }[];
  return candidates.map(({ guard, actions: action }) => {
    const implementation = actions[action];
    if (!implementation) throw new Error(`the service chart has no action ${action}`);
    const check = guard === undefined ? undefined : guards[guard];
    return {
      action,
      run: (context: ServiceContext, event: ServiceEvent) => implementation({ context, event }),
      ...(check && { guard: check }),
    };
  });
}
