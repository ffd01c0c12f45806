// The generator's iqs: role and affiliation items, lists, configuration, destruction, registration, disco, iqs to occupants, the service's destroy command — XEP-0045 §6, §7.10, §8–§10, §17.4
import { NS } from '../../xmpp/namespaces.js';
import type { FuzzClient } from '../actions.js';
import { mayGoUnanswered } from '../oracle/prosody-rules.js';
import type { Targets } from '../targets.js';
import { AFFILIATIONS, type Draw, form, iq, ROLES } from './build.js';

const DESTROY_NODE = 'http://prosody.im/protocol/muc#destroy';

const MEMBERS_ONLY = 'muc#roomconfig_membersonly';
const WHOIS = 'muc#roomconfig_whois';
const PRESENCE_BROADCAST = 'muc#roomconfig_presencebroadcast';
const HISTORY_LENGTH = 'muc#roomconfig_historylength';
const DEFAULT_HISTORY = 'muc#roomconfig_defaulthistorymessages';

/**
 * Pairs of fields whose effects depend on which Prosody 13 applies first, which is Lua table
 * order: members-only's removals and a new whois shape the presences a new presence broadcast
 * sends; the default number of history messages is capped by the history length as it is then.
 */
export const ORDER_DEPENDENT_FIELDS: readonly (readonly [string, string])[] = [
  [MEMBERS_ONLY, PRESENCE_BROADCAST],
  [WHOIS, PRESENCE_BROADCAST],
  [HISTORY_LENGTH, DEFAULT_HISTORY],
];

/** A live form leaves out the second field of each order-dependent pair whose first it has. */
function withoutOrderDependence(fields: [string, string[]][]): [string, string[]][] {
  const names = new Set(fields.map(([name]) => name));
  return fields.filter(
    ([name]) =>
      !ORDER_DEPENDENT_FIELDS.some(([first, second]) => second === name && names.has(first)),
  );
}

/** History lengths a configuration form asks for; a live run's leave out the negative one. */
const LENGTHS = ['0', '2', '20', '-3', 'x'];
const LIVE_LENGTHS = ['0', '2', '20', '3', 'x'];

const BOOLEANS = ['0', '1', '0', '1', 'true', 'false', 'bogus'];
const ALLOW_PM = ['visitor', 'participant', 'moderator', 'affiliated', 'none', 'anyone'];
const bool = (t: Targets) => [t.rng.pick(BOOLEANS)];

/** The fields a configuration form may hold, each with the values it draws when it does. */
const CONFIG_FIELDS: readonly (readonly [string, (t: Targets) => string[]])[] = [
  [MEMBERS_ONLY, bool],
  ['muc#roomconfig_moderatedroom', bool],
  [WHOIS, (t) => [t.rng.pick(['moderators', 'anyone', 'anyone', 'nobody'])]],
  ['muc#roomconfig_roomsecret', (t) => [t.rng.chance(0.8) ? '' : 'secret']],
  ['muc#roomconfig_persistentroom', bool],
  ['muc#roomconfig_publicroom', bool],
  ['muc#roomconfig_changesubject', bool],
  ['muc#roomconfig_allowpm', (t) => [t.rng.pick(ALLOW_PM)]],
  ['{xmpp:prosody.im}muc#allow_modpm', bool],
  ['muc#roomconfig_maxusers', (t) => [t.rng.pick(['none', '10', '2', '3', '-1', 'many'])]],
  [
    PRESENCE_BROADCAST,
    (t): string[] => [
      ...ROLES.filter(() => t.rng.chance(0.6)),
      ...(t.rng.chance(0.05) ? ['king'] : []),
    ],
  ],
  // Prosody 13.0.1 accepts a negative history length, then loops for ever on the room's next
  // historic message (history.lib.lua trims while #history > length): a live run leaves it out.
  [HISTORY_LENGTH, (t) => [t.rng.pick(t.live ? LIVE_LENGTHS : LENGTHS)]],
  [DEFAULT_HISTORY, (t) => [t.rng.pick(['0', '1', '20'])]],
  ['{http://prosody.im/protocol/muc}roomconfig_allowmemberinvites', bool],
  ['muc#roomconfig_roomname', (t) => [t.rng.pick(['', 'Fuzz room', '😀'])]],
  ['muc#roomconfig_unknown', () => ['1']],
];

function configSubmit(t: Targets, _sender: FuzzClient, online: readonly FuzzClient[]) {
  const jid = t.anyRoom();
  const by = t.privileged(online, t.room(jid));
  const stanza = iq('set', jid, t.nextId());
  const query = stanza.c('query', { xmlns: NS.mucOwner });
  const roll = t.rng.int(40);
  if (roll === 0) return { by, stanza };
  if (roll === 1) {
    query.cnode(form('cancel', undefined, []));
    return { by, stanza };
  }
  const formType = roll === 2 ? 'urn:wrong' : roll === 3 ? undefined : NS.mucRoomconfig;
  let fields: [string, string[]][] = [];
  for (const [name, value] of CONFIG_FIELDS) if (t.rng.chance(0.25)) fields.push([name, value(t)]);
  if (t.live) fields = withoutOrderDependence(fields);
  if (t.live) fields = aloneIfRaising(jid, fields);
  query.cnode(form(t.rng.chance(0.97) ? 'submit' : 'form', formType, fields));
  return { by, stanza };
}

/**
 * A field Prosody 13 raises on (a whois it asserts against, a presence broadcast without values)
 * stops the form part-way, after the fields its Lua table order put first: a live run sends such
 * fields alone, so that what the room keeps does not depend on that order.
 */
function aloneIfRaising(room: string, fields: [string, string[]][]): [string, string[]][] {
  const raises = (field: [string, string[]]) => {
    const probe = iq('set', room, 'probe');
    probe.c('query', { xmlns: NS.mucOwner }).cnode(form('submit', NS.mucRoomconfig, [field]));
    return mayGoUnanswered(probe);
  };
  const raising = fields.filter(raises);
  return raising.length > 0 ? raising : fields;
}

export const IQS = {
  adminRole: (t, _sender, online) => {
    const jid = t.anyRoom();
    const room = t.room(jid);
    const by = t.moderatorIn(online, room);
    const stanza = iq('set', jid, t.nextId());
    const item = stanza.c('query', { xmlns: NS.mucAdmin }).c('item');
    item.attrs.role = t.rng.chance(0.97) ? t.rng.pick(ROLES) : 'king';
    const roll = t.rng.int(20);
    if (roll < 17) item.attrs.nick = t.someNick(room);
    else if (roll < 19) item.attrs.jid = t.someJid();
    if (t.rng.chance(0.3)) item.c('reason').t('because');
    if (t.rng.chance(0.03)) item.attrs.affiliation = t.rng.pick(AFFILIATIONS);
    return { by, stanza };
  },
  adminAffiliation: (t, _sender, online) => {
    const jid = t.anyRoom();
    const room = t.room(jid);
    const by = t.privileged(online, room);
    const stanza = iq('set', jid, t.nextId());
    const query = stanza.c('query', { xmlns: NS.mucAdmin });
    const item = query.c('item');
    item.attrs.affiliation = t.rng.chance(0.97) ? t.rng.pick(AFFILIATIONS) : 'king';
    const roll = t.rng.int(20);
    if (roll < 16) item.attrs.jid = t.someJid();
    else if (roll < 19) item.attrs.nick = t.someNick(room);
    if (t.rng.chance(0.1)) item.attrs.nick = t.someNick(room);
    const nick = item.attrs.nick as string | undefined;
    if (t.live && nick !== undefined && t.reservesTwice(room, nick, item.attrs.jid)) {
      delete item.attrs.nick;
    }
    if (t.rng.chance(0.3)) item.c('reason').t('because');
    if (t.rng.chance(0.05)) query.c('item', { affiliation: 'owner', jid: t.someJid() });
    return { by, stanza };
  },
  adminList: (t, _sender, online) => {
    const jid = t.anyRoom();
    const stanza = iq('get', jid, t.nextId());
    const item = stanza.c('query', { xmlns: NS.mucAdmin }).c('item');
    if (t.rng.chance(0.5)) item.attrs.affiliation = t.rng.pick(AFFILIATIONS);
    else if (t.rng.chance(0.9)) item.attrs.role = t.rng.pick(ROLES);
    return { by: t.privileged(online, t.room(jid)), stanza };
  },
  configGet: (t, _sender, online) => {
    const jid = t.anyRoom();
    const stanza = iq('get', jid, t.nextId());
    stanza.c('query', { xmlns: NS.mucOwner });
    return { by: t.privileged(online, t.room(jid)), stanza };
  },
  configSubmit,
  destroy: (t, _sender, online) => {
    const jid = t.anyRoom();
    const stanza = iq('set', jid, t.nextId());
    const destroy = stanza
      .c('query', { xmlns: NS.mucOwner })
      .c('destroy', t.rng.chance(0.3) ? { jid: t.anyRoom() } : {});
    if (t.rng.chance(0.5)) destroy.c('reason').t('fuzzing');
    return { by: t.privileged(online, t.room(jid)), stanza };
  },
  registerGet: (t) => iq('get', t.anyRoom(), t.nextId()).c('query', { xmlns: NS.register }).root(),
  registerSet: (t, sender) => {
    const jid = t.anyRoom();
    const stanza = iq('set', jid, t.nextId());
    const nick = t.rng.chance(0.7) ? t.baseNick(sender) : t.someNick(t.room(jid));
    const type = t.rng.chance(0.9) ? 'submit' : 'form';
    const formType = t.rng.chance(0.9) ? NS.mucRegister : 'urn:other';
    stanza
      .c('query', { xmlns: NS.register })
      .cnode(form(type, formType, [['muc#register_roomnick', [nick]]]));
    return stanza;
  },
  registerRemove: (t) =>
    iq('set', t.anyRoom(), t.nextId()).c('query', { xmlns: NS.register }).c('remove').root(),
  disco: (t) => {
    const jid = t.anyRoom();
    const to = t.rng.pick([
      jid,
      jid,
      t.cast.mucDomain,
      t.occupantJid(jid, t.someNick(t.room(jid))),
    ]);
    // The service's list of rooms is the whole server's: a live run does not share it.
    const items = t.rng.chance(0.3) && !(t.live && to === t.cast.mucDomain);
    const stanza = iq('get', to, t.nextId());
    const query = stanza.c('query', { xmlns: items ? NS.discoItems : NS.discoInfo });
    if (t.rng.chance(0.2)) query.attrs.node = t.rng.pick(['x-roomuser-item', NS.commands, 'bogus']);
    return stanza;
  },
  occupantIq: (t, sender) => {
    const { jid, nick } = t.roomOf(sender);
    const target = nick !== undefined && t.rng.chance(0.3) ? nick : t.someNick(t.room(jid));
    const stanza = iq(t.rng.chance(0.85) ? 'get' : 'set', t.occupantJid(jid, target), t.nextId());
    const payload = t.rng.pick([
      ['ping', NS.ping],
      ['vCard', NS.vcard],
      ['query', 'jabber:iq:version'],
      ['query', NS.discoInfo],
    ] as const);
    stanza.c(payload[0], { xmlns: payload[1] });
    return stanza;
  },
  serviceCommand: (t, _sender, online) => {
    const admin = online.find((client) => t.cast.admins.includes(client.bare));
    const by = admin && t.rng.chance(0.7) ? admin : t.rng.pick(online);
    const stanza = iq('set', t.cast.mucDomain, t.nextId());
    const command = stanza.c('command', {
      xmlns: NS.commands,
      node: DESTROY_NODE,
      action: 'execute',
    });
    if (t.rng.chance(0.7)) {
      const rooms = [t.anyRoom(), `nowhere@${t.cast.mucDomain}`];
      command.cnode(form('submit', undefined, [['rooms', rooms]]));
    }
    return { by, stanza };
  },
} satisfies Record<string, Draw>;
