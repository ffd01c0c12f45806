// The MUC component (conference.localhost): room registry, creation, tombstones, and what the service itself answers — XEP-0045 §6.1–6.3, §10.1, §10.9, as Prosody's mod_muc
import { Element } from 'ltx';
import { bareJid, prepJid } from '../xmpp/jid.js';
import { stanzaError } from '../xmpp/stanza-error.js';
import { applyChanges } from './core/apply-changes.js';
import { destroyRoom } from './core/destroy.js';
import { setAffiliation } from './core/room-changes.js';
import { createRoom } from './core/room-creation.js';
import type { Effects } from './effects.js';
import type { MucEnvironment } from './environment.js';
import { featuresWithExtras, type MucExtra } from './extras.js';
import { FEATURES } from './features/index.js';
import { answerMamQuery } from './features/mam.js';
import { answerVcardIq } from './features/vcard.js';
import { HookBus } from './hook-bus.js';
import type { Feature, IqAnswer } from './hooks.js';
import { handleLikeProsody } from './lua-error.js';
import type { Affiliation } from './model/affiliation.js';
import { Room, type RoomServices } from './room.js';
import { handleRoomStanza } from './room-router.js';
import { answerServiceIq, type ServiceView } from './service-iq.js';
import {
  type ServiceAction,
  type ServiceEvent,
  type ServiceRegistry,
  serviceRoutes,
} from './service-machine.js';

const ROUTES = serviceRoutes();

const BY = 'service';

export interface ServiceOptions {
  domain: string;
  /** Bare JIDs of the service admins (Prosody's `admins`). */
  admins: readonly string[];
  env: MucEnvironment;
  /** The secret behind XEP-0421 occupant ids (the world derives it from its seed). */
  occupantIdSecret: string;
  features?: readonly Feature[];
  /** What mucsim adds beyond Prosody, each off unless listed (src/muc/extras.ts). */
  extras?: readonly MucExtra[];
}

interface Tombstone {
  alternateVenue: string | undefined;
  reason: string | undefined;
}

export class MucService {
  readonly domain: string;
  readonly rooms = new Map<string, Room>();
  readonly tombstones = new Map<string, Tombstone>();
  private readonly roomServices: RoomServices;
  private readonly admins: Set<string>;
  private readonly registry: ServiceRegistry;
  private readonly actions: Record<ServiceAction, (event: ServiceEvent) => void>;

  constructor(private readonly options: ServiceOptions) {
    this.domain = options.domain;
    this.admins = new Set(options.admins.map((jid) => prepJid(jid) ?? jid));
    const extras = new Set(options.extras ?? []);
    this.roomServices = {
      bus: new HookBus(featuresWithExtras(options.features ?? FEATURES, extras)),
      applyChanges,
      extras,
      env: options.env,
      occupantIdSecret: options.occupantIdSecret,
      vcards: new Map(),
    };
    this.actions = {
      handleVcard: (event) => this.handleVcard(event),
      handleMamQuery: (event) => this.handleMamQuery(event),
      refuseUnhandledIq: (event) =>
        event.effects.send(
          stanzaError(event.stanza, { type: 'cancel', condition: 'service-unavailable' }),
          BY,
        ),
      handleServiceStanza: (event) => this.handleServiceStanza(event),
      routeToRoom: (event) => this.routeToRoom(event),
      replyGone: (event) => this.replyGone(event),
      createRoom: (event) => this.createRoom(event),
      refuseMissingRoom: (event) => this.refuseMissingRoom(event),
    };
    this.registry = { domain: this.domain, rooms: this.rooms, tombstones: this.tombstones };
  }

  /**
   * Handles one stanza addressed to the service or a room; `from` is the sender's full JID. The
   * service chart's first route whose guard passes decides which action takes it. An action that
   * throws reaches the world's catch (DESIGN, style 5).
   */
  handle(stanza: Element, effects: Effects): void {
    const event: ServiceEvent = { type: 'stanza.received', stanza, effects };
    const route = ROUTES.find(({ guard }) => guard === undefined || guard(this.registry, event));
    if (route) this.actions[route.action](event);
  }

  room(jid: string): Room | undefined {
    return this.rooms.get(jid);
  }

  private routeToRoom({ stanza, effects }: ServiceEvent): void {
    const jid = bareJid(stanza.attrs.to);
    const room = this.rooms.get(jid);
    if (!room) return;
    handleLikeProsody(room.jid, effects, () => handleRoomStanza(room, effects, stanza));
    if (room.lifecycle() === 'destroyed') this.forget(room);
  }

  /** A room's vCard (or the service's), answered by mod_vcard whether or not the room exists. */
  private handleVcard({ stanza, effects }: ServiceEvent): void {
    const { vcards } = this.roomServices;
    const room = this.rooms.get(bareJid(stanza.attrs.to));
    if (!room)
      return this.answer(effects, undefined, answerVcardIq(stanza, undefined, vcards), 'vcard');
    handleLikeProsody(room.jid, effects, () =>
      this.answer(effects, room, answerVcardIq(stanza, room, vcards), 'vcard'),
    );
  }

  /** A MAM query: the form for any address, a search of an existing room's archive. */
  private handleMamQuery({ stanza, effects }: ServiceEvent): void {
    const room = this.rooms.get(bareJid(stanza.attrs.to));
    if (!room)
      return this.answer(effects, undefined, answerMamQuery(stanza, undefined, effects), 'mam');
    handleLikeProsody(room.jid, effects, () =>
      this.answer(effects, room, answerMamQuery(stanza, room, effects), 'mam'),
    );
  }

  /** Sends a host module's reply (a stanza: mod_vcard and mod_muc_mam build their own), then makes its changes. */
  private answer(effects: Effects, room: Room | undefined, answer: IqAnswer, by: string): void {
    if (answer.reply instanceof Element) effects.send(answer.reply, by);
    if (room && answer.changes) applyChanges(room, effects, answer.changes, by);
  }

  private forget(room: Room): void {
    this.rooms.delete(room.jid);
    if (room.config.persistent) {
      // Prosody keeps a tombstone of a destroyed persistent room, answering joins with <gone/>
      // that carries the alternate venue (xmpp:venue?join) and the reason.
      const { alternateVenue, reason } = room.state.destruction ?? {};
      this.tombstones.set(room.jid, { alternateVenue, reason });
    }
  }

  /** §10.1.1: a new room, in the registry before the core creates it (the creator's join may end it). */
  private createRoom({ stanza, effects }: ServiceEvent): void {
    const jid = bareJid(stanza.attrs.to);
    const room = new Room(jid, this.roomServices);
    this.rooms.set(jid, room);
    createRoom(room, effects, stanza);
    if (room.lifecycle() === 'destroyed') this.forget(room);
  }

  /** Prosody's tombstone: every stanza but an error gets `gone`, from the service, with the new venue and reason. */
  private replyGone(event: ServiceEvent): void {
    const { stanza, effects } = event;
    const type = stanza.attrs.type;
    if (type === 'error' || (stanza.name === 'iq' && type === 'result')) return;
    const jid = bareJid(stanza.attrs.to);
    if (
      this.admins.has(bareJid(stanza.attrs.from)) &&
      stanza.name === 'presence' &&
      type === undefined
    ) {
      // Prosody lets a service admin recreate a destroyed room.
      this.tombstones.delete(jid);
      return this.handle(stanza, effects);
    }
    const tombstone = this.tombstones.get(jid);
    effects.send(
      stanzaError(stanza, {
        type: 'cancel',
        condition: 'gone',
        conditionText: tombstone?.alternateVenue
          ? `xmpp:${tombstone.alternateVenue}?join`
          : undefined,
        text: tombstone?.reason,
        by: this.domain,
      }),
      BY,
    );
  }

  /** §7.2.10/§17.2: anything but an error (or a creating join) for a room that does not exist. */
  private refuseMissingRoom({ stanza, effects }: ServiceEvent): void {
    const type = stanza.attrs.type;
    if (type === 'error' || (stanza.name === 'iq' && type === 'result')) return;
    const valid = prepJid(bareJid(stanza.attrs.to)) !== undefined;
    const spec = valid
      ? ({ type: 'cancel', condition: 'item-not-found' } as const)
      : ({ type: 'modify', condition: 'jid-malformed' } as const);
    effects.send(stanzaError(stanza, { ...spec, by: this.domain }), BY);
  }

  private handleServiceStanza({ stanza, effects }: ServiceEvent): void {
    const type = stanza.attrs.type;
    if (type === 'error' || type === 'result') return;
    if (stanza.name !== 'iq') {
      // Prosody looks for a room named like the service itself, and finds none.
      effects.send(
        stanzaError(stanza, { type: 'cancel', condition: 'item-not-found', by: this.domain }),
        BY,
      );
      return;
    }
    effects.send(answerServiceIq(stanza, this.view(effects)), BY);
  }

  /** What the service's disco and commands read and do. */
  private view(effects: Effects): ServiceView {
    return {
      domain: this.domain,
      admins: [...this.admins],
      isAdmin: (jid) => this.admins.has(bareJid(jid)),
      publicRooms: () => [...this.rooms.values()].filter((room) => room.config.public),
      roomJids: () => [...this.rooms.keys(), ...this.tombstones.keys()],
      room: (jid) => this.rooms.get(prepJid(jid) ?? jid),
      destroy: (room) => {
        destroyRoom(room, effects, {}, 'destroy');
        this.forget(room);
      },
      setAffiliation: (room, jid, affiliation, reason) => {
        const refusal = setAffiliation(
          room,
          effects,
          'room',
          jid,
          affiliation as Affiliation,
          { reason },
          'service',
        );
        return refusal && `${refusal.type}:${refusal.condition}`;
      },
      nextId: () => this.options.env.nextId(),
    };
  }
}
