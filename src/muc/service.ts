// The MUC component (conference.localhost): room registry, creation, tombstones, and what the service itself answers — XEP-0045 §6.1–6.3, §10.1, §10.9, as Prosody's mod_muc
import type { Element } from 'ltx';
import { prepJid } from '../xmpp/jid.js';
import { applyChanges } from './core/apply-changes.js';
import type { Effects } from './effects.js';
import type { MucEnvironment, RoomTimer } from './environment.js';
import { featuresWithExtras, type MucExtra } from './extras.js';
import { FEATURES } from './features/index.js';
import { HookBus } from './hook-bus.js';
import type { Feature } from './hooks.js';
import type { Room } from './room.js';
import {
  chooseRoute,
  type ServiceContext,
  type ServiceEvent,
  serviceRoutes,
  type Tombstone,
} from './service-machine.js';

const ROUTES = serviceRoutes();

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

export class MucService {
  readonly domain: string;
  readonly rooms = new Map<string, Room>();
  readonly tombstones = new Map<string, Tombstone>();
  /** mod_vcard's store on the MUC host, by room node: it outlives the rooms. */
  readonly vcards = new Map<string, Element>();
  private readonly context: ServiceContext;

  constructor(options: ServiceOptions) {
    this.domain = options.domain;
    const extras = new Set(options.extras ?? []);
    this.context = {
      domain: this.domain,
      rooms: this.rooms,
      tombstones: this.tombstones,
      admins: new Set(options.admins.map((jid) => prepJid(jid) ?? jid)),
      roomServices: {
        bus: new HookBus(featuresWithExtras(options.features ?? FEATURES, extras)),
        applyChanges,
        extras,
        env: options.env,
        occupantIdSecret: options.occupantIdSecret,
        vcards: this.vcards,
      },
      handle: (stanza, effects) => this.handle(stanza, effects),
    };
  }

  /**
   * Handles one stanza addressed to the service or a room; `from` is the sender's full JID. The
   * service chart's first route whose guard passes chooses the chart's action, which does the
   * work. An action that throws reaches the world's catch (DESIGN, style 5).
   */
  handle(stanza: Element, effects: Effects): void {
    const event: ServiceEvent = { type: 'stanza.received', stanza, effects };
    chooseRoute(ROUTES, this.context, event)?.run(this.context, event);
  }

  /** A timer is due: its changes are made in its room (src/muc/environment.ts). */
  runTimer({ room, changes, by }: RoomTimer, effects: Effects): void {
    applyChanges(room, effects, changes, by);
  }

  room(jid: string): Room | undefined {
    return this.rooms.get(jid);
  }
}
