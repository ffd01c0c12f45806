// Random valid and invalid stanzas from several users to several rooms: joins, talk, moderation, configuration, registration, errors — XEP-0045 §7–§11
import type { Element } from 'ltx';
import type { World } from '../sim/world.js';
import type { FuzzAction, FuzzCast, FuzzClient } from './actions.js';
import { addError, type Draw, iq } from './draw/build.js';
import { IQS } from './draw/iq.js';
import { malformed } from './draw/malformed.js';
import { MESSAGES } from './draw/message.js';
import { PRESENCES } from './draw/presence.js';
import type { Random } from './random.js';
import { Targets } from './targets.js';

const WEIGHTS = {
  connect: 4,
  disconnect: 1,
  initialPresence: 2,
  unavailableBroadcast: 1,
  join: 20,
  joinNoX: 2,
  leave: 6,
  nickChange: 4,
  presenceUpdate: 3,
  groupchat: 10,
  subject: 3,
  privateMessage: 5,
  invite: 3,
  decline: 1,
  voiceRequest: 2,
  voiceApproval: 2,
  adminRole: 9,
  adminAffiliation: 9,
  adminList: 3,
  configGet: 1,
  configSubmit: 7,
  destroy: 1,
  registerGet: 1,
  registerSet: 3,
  registerRemove: 1,
  disco: 2,
  probe: 2,
  errorPresence: 2,
  errorMessage: 1,
  occupantIq: 2,
  answerRelayed: 3,
  serviceCommand: 1,
  malformed: 8,
} as const;

type Kind = keyof typeof WEIGHTS;

/**
 * Kinds a live run leaves out: answering a relayed iq needs the id the server made up, which
 * the simulator cannot know.
 */
const NOT_LIVE: ReadonlySet<Kind> = new Set(['answerRelayed']);

/** Every kind but connecting, disconnecting and answering a relayed iq is a stanza drawn here. */
const DRAWS: Readonly<Record<Exclude<Kind, 'connect' | 'disconnect' | 'answerRelayed'>, Draw>> = {
  ...PRESENCES,
  ...MESSAGES,
  ...IQS,
  malformed,
};

interface Relayed {
  client: string;
  id: string;
  from: string;
}

export interface GeneratorOptions {
  /** Only actions a real server accepts from real clients, whose answers do not depend on time. */
  live?: boolean;
}

/**
 * Draws the next action. It reads the world (who is where, which rooms are tombstones) to aim
 * at real targets, but each action it returns stands alone: replaying the same actions in a
 * fresh world, or on a real server, needs no generator.
 */
export class StanzaGenerator {
  private readonly targets: Targets;
  private readonly kinds: Kind[];
  /** Each kind's draw, in the order of `kinds` (undefined for those drawn here). */
  private readonly draws: (Draw | undefined)[];
  private readonly cumulative: number[] = [];
  private readonly relayed: Relayed[] = [];
  private readonly byName = new Map<string, FuzzClient>();
  private online: FuzzClient[] = [];
  private offline: FuzzClient[] = [];

  constructor(
    private readonly rng: Random,
    private readonly cast: FuzzCast,
    world: World,
    options: GeneratorOptions = {},
  ) {
    const live = options.live === true;
    this.targets = new Targets(rng, cast, world, live);
    this.kinds = (Object.keys(WEIGHTS) as Kind[]).filter((kind) => !(live && NOT_LIVE.has(kind)));
    this.draws = this.kinds.map((kind) => (DRAWS as Partial<Record<Kind, Draw>>)[kind]);
    let total = 0;
    for (const kind of this.kinds) {
      total += WEIGHTS[kind];
      this.cumulative.push(total);
    }
    for (const client of cast.clients) this.byName.set(client.name, client);
  }

  /** The next action, given which clients are connected. */
  next(connected: ReadonlySet<string>): FuzzAction {
    const { online, offline } = this.split(connected);
    if (connected.size === 0 || (offline.length > 0 && this.rng.chance(0.02 * offline.length))) {
      return { kind: 'connect', client: this.rng.pick(offline).name };
    }
    for (let attempt = 0; attempt < 8; attempt += 1) {
      const action = this.draw(this.pickKind(), online);
      if (action) return action;
    }
    const sender = this.rng.pick(online);
    return this.send(sender, MESSAGES.groupchat(this.targets, sender));
  }

  /** The clients online and offline, remade only when who is connected changed. */
  private split(connected: ReadonlySet<string>): { online: FuzzClient[]; offline: FuzzClient[] } {
    const clients = this.cast.clients;
    let changed = connected.size !== this.online.length;
    for (let index = 0; !changed && index < this.online.length; index += 1) {
      changed = !connected.has(this.online[index]!.name);
    }
    if (changed || this.online.length + this.offline.length !== clients.length) {
      this.online = clients.filter((client) => connected.has(client.name));
      this.offline = clients.filter((client) => !connected.has(client.name));
    }
    return { online: this.online, offline: this.offline };
  }

  /** Notes an iq the room relayed to a client, so a later step may answer it (§17.4). */
  observeDelivery(clientName: string, stanza: Element): void {
    const type = stanza.attrs.type;
    if (stanza.name !== 'iq' || (type !== 'get' && type !== 'set')) return;
    if (!stanza.attrs.from?.includes('@') || stanza.attrs.id === undefined) return;
    this.relayed.push({ client: clientName, id: stanza.attrs.id, from: stanza.attrs.from });
    if (this.relayed.length > 8) this.relayed.shift();
  }

  /** The index in `kinds` of a kind drawn by weight. */
  private pickKind(): number {
    const roll = this.rng.int(this.cumulative[this.cumulative.length - 1]!);
    for (let index = 0; index < this.kinds.length; index += 1) {
      if (roll < this.cumulative[index]!) return index;
    }
    return this.kinds.indexOf('groupchat');
  }

  private send(client: FuzzClient, stanza: Element): FuzzAction {
    return { kind: 'send', client: client.name, stanza };
  }

  private draw(index: number, online: FuzzClient[]): FuzzAction | undefined {
    const sender = this.rng.pick(online);
    const draw = this.draws[index];
    if (draw === undefined) {
      const kind = this.kinds[index];
      if (kind === 'disconnect') return { kind: 'disconnect', client: sender.name };
      return kind === 'answerRelayed' ? this.answerRelayed(online) : undefined;
    }
    const drawn = draw(this.targets, sender, online);
    if (drawn === undefined) return undefined;
    return 'by' in drawn ? this.send(drawn.by, drawn.stanza) : this.send(sender, drawn);
  }

  private answerRelayed(online: FuzzClient[]): FuzzAction | undefined {
    if (this.relayed.length === 0) return undefined;
    const pending = this.relayed.splice(this.rng.int(this.relayed.length), 1)[0]!;
    let client = this.byName.get(pending.client)!;
    if (!online.includes(client) || this.rng.chance(0.05)) client = this.rng.pick(online);
    const type = this.rng.chance(0.7) ? 'result' : 'error';
    const id = this.rng.chance(0.95) ? pending.id : 'wrong-id';
    const answer = iq(type, pending.from, id);
    if (type === 'error') addError(this.targets, answer);
    return this.send(client, answer);
  }
}
