// Malformed but parseable stanzas: missing or wrong attributes, wrong namespaces, unknown children, odd addresses — hostile input for XEP-0045 services (§17, RFC 6120 §8)
import type { Element } from 'ltx';
import { NS } from '../../xmpp/namespaces.js';
import type { FuzzClient } from '../actions.js';
import type { Targets } from '../targets.js';
import { AFFILIATIONS, el, iq } from './build.js';

/** Where a malformed stanza goes: a room, the sender's usual nick in it, and the sender. */
interface Aim {
  jid: string;
  nick: string;
  sender: FuzzClient;
}

type Shape = (t: Targets, aim: Aim) => Element;

const unknownPresenceType: Shape = (t, { jid, nick }) =>
  el('presence', { to: t.occupantJid(jid, nick), type: 'bogus' });

const unknownMessageType: Shape = (t, { jid }) =>
  el('message', { to: jid, type: 'bogus', id: t.nextId() }).c('body').t('?').root();

const iqWithoutType: Shape = (t, { jid }) => {
  const stanza = iq(undefined, jid, t.nextId());
  stanza.c('query', { xmlns: NS.mucAdmin });
  return stanza;
};

const iqWithoutPayload: Shape = (t, { jid }) =>
  iq(t.rng.pick(['get', 'set', 'bogus']), jid, t.nextId());

const iqWithTwoPayloads: Shape = (t, { jid }) => {
  const stanza = iq('get', jid, t.nextId());
  stanza.c('query', { xmlns: NS.discoInfo });
  stanza.c('query', { xmlns: NS.mucAdmin });
  return stanza;
};

const iqWithoutId: Shape = (_t, { jid, nick }) => {
  const stanza = iq('set', jid, undefined);
  stanza.c('query', { xmlns: NS.mucAdmin }).c('item', { nick, role: 'none' });
  return stanza;
};

const adminQueryInWrongNamespace: Shape = (t, { jid, nick }) => {
  const stanza = iq('set', jid, t.nextId());
  stanza.c('query', { xmlns: `${NS.mucAdmin}x` }).c('item', { nick, role: 'none' });
  return stanza;
};

const joinWithOwnerNamespace: Shape = (t, { jid, nick }) => {
  const presence = el('presence', { to: t.occupantJid(jid, nick) });
  presence.c('x', { xmlns: NS.mucOwner });
  return presence;
};

const joinWithUnknownChildren: Shape = (t, { jid, nick }) => {
  const presence = el('presence', { to: t.occupantJid(jid, nick) });
  presence.c('x', { xmlns: NS.muc }).c('unknown', { xmlns: 'urn:fuzz' });
  presence.c('foo', { xmlns: 'urn:fuzz' }).c('bar').t('baz');
  return presence;
};

const groupchatToNobody: Shape = () =>
  el('message', { type: 'groupchat' }).c('body').t('to nobody').root();

const iqToOwnServer: Shape = (t) =>
  t.rng.chance(0.5)
    ? iq('get', undefined, t.nextId()).c('ping', { xmlns: NS.ping }).root()
    : iq('get', t.cast.domain, t.nextId()).c('query', { xmlns: NS.discoItems }).root();

const oddAddress: Shape = (t, { jid }) => {
  const to = t.rng.pick([
    `${jid}/`,
    `@${t.cast.mucDomain}`,
    `r 1@${t.cast.mucDomain}/x`,
    `${jid}/${'\u0301'}`,
    `a@b@${t.cast.mucDomain}`,
  ]);
  const name = t.rng.pick(['presence', 'message', 'iq']);
  const stanza = el(name, { to, id: t.nextId(), type: name === 'iq' ? 'get' : undefined });
  if (name === 'iq') stanza.c('query', { xmlns: NS.discoInfo });
  return stanza;
};

const iqElsewhere: Shape = (t) => {
  // Another server (a live run stays on its own: its links to others vary), or a stranger here.
  const to = t.live ? `stranger@${t.cast.domain}` : 'x@elsewhere.example';
  const stanza = iq('get', to, t.nextId());
  stanza.c('query', { xmlns: NS.discoInfo });
  return stanza;
};

const joinInUpperCase: Shape = (_t, { jid, nick }) => {
  const upper = `${jid.split('@')[0]!.toUpperCase()}@Conference.Localhost/${nick}`;
  return el('presence', { to: upper }).c('x', { xmlns: NS.muc }).root();
};

const deeplyNestedMessage: Shape = (t, { jid }) => {
  let deep = el('message', { to: jid, type: 'groupchat', id: t.nextId() });
  const root = deep;
  deep.c('body').t('deep');
  for (let depth = 0; depth < 12; depth += 1) deep = deep.c('nest', { xmlns: 'urn:fuzz' });
  return root;
};

const inviteToBadJid: Shape = (t, { jid }) => {
  const message = el('message', { to: jid });
  message.c('x', { xmlns: NS.mucUser }).c('invite', { to: t.rng.pick(['', 'not a jid', '@']) });
  return message;
};

const affiliationOfBadJid: Shape = (t, { jid, sender }) => {
  const stanza = iq('set', jid, t.nextId());
  stanza.c('query', { xmlns: NS.mucAdmin }).c('item', {
    affiliation: t.rng.pick(AFFILIATIONS),
    jid: t.rng.pick(['', '@', 'a@b/c/d', `${sender.bare}/`, 'UPPER@LOCALHOST']),
  });
  return stanza;
};

const groupchatToOccupant: Shape = (t, { jid, nick }) =>
  el('message', { to: t.occupantJid(jid, nick), type: 'groupchat', id: t.nextId() })
    .c('body')
    .t('pm?')
    .root();

const subjectWithBody: Shape = (t, { jid }) => {
  const message = el('message', { to: jid, type: 'groupchat', id: t.nextId() });
  message.c('subject').t('both');
  message.c('body').t('both');
  message.c('thread').t('t1');
  return message;
};

const emptyConfigurationForm: Shape = (t, { jid }) => {
  const stanza = iq('set', jid, t.nextId());
  stanza.c('query', { xmlns: NS.mucOwner }).c('x', { xmlns: NS.dataForms });
  return stanza;
};

/** The shapes, drawn with equal chances (their order is part of what a seed draws). */
const SHAPES: readonly Shape[] = [
  unknownPresenceType,
  unknownMessageType,
  iqWithoutType,
  iqWithoutPayload,
  iqWithTwoPayloads,
  iqWithoutId,
  adminQueryInWrongNamespace,
  joinWithOwnerNamespace,
  joinWithUnknownChildren,
  groupchatToNobody,
  iqToOwnServer,
  oddAddress,
  iqElsewhere,
  joinInUpperCase,
  deeplyNestedMessage,
  inviteToBadJid,
  affiliationOfBadJid,
  groupchatToOccupant,
  subjectWithBody,
  emptyConfigurationForm,
];

export function malformed(t: Targets, sender: FuzzClient): Element {
  const jid = t.anyRoom();
  const nick = t.baseNick(sender);
  const shape = SHAPES[t.rng.int(SHAPES.length)] as Shape;
  return shape(t, { jid, nick, sender });
}
