// Random valid and invalid stanzas from several users to several rooms: joins, talk, moderation, configuration, registration, errors — XEP-0045 §7–§11
import { Element } from 'ltx';
import type { Room } from '../muc/room.js';
import type { World } from '../sim/world.js';
import { NS } from '../xmpp/namespaces.js';
import type { FuzzAction, FuzzCast, FuzzClient } from './actions.js';
import type { Random } from './random.js';

const STANZAS_NS = 'urn:ietf:params:xml:ns:xmpp-stanzas';

/** Nicks that stress nickname rules (§7.2.8, §17.1): emoji, whitespace, invisible, folding, length. */
const ODD_NICKS = [
  '😀',
  ' ',
  '\u200b',
  '\u3000',
  'Ｕ１',
  ' Lead',
  'Trail ',
  'e\u0301',
  'é',
  '\ufe0f',
  'a\ufe0fb',
  'x'.repeat(200),
  '<&\'">',
  '\t',
  '👨\u200d👩',
  'Nick/Slash',
  'Ω',
  '\u0301',
  'İ',
];

const ROLES = ['moderator', 'participant', 'visitor', 'none'] as const;
const AFFILIATIONS = ['owner', 'admin', 'member', 'none', 'outcast'] as const;
const KICKABLE = ['gone', 'item-not-found', 'service-unavailable', 'recipient-unavailable'];
const NOT_KICKABLE = ['forbidden', 'not-acceptable', 'bad-request'];

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
const KINDS = Object.keys(WEIGHTS) as Kind[];
const CUMULATIVE: number[] = [];
{
  let total = 0;
  for (const kind of KINDS) {
    total += WEIGHTS[kind];
    CUMULATIVE.push(total);
  }
}

interface Relayed {
  client: string;
  id: string;
  from: string;
}

function el(name: string, attrs: Record<string, string | undefined> = {}): Element {
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(attrs)) if (value !== undefined) clean[key] = value;
  return new Element(name, clean);
}

function iq(type: string | undefined, to: string | undefined, id: string | undefined): Element {
  return el('iq', { type, to, id });
}

function form(type: string, formType: string | undefined, fields: [string, string[]][]): Element {
  const x = el('x', { xmlns: NS.dataForms, type });
  if (formType !== undefined) x.c('field', { var: 'FORM_TYPE' }).c('value').t(formType);
  for (const [name, values] of fields) {
    const field = x.c('field', { var: name });
    for (const value of values) field.c('value').t(value);
  }
  return x;
}

/**
 * Draws the next action. It reads the world (who is where, which rooms are tombstones) to aim
 * at real targets, but each action it returns stands alone: replaying the same actions in a
 * fresh world needs no generator.
 */
export class StanzaGenerator {
  private ids = 0;
  private readonly generation: number[];
  private readonly relayed: Relayed[] = [];
  private readonly byName = new Map<string, FuzzClient>();

  constructor(
    private readonly rng: Random,
    private readonly cast: FuzzCast,
    private readonly world: World,
  ) {
    this.generation = cast.rooms.map(() => 0);
    for (const client of cast.clients) this.byName.set(client.name, client);
  }

  /** The next action, given which clients are connected. */
  next(connected: ReadonlySet<string>): FuzzAction {
    const offline = this.cast.clients.filter((client) => !connected.has(client.name));
    if (connected.size === 0 || (offline.length > 0 && this.rng.chance(0.02 * offline.length))) {
      return { kind: 'connect', client: this.rng.pick(offline).name };
    }
    const online = this.cast.clients.filter((client) => connected.has(client.name));
    for (let attempt = 0; attempt < 8; attempt += 1) {
      const action = this.draw(this.pickKind(), online);
      if (action) return action;
    }
    const sender = this.rng.pick(online);
    return this.send(sender, this.groupchat(sender));
  }

  /** Notes an iq the room relayed to a client, so a later step may answer it (§17.4). */
  observeDelivery(clientName: string, stanza: Element): void {
    const type = stanza.attrs.type;
    if (stanza.name !== 'iq' || (type !== 'get' && type !== 'set')) return;
    if (!stanza.attrs.from?.includes('@') || stanza.attrs.id === undefined) return;
    this.relayed.push({ client: clientName, id: stanza.attrs.id, from: stanza.attrs.from });
    if (this.relayed.length > 8) this.relayed.shift();
  }

  private pickKind(): Kind {
    const roll = this.rng.int(CUMULATIVE[CUMULATIVE.length - 1]!);
    for (let index = 0; index < KINDS.length; index += 1) {
      if (roll < CUMULATIVE[index]!) return KINDS[index]!;
    }
    return 'groupchat';
  }

  private send(client: FuzzClient, stanza: Element): FuzzAction {
    return { kind: 'send', client: client.name, stanza };
  }

  private nextId(): string {
    this.ids += 1;
    return `f${this.ids}`;
  }

  // — the world as the generator sees it

  private roomJid(slot: number): string {
    const base = this.cast.rooms[slot]!;
    let generation = this.generation[slot]!;
    let jid = `${generation === 0 ? base : `${base}g${generation}`}@${this.cast.mucDomain}`;
    // A destroyed persistent room leaves a tombstone for good: move on to a fresh name.
    while (this.world.service.tombstones.has(jid)) {
      generation += 1;
      jid = `${base}g${generation}@${this.cast.mucDomain}`;
    }
    this.generation[slot] = generation;
    return jid;
  }

  private anyRoom(): string {
    return this.roomJid(this.rng.int(this.cast.rooms.length));
  }

  private room(jid: string): Room | undefined {
    return this.world.service.room(jid);
  }

  private nickIn(room: Room | undefined, client: FuzzClient): string | undefined {
    return room?.occupantBySession(client.jid)?.nick;
  }

  /** A room the client is in (its nick there), or any room. */
  private roomOf(client: FuzzClient): { jid: string; nick: string | undefined } {
    if (this.rng.chance(0.8)) {
      const start = this.rng.int(this.cast.rooms.length);
      for (let offset = 0; offset < this.cast.rooms.length; offset += 1) {
        const jid = this.roomJid((start + offset) % this.cast.rooms.length);
        const nick = this.nickIn(this.room(jid), client);
        if (nick !== undefined) return { jid, nick };
      }
    }
    const jid = this.anyRoom();
    return { jid, nick: this.nickIn(this.room(jid), client) };
  }

  private baseNick(client: FuzzClient): string {
    const local = client.bare.split('@')[0]!;
    return local.charAt(0).toUpperCase() + local.slice(1);
  }

  private someNick(room: Room | undefined): string {
    const present = room ? [...room.occupants()] : [];
    if (present.length > 0 && this.rng.chance(0.8)) return this.rng.pick(present).nick;
    if (this.rng.chance(0.3)) return this.rng.pick(ODD_NICKS);
    return this.baseNick(this.rng.pick(this.cast.clients));
  }

  private joinNick(client: FuzzClient, room: Room | undefined): string {
    const roll = this.rng.int(10);
    if (roll < 6) return this.baseNick(client);
    if (roll < 7) return `${this.baseNick(client)}${this.rng.int(3)}`;
    if (roll < 8) return this.someNick(room);
    return this.rng.pick(ODD_NICKS);
  }

  private someJid(): string {
    const roll = this.rng.int(20);
    if (roll < 14) return this.rng.pick(this.cast.clients).bare;
    if (roll < 15) return this.rng.pick(this.cast.clients).jid;
    if (roll < 16) return this.cast.domain;
    if (roll < 17) return `stranger@${this.cast.domain}`;
    if (roll < 18) return 'someone@elsewhere.example';
    if (roll < 19) return 'bad@@jid';
    return this.cast.admins[0]!;
  }

  /** Someone holding `affiliations` in the room, when such a client is online, else anyone. */
  private privileged(online: FuzzClient[], room: Room | undefined): FuzzClient {
    if (room && this.rng.chance(0.65)) {
      const strong = online.filter((client) => {
        const affiliation = room.affiliationOf(client.jid);
        return affiliation === 'owner' || affiliation === 'admin';
      });
      if (strong.length > 0) return this.rng.pick(strong);
    }
    return this.rng.pick(online);
  }

  private moderatorIn(online: FuzzClient[], room: Room | undefined): FuzzClient {
    if (room && this.rng.chance(0.65)) {
      const mods = online.filter(
        (client) => room.occupantBySession(client.jid)?.role === 'moderator',
      );
      if (mods.length > 0) return this.rng.pick(mods);
    }
    return this.privileged(online, room);
  }

  // — the actions

  private draw(kind: Kind, online: FuzzClient[]): FuzzAction | undefined {
    const sender = this.rng.pick(online);
    switch (kind) {
      case 'connect':
        return undefined;
      case 'disconnect':
        return { kind: 'disconnect', client: sender.name };
      case 'initialPresence':
        return this.send(sender, el('presence'));
      case 'unavailableBroadcast':
        return this.send(sender, el('presence', { type: 'unavailable' }));
      case 'join':
        return this.send(sender, this.join(sender, true));
      case 'joinNoX':
        return this.send(sender, this.join(sender, false));
      case 'leave': {
        const { jid, nick } = this.roomOf(sender);
        const presence = el('presence', {
          to: `${jid}/${nick ?? this.baseNick(sender)}`,
          type: 'unavailable',
        });
        if (this.rng.chance(0.3)) presence.c('status').t('gone fishing');
        return this.send(sender, presence);
      }
      case 'nickChange': {
        const { jid } = this.roomOf(sender);
        return this.send(
          sender,
          el('presence', { to: `${jid}/${this.joinNick(sender, this.room(jid))}` }),
        );
      }
      case 'presenceUpdate': {
        const { jid, nick } = this.roomOf(sender);
        const presence = el('presence', { to: `${jid}/${nick ?? this.baseNick(sender)}` });
        presence.c('show').t(this.rng.pick(['away', 'dnd', 'xa', 'chat', 'bogus']));
        if (this.rng.chance(0.5)) presence.c('status').t('status text');
        return this.send(sender, presence);
      }
      case 'groupchat':
        return this.send(sender, this.groupchat(sender));
      case 'subject': {
        const { jid } = this.roomOf(sender);
        const message = el('message', { to: jid, type: 'groupchat', id: this.nextId() });
        message.c('subject').t(this.rng.pick(['Fuzzing', '', 'A new subject']));
        if (this.rng.chance(0.1)) message.c('body').t('with a body');
        return this.send(sender, message);
      }
      case 'privateMessage':
        return this.send(sender, this.privateMessage(sender));
      case 'invite':
        return this.send(sender, this.invite(sender));
      case 'decline': {
        const message = el('message', { to: this.anyRoom() });
        const decline = message.c('x', { xmlns: NS.mucUser }).c('decline', {
          to: this.rng.chance(0.9) ? this.someJid() : undefined,
        });
        if (this.rng.chance(0.5)) decline.c('reason').t('no thanks');
        return this.send(sender, message);
      }
      case 'voiceRequest': {
        const { jid } = this.roomOf(sender);
        const message = el('message', { to: jid });
        message.cnode(form('submit', NS.mucRequest, [['muc#role', ['participant']]]));
        return this.send(sender, message);
      }
      case 'voiceApproval': {
        const { jid } = this.roomOf(sender);
        const room = this.room(jid);
        const actor = this.moderatorIn(online, room);
        const message = el('message', { to: jid });
        message.cnode(
          form('submit', NS.mucRequest, [
            ['muc#role', ['participant']],
            ['muc#roomnick', [this.someNick(room)]],
            ['muc#request_allow', [this.rng.pick(['true', 'false', '1', 'maybe'])]],
          ]),
        );
        return this.send(actor, message);
      }
      case 'adminRole':
        return this.adminRole(online);
      case 'adminAffiliation':
        return this.adminAffiliation(online);
      case 'adminList': {
        const jid = this.anyRoom();
        const stanza = iq('get', jid, this.nextId());
        const item = stanza.c('query', { xmlns: NS.mucAdmin }).c('item');
        if (this.rng.chance(0.5)) item.attrs.affiliation = this.rng.pick(AFFILIATIONS);
        else if (this.rng.chance(0.9)) item.attrs.role = this.rng.pick(ROLES);
        return this.send(this.privileged(online, this.room(jid)), stanza);
      }
      case 'configGet': {
        const jid = this.anyRoom();
        const stanza = iq('get', jid, this.nextId());
        stanza.c('query', { xmlns: NS.mucOwner });
        return this.send(this.privileged(online, this.room(jid)), stanza);
      }
      case 'configSubmit':
        return this.configSubmit(online);
      case 'destroy': {
        const jid = this.anyRoom();
        const stanza = iq('set', jid, this.nextId());
        const destroy = stanza
          .c('query', { xmlns: NS.mucOwner })
          .c('destroy', this.rng.chance(0.3) ? { jid: this.anyRoom() } : {});
        if (this.rng.chance(0.5)) destroy.c('reason').t('fuzzing');
        return this.send(this.privileged(online, this.room(jid)), stanza);
      }
      case 'registerGet': {
        const stanza = iq('get', this.anyRoom(), this.nextId());
        stanza.c('query', { xmlns: NS.register });
        return this.send(sender, stanza);
      }
      case 'registerSet': {
        const jid = this.anyRoom();
        const stanza = iq('set', jid, this.nextId());
        const query = stanza.c('query', { xmlns: NS.register });
        const nick = this.rng.chance(0.7) ? this.baseNick(sender) : this.someNick(this.room(jid));
        query.cnode(
          form(
            this.rng.chance(0.9) ? 'submit' : 'form',
            this.rng.chance(0.9) ? NS.mucRegister : 'urn:other',
            [['muc#register_roomnick', [nick]]],
          ),
        );
        return this.send(sender, stanza);
      }
      case 'registerRemove': {
        const stanza = iq('set', this.anyRoom(), this.nextId());
        stanza.c('query', { xmlns: NS.register }).c('remove');
        return this.send(sender, stanza);
      }
      case 'disco':
        return this.send(sender, this.disco(sender));
      case 'probe': {
        const jid = this.anyRoom();
        return this.send(
          sender,
          el('presence', { to: `${jid}/${this.someNick(this.room(jid))}`, type: 'probe' }),
        );
      }
      case 'errorPresence': {
        const { jid, nick } = this.roomOf(sender);
        const presence = el('presence', {
          to: this.rng.chance(0.8) ? `${jid}/${nick ?? this.baseNick(sender)}` : jid,
          type: 'error',
        });
        this.addError(presence);
        return this.send(sender, presence);
      }
      case 'errorMessage': {
        const { jid } = this.roomOf(sender);
        const room = this.room(jid);
        const message = el('message', {
          to: this.rng.chance(0.5) ? `${jid}/${this.someNick(room)}` : jid,
          type: 'error',
          id: this.nextId(),
        });
        this.addError(message);
        return this.send(sender, message);
      }
      case 'occupantIq':
        return this.send(sender, this.occupantIq(sender));
      case 'answerRelayed':
        return this.answerRelayed(online);
      case 'serviceCommand':
        return this.serviceCommand(online);
      case 'malformed':
        return this.send(sender, this.malformed(sender));
    }
  }

  private join(sender: FuzzClient, withX: boolean): Element {
    const jid = this.anyRoom();
    const room = this.room(jid);
    const presence = el('presence', { to: `${jid}/${this.joinNick(sender, room)}` });
    if (!withX) return presence;
    const x = presence.c('x', { xmlns: NS.muc });
    const secret = room?.config.password;
    if (secret && this.rng.chance(0.7)) x.c('password').t(secret);
    else if (this.rng.chance(0.05)) x.c('password').t('wrong');
    if (this.rng.chance(0.2)) {
      const history = x.c('history');
      const attr = this.rng.pick(['maxchars', 'maxstanzas', 'seconds', 'since']);
      history.attrs[attr] = this.rng.pick([
        '0',
        '1',
        '5',
        '-1',
        '1e9',
        'garbage',
        '2026-01-01T12:00:00Z',
      ]);
    }
    if (this.rng.chance(0.05)) {
      // Client-supplied muc#user data is never reflected (§17.3).
      presence.c('x', { xmlns: NS.mucUser }).c('item', { jid: this.someJid(), role: 'moderator' });
    }
    if (this.rng.chance(0.1)) presence.c('status').t('here');
    return presence;
  }

  private groupchat(sender: FuzzClient): Element {
    const { jid } = this.roomOf(sender);
    const message = el('message', {
      to: jid,
      type: this.rng.chance(0.95)
        ? 'groupchat'
        : this.rng.pick(['chat', 'normal', 'headline', undefined]),
      id: this.rng.chance(0.8) ? this.nextId() : undefined,
    });
    if (this.rng.chance(0.95))
      message.c('body').t(this.rng.pick(['hello', 'Hi all', '😀', 'a & b < c']));
    if (this.rng.chance(0.05)) message.c('no-store', { xmlns: NS.hints });
    if (this.rng.chance(0.05)) message.c('unknown', { xmlns: 'urn:fuzz' }).t('payload');
    return message;
  }

  private privateMessage(sender: FuzzClient): Element {
    const { jid } = this.roomOf(sender);
    const message = el('message', {
      to: `${jid}/${this.someNick(this.room(jid))}`,
      type: this.rng.pick(['chat', 'chat', 'normal', undefined, 'groupchat', 'headline']),
      id: this.nextId(),
    });
    message.c('body').t('psst');
    if (this.rng.chance(0.1)) {
      // A client may not smuggle muc#user data (real JIDs) into a relayed message.
      message.c('x', { xmlns: NS.mucUser }).c('item', { jid: this.someJid() });
    }
    return message;
  }

  private invite(sender: FuzzClient): Element {
    const { jid } = this.roomOf(sender);
    const message = el('message', {
      to: jid,
      id: this.rng.chance(0.5) ? this.nextId() : undefined,
    });
    const invite = message.c('x', { xmlns: NS.mucUser }).c('invite', {
      to: this.rng.chance(0.95) ? this.someJid() : undefined,
    });
    if (this.rng.chance(0.1)) invite.attrs.from = this.rng.pick(this.cast.clients).jid;
    if (this.rng.chance(0.5)) invite.c('reason').t('join us');
    return message;
  }

  private adminRole(online: FuzzClient[]): FuzzAction {
    const jid = this.anyRoom();
    const room = this.room(jid);
    const actor = this.moderatorIn(online, room);
    const stanza = iq('set', jid, this.nextId());
    const item = stanza.c('query', { xmlns: NS.mucAdmin }).c('item');
    item.attrs.role = this.rng.chance(0.97) ? this.rng.pick(ROLES) : 'king';
    const roll = this.rng.int(20);
    if (roll < 17) item.attrs.nick = this.someNick(room);
    else if (roll < 19) item.attrs.jid = this.someJid();
    if (this.rng.chance(0.3)) item.c('reason').t('because');
    if (this.rng.chance(0.03)) item.attrs.affiliation = this.rng.pick(AFFILIATIONS);
    return this.send(actor, stanza);
  }

  private adminAffiliation(online: FuzzClient[]): FuzzAction {
    const jid = this.anyRoom();
    const room = this.room(jid);
    const actor = this.privileged(online, room);
    const stanza = iq('set', jid, this.nextId());
    const query = stanza.c('query', { xmlns: NS.mucAdmin });
    const item = query.c('item');
    item.attrs.affiliation = this.rng.chance(0.97) ? this.rng.pick(AFFILIATIONS) : 'king';
    const roll = this.rng.int(20);
    if (roll < 16) item.attrs.jid = this.someJid();
    else if (roll < 19) item.attrs.nick = this.someNick(room);
    if (this.rng.chance(0.1)) item.attrs.nick = this.someNick(room);
    if (this.rng.chance(0.3)) item.c('reason').t('because');
    if (this.rng.chance(0.05)) query.c('item', { affiliation: 'owner', jid: this.someJid() });
    return this.send(actor, stanza);
  }

  private configSubmit(online: FuzzClient[]): FuzzAction {
    const jid = this.anyRoom();
    const actor = this.privileged(online, this.room(jid));
    const stanza = iq('set', jid, this.nextId());
    const query = stanza.c('query', { xmlns: NS.mucOwner });
    const roll = this.rng.int(40);
    if (roll === 0) return this.send(actor, stanza);
    if (roll === 1) {
      query.cnode(form('cancel', undefined, []));
      return this.send(actor, stanza);
    }
    const formType = roll === 2 ? 'urn:wrong' : roll === 3 ? undefined : NS.mucRoomconfig;
    const bool = () => [this.rng.pick(['0', '1', '0', '1', 'true', 'false', 'bogus'])];
    const candidates: [string, () => string[]][] = [
      ['muc#roomconfig_membersonly', bool],
      ['muc#roomconfig_moderatedroom', bool],
      ['muc#roomconfig_whois', () => [this.rng.pick(['moderators', 'anyone', 'anyone', 'nobody'])]],
      ['muc#roomconfig_roomsecret', () => [this.rng.chance(0.8) ? '' : 'secret']],
      ['muc#roomconfig_persistentroom', bool],
      ['muc#roomconfig_publicroom', bool],
      ['muc#roomconfig_changesubject', bool],
      [
        'muc#roomconfig_allowpm',
        () => [
          this.rng.pick(['visitor', 'participant', 'moderator', 'affiliated', 'none', 'anyone']),
        ],
      ],
      ['{xmpp:prosody.im}muc#allow_modpm', bool],
      ['muc#roomconfig_maxusers', () => [this.rng.pick(['none', '10', '2', '3', '-1', 'many'])]],
      [
        'muc#roomconfig_presencebroadcast',
        (): string[] => [
          ...ROLES.filter(() => this.rng.chance(0.6)),
          ...(this.rng.chance(0.05) ? ['king'] : []),
        ],
      ],
      ['muc#roomconfig_historylength', () => [this.rng.pick(['0', '2', '20', '-3', 'x'])]],
      ['muc#roomconfig_defaulthistorymessages', () => [this.rng.pick(['0', '1', '20'])]],
      ['{http://prosody.im/protocol/muc}roomconfig_allowmemberinvites', bool],
      ['muc#roomconfig_roomname', () => [this.rng.pick(['', 'Fuzz room', '😀'])]],
      ['muc#roomconfig_unknown', () => ['1']],
    ];
    const fields: [string, string[]][] = [];
    for (const [name, value] of candidates) if (this.rng.chance(0.25)) fields.push([name, value()]);
    query.cnode(form(this.rng.chance(0.97) ? 'submit' : 'form', formType, fields));
    return this.send(actor, stanza);
  }

  private disco(sender: FuzzClient): Element {
    const jid = this.anyRoom();
    const to = this.rng.pick([
      jid,
      jid,
      this.cast.mucDomain,
      `${jid}/${this.someNick(this.room(jid))}`,
    ]);
    const stanza = iq('get', to, this.nextId());
    const query = stanza.c('query', { xmlns: this.rng.chance(0.7) ? NS.discoInfo : NS.discoItems });
    if (this.rng.chance(0.2))
      query.attrs.node = this.rng.pick(['x-roomuser-item', NS.commands, 'bogus']);
    void sender;
    return stanza;
  }

  private addError(stanza: Element): void {
    if (this.rng.chance(0.1)) return;
    const condition = this.rng.chance(0.7) ? this.rng.pick(KICKABLE) : this.rng.pick(NOT_KICKABLE);
    const error = stanza.c('error', { type: 'cancel' });
    error.c(condition, { xmlns: STANZAS_NS });
    if (this.rng.chance(0.3)) error.c('text', { xmlns: STANZAS_NS }).t('client says no');
  }

  private occupantIq(sender: FuzzClient): Element {
    const { jid, nick } = this.roomOf(sender);
    const room = this.room(jid);
    const target = nick !== undefined && this.rng.chance(0.3) ? nick : this.someNick(room);
    const stanza = iq(this.rng.chance(0.85) ? 'get' : 'set', `${jid}/${target}`, this.nextId());
    const payload = this.rng.pick([
      ['ping', NS.ping],
      ['vCard', NS.vcard],
      ['query', 'jabber:iq:version'],
      ['query', NS.discoInfo],
    ] as const);
    stanza.c(payload[0], { xmlns: payload[1] });
    return stanza;
  }

  private answerRelayed(online: FuzzClient[]): FuzzAction | undefined {
    if (this.relayed.length === 0) return undefined;
    const pending = this.relayed.splice(this.rng.int(this.relayed.length), 1)[0]!;
    let client = this.byName.get(pending.client)!;
    if (!online.includes(client) || this.rng.chance(0.05)) client = this.rng.pick(online);
    const type = this.rng.chance(0.7) ? 'result' : 'error';
    const id = this.rng.chance(0.95) ? pending.id : 'wrong-id';
    const answer = iq(type, pending.from, id);
    if (type === 'error') this.addError(answer);
    return this.send(client, answer);
  }

  private serviceCommand(online: FuzzClient[]): FuzzAction {
    const admin = online.find((client) => this.cast.admins.includes(client.bare));
    const actor = admin && this.rng.chance(0.7) ? admin : this.rng.pick(online);
    const stanza = iq('set', this.cast.mucDomain, this.nextId());
    const command = stanza.c('command', {
      xmlns: NS.commands,
      node: 'http://prosody.im/protocol/muc#destroy',
      action: 'execute',
    });
    if (this.rng.chance(0.7)) {
      command.cnode(
        form('submit', undefined, [['rooms', [this.anyRoom(), 'nowhere@conference.localhost']]]),
      );
    }
    return this.send(actor, stanza);
  }

  /** Malformed but parseable: missing or wrong attributes, wrong namespaces, unknown children. */
  private malformed(sender: FuzzClient): Element {
    const jid = this.anyRoom();
    const nick = this.baseNick(sender);
    switch (this.rng.int(20)) {
      case 0:
        return el('presence', { to: `${jid}/${nick}`, type: 'bogus' });
      case 1:
        return el('message', { to: jid, type: 'bogus', id: this.nextId() }).c('body').t('?').root();
      case 2: {
        const stanza = iq(undefined, jid, this.nextId());
        stanza.c('query', { xmlns: NS.mucAdmin });
        return stanza;
      }
      case 3:
        return iq(this.rng.pick(['get', 'set', 'bogus']), jid, this.nextId());
      case 4: {
        const stanza = iq('get', jid, this.nextId());
        stanza.c('query', { xmlns: NS.discoInfo });
        stanza.c('query', { xmlns: NS.mucAdmin });
        return stanza;
      }
      case 5: {
        const stanza = iq('set', jid, undefined);
        stanza.c('query', { xmlns: NS.mucAdmin }).c('item', { nick, role: 'none' });
        return stanza;
      }
      case 6: {
        const stanza = iq('set', jid, this.nextId());
        stanza.c('query', { xmlns: `${NS.mucAdmin}x` }).c('item', { nick, role: 'none' });
        return stanza;
      }
      case 7: {
        const presence = el('presence', { to: `${jid}/${nick}` });
        presence.c('x', { xmlns: NS.mucOwner });
        return presence;
      }
      case 8: {
        const presence = el('presence', { to: `${jid}/${nick}` });
        presence.c('x', { xmlns: NS.muc }).c('unknown', { xmlns: 'urn:fuzz' });
        presence.c('foo', { xmlns: 'urn:fuzz' }).c('bar').t('baz');
        return presence;
      }
      case 9:
        return el('message', { type: 'groupchat' }).c('body').t('to nobody').root();
      case 10:
        return this.rng.chance(0.5)
          ? iq('get', undefined, this.nextId()).c('ping', { xmlns: NS.ping }).root()
          : iq('get', this.cast.domain, this.nextId()).c('query', { xmlns: NS.discoItems }).root();
      case 11: {
        const to = this.rng.pick([
          `${jid}/`,
          `@${this.cast.mucDomain}`,
          `r 1@${this.cast.mucDomain}/x`,
          `${jid}/${'\u0301'}`,
          `a@b@${this.cast.mucDomain}`,
        ]);
        const name = this.rng.pick(['presence', 'message', 'iq']);
        const stanza = el(name, { to, id: this.nextId(), type: name === 'iq' ? 'get' : undefined });
        if (name === 'iq') stanza.c('query', { xmlns: NS.discoInfo });
        return stanza;
      }
      case 12: {
        const stanza = iq('get', `x@elsewhere.example`, this.nextId());
        stanza.c('query', { xmlns: NS.discoInfo });
        return stanza;
      }
      case 13: {
        const upper = `${jid.split('@')[0]!.toUpperCase()}@Conference.Localhost/${nick}`;
        return el('presence', { to: upper }).c('x', { xmlns: NS.muc }).root();
      }
      case 14: {
        let deep = el('message', { to: jid, type: 'groupchat', id: this.nextId() });
        const root = deep;
        deep.c('body').t('deep');
        for (let depth = 0; depth < 12; depth += 1) deep = deep.c('nest', { xmlns: 'urn:fuzz' });
        return root;
      }
      case 15: {
        const message = el('message', { to: jid });
        message
          .c('x', { xmlns: NS.mucUser })
          .c('invite', { to: this.rng.pick(['', 'not a jid', '@']) });
        return message;
      }
      case 16: {
        const stanza = iq('set', jid, this.nextId());
        stanza.c('query', { xmlns: NS.mucAdmin }).c('item', {
          affiliation: this.rng.pick(AFFILIATIONS),
          jid: this.rng.pick(['', '@', 'a@b/c/d', `${sender.bare}/`, 'UPPER@LOCALHOST']),
        });
        return stanza;
      }
      case 17:
        return el('message', { to: `${jid}/${nick}`, type: 'groupchat', id: this.nextId() })
          .c('body')
          .t('pm?')
          .root();
      case 18: {
        const message = el('message', { to: jid, type: 'groupchat', id: this.nextId() });
        message.c('subject').t('both');
        message.c('body').t('both');
        message.c('thread').t('t1');
        return message;
      }
      default: {
        const stanza = iq('set', jid, this.nextId());
        stanza.c('query', { xmlns: NS.mucOwner }).c('x', { xmlns: NS.dataForms });
        return stanza;
      }
    }
  }
}
