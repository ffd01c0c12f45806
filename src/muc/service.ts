// The MUC component (conference.localhost): room registry, creation, tombstones, service disco and the admins' ad-hoc destroy — XEP-0045 §6.1–6.3, §10.1, §10.9
import { Element } from 'ltx';
import { buildForm, findForm, readForm } from '../xmpp/data-form.js';
import { bareJid, prepJid } from '../xmpp/jid.js';
import { NS } from '../xmpp/namespaces.js';
import { stanzaError } from '../xmpp/stanza-error.js';
import type { Effects } from './effects.js';
import type { MucEnvironment } from './environment.js';
import { FEATURES } from './features/index.js';
import { HookBus } from './hook-bus.js';
import type { Feature } from './hooks.js';
import { Room, type RoomServices } from './room.js';
import { destroyRoom } from './room-changes.js';
import { handleRoomStanza } from './room-router.js';
import {
  type ServiceAction,
  type ServiceEvent,
  type ServiceRegistry,
  serviceRoutes,
} from './service-machine.js';

const ROUTES = serviceRoutes();

export const DESTROY_COMMAND = 'http://prosody.im/protocol/muc#destroy';
const BY = 'service';

export interface ServiceOptions {
  domain: string;
  /** Bare JIDs of the service admins (Prosody's `admins`). */
  admins: readonly string[];
  env: MucEnvironment;
  /** The secret behind XEP-0421 occupant ids (the world derives it from its seed). */
  occupantIdSecret: string;
  features?: readonly Feature[];
}

interface Tombstone {
  alternateVenue: string | undefined;
  reason: string | undefined;
}

function reply(stanza: Element, type = 'result'): Element {
  return new Element('iq', {
    type,
    from: stanza.attrs.to,
    to: stanza.attrs.from,
    id: stanza.attrs.id,
  });
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
    this.roomServices = {
      bus: new HookBus(options.features ?? FEATURES),
      env: options.env,
      occupantIdSecret: options.occupantIdSecret,
    };
    this.actions = {
      handleServiceStanza: (event) => this.handleServiceStanza(event),
      routeToRoom: (event) => this.routeToRoom(event, false),
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

  private routeToRoom({ stanza, effects }: ServiceEvent, isCreation: boolean): void {
    const jid = bareJid(stanza.attrs.to);
    const room = this.rooms.get(jid);
    if (!room) return;
    // A creator whose join the checks refuse leaves an empty, locked room behind, as in Prosody 13
    // (muc-room-pre-create has run): it refuses everyone until its lock times out.
    room.withEffects(effects, () => handleRoomStanza(room, stanza, isCreation));
    if (room.lifecycle() === 'destroyed') this.forget(room);
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

  /**
   * §10.1.1: "the service MUST create the room … the user … becomes the owner", locked, with the
   * password the creating presence carries (Prosody's muc-room-pre-create in password.lib.lua).
   */
  private createRoom(event: ServiceEvent): void {
    const jid = bareJid(event.stanza.attrs.to);
    const room = new Room(jid, this.roomServices);
    this.rooms.set(jid, room);
    room.withEffects(event.effects, () => {
      event.effects.record({ kind: 'room', room: jid, from: 'absent', to: 'locked', by: BY });
      room.config.password = event.stanza.getChild('x', NS.muc)?.getChildText('password') ?? '';
      room.storeAffiliation(bareJid(event.stanza.attrs.from), 'owner', {}, BY);
    });
    this.routeToRoom(event, true);
  }

  private replyGone({ stanza, effects }: ServiceEvent): void {
    if (stanza.attrs.type === 'error' || stanza.attrs.type === 'result') return;
    if (stanza.name === 'presence' && stanza.attrs.type !== undefined) return;
    const tombstone = this.tombstones.get(bareJid(stanza.attrs.to));
    effects.send(
      stanzaError(stanza, {
        type: 'cancel',
        condition: 'gone',
        conditionText: tombstone?.alternateVenue
          ? `xmpp:${tombstone.alternateVenue}?join`
          : undefined,
        text: tombstone?.reason,
        by: bareJid(stanza.attrs.to),
      }),
      BY,
    );
  }

  /** §7.2.10/§17.2: a message, iq or join without `<x/>` for a room that does not exist. */
  private refuseMissingRoom({ stanza, effects }: ServiceEvent): void {
    const type = stanza.attrs.type;
    if (type === 'error' || type === 'result' || type === 'unavailable') return;
    if (stanza.name === 'presence' && type !== undefined) return;
    effects.send(
      stanzaError(stanza, {
        type: 'cancel',
        condition: 'item-not-found',
        by: bareJid(stanza.attrs.to),
      }),
      BY,
    );
  }

  private handleServiceStanza({ stanza, effects }: ServiceEvent): void {
    if (stanza.name !== 'iq' || (stanza.attrs.type !== 'get' && stanza.attrs.type !== 'set'))
      return;
    const payload = stanza.getChildElements()[0];
    const key = `${stanza.attrs.type} ${payload?.attrs.xmlns}`;
    if (key === `get ${NS.discoInfo}` && !payload?.attrs.node)
      return effects.send(this.discoInfo(stanza), BY);
    if (key === `get ${NS.discoItems}`) return effects.send(this.discoItems(stanza, payload!), BY);
    if (key === `set ${NS.commands}` && payload?.attrs.node === DESTROY_COMMAND) {
      return this.destroyCommand(stanza, payload, effects);
    }
    effects.send(stanzaError(stanza, { type: 'cancel', condition: 'service-unavailable' }), BY);
  }

  /** §6.2: the service is a conference/text entity supporting the muc feature. */
  private discoInfo(stanza: Element): Element {
    const result = reply(stanza);
    const query = result.c('query', { xmlns: NS.discoInfo });
    query.c('identity', { category: 'conference', type: 'text', name: 'Chatrooms' });
    for (const feature of [NS.discoInfo, NS.discoItems, NS.muc, NS.commands])
      query.c('feature', { var: feature });
    return result;
  }

  /** §6.3: "the service SHOULD return … public rooms only"; Prosody leaves out locked ones too. */
  private discoItems(stanza: Element, payload: Element): Element {
    const result = reply(stanza);
    const query = result.c('query', { xmlns: NS.discoItems });
    if (payload.attrs.node === NS.commands) {
      query.attrs.node = NS.commands;
      if (this.admins.has(bareJid(stanza.attrs.from))) {
        query.c('item', { jid: this.domain, node: DESTROY_COMMAND, name: 'Destroy rooms' });
      }
      return result;
    }
    for (const room of this.rooms.values()) {
      if (!room.config.public || room.lifecycle() !== 'open') continue;
      query.c('item', { jid: room.jid, name: room.config.name || room.jid });
    }
    return result;
  }

  /** Prosody's ad-hoc "Destroy rooms" command for service admins (XEP-0050 one-shot or two-step). */
  private destroyCommand(stanza: Element, command: Element, effects: Effects): void {
    if (!this.admins.has(bareJid(stanza.attrs.from))) {
      effects.send(stanzaError(stanza, { type: 'auth', condition: 'forbidden' }), BY);
      return;
    }
    const sessionid = command.attrs.sessionid ?? this.options.env.nextId();
    const form = findForm(command);
    const result = reply(stanza);
    if (!form) {
      const executing = result.c('command', {
        xmlns: NS.commands,
        node: DESTROY_COMMAND,
        status: 'executing',
        sessionid,
      });
      executing.cnode(
        buildForm({
          type: 'form',
          title: 'Destroy rooms',
          fields: [
            {
              var: 'rooms',
              type: 'list-multi',
              label: 'Rooms to destroy',
              values: [],
              options: [...this.rooms.keys()].map((value) => ({ value })),
            },
          ],
        }),
      );
      effects.send(result, BY);
      return;
    }
    const destroyed: string[] = [];
    for (const jid of readForm(form).values.get('rooms') ?? []) {
      const room = this.rooms.get(prepJid(jid) ?? jid);
      if (!room) continue;
      room.withEffects(effects, () => destroyRoom(room, {}, 'destroy'));
      this.forget(room);
      destroyed.push(room.jid);
    }
    const done = result.c('command', {
      xmlns: NS.commands,
      node: DESTROY_COMMAND,
      status: 'completed',
      sessionid,
    });
    done
      .c('note', { type: 'info' })
      .t(`The following rooms were destroyed:\n${destroyed.join('\n')}`);
    effects.send(result, BY);
  }
}
