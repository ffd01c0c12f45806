// Service discovery of a room: identity, features and the muc#roominfo form — XEP-0045 §6.4, §6.5 and §7.12
import type { Element } from 'ltx';
import { buildForm, type FormField } from '../../xmpp/data-form.js';
import { iqResult } from '../../xmpp/iq-result.js';
import { NS } from '../../xmpp/namespaces.js';
import type { Effects } from '../effects.js';
import type { IqAnswer } from '../hooks.js';
import type { Room } from '../room.js';
import type { CoreIqContext, CoreIqHandler } from './core-iq.js';

/**
 * §6.4 as Prosody answers it: the identity carries the room's name only when it has one; the
 * features and the roominfo fields come from the features that own them.
 */
function roomInfo(room: Room, out: Effects, stanza: Element): Element {
  const features: string[] = [NS.muc, NS.mucStableId];
  const info: FormField[] = [];
  room.fire('muc-disco#info', { room, out, requester: stanza.attrs.from, features, info });
  info.push({
    var: 'muc#roominfo_occupants',
    label: 'Number of occupants',
    value: String(room.occupantCount()),
  });
  const reply = iqResult(stanza);
  const query = reply.c('query', { xmlns: NS.discoInfo });
  const identity: Record<string, string> = { category: 'conference', type: 'text' };
  if (room.config.name) identity.name = room.config.name;
  query.c('identity', identity);
  for (const feature of features) query.c('feature', { var: feature });
  query.cnode(
    buildForm({
      type: 'result',
      fields: [{ var: 'FORM_TYPE', type: 'hidden', value: NS.mucRoominfo }, ...info],
    }),
  );
  return reply;
}

/**
 * disco#info of the room, or of one of its nodes: Prosody answers a node with a query for that
 * node, which the features that know it fill (§7.12's x-roomuser-item: the reserved nick).
 */
function discoInfo({ room, out, stanza, payload }: CoreIqContext): IqAnswer {
  const node = payload.attrs.node;
  if (node === undefined || node === '') return { reply: roomInfo(room, out, stanza) };
  const query = iqResult(stanza).c('query', { xmlns: NS.discoInfo, node });
  if (node === 'x-roomuser-item') {
    room.fire('muc-disco#info/x-roomuser-item', {
      room,
      out,
      requester: stanza.attrs.from,
      query,
    });
  }
  return { reply: query.root() };
}

/** §6.5: occupants MAY be listed; Prosody keeps the list private and answers an empty query. */
function discoItems({ stanza }: CoreIqContext): IqAnswer {
  return { reply: iqResult(stanza).c('query', { xmlns: NS.discoItems }).root() };
}

/** The core's answers to disco queries at the room's bare JID. */
export const DISCO_IQ: Record<string, CoreIqHandler> = {
  [`get ${NS.discoInfo}`]: discoInfo,
  [`get ${NS.discoItems}`]: discoItems,
};
