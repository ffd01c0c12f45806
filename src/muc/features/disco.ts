// Service discovery of a room: identity, features and the muc#roominfo form — XEP-0045 §6.4, §6.5 and §7.12
import type { Element } from 'ltx';
import { buildForm, type FormField } from '../../xmpp/data-form.js';
import { NS } from '../../xmpp/namespaces.js';
import type { Feature, IqContext } from '../hooks.js';
import type { Room } from '../room.js';
import { iqResult } from './admin.js';
import { reservedNickInfo } from './register.js';

const BY = 'disco';

/**
 * §6.4 as Prosody answers it: the identity carries the room's name only when it has one; the
 * features and the roominfo fields come from the features that own them.
 */
function roomInfo(room: Room, stanza: Element): Element {
  const features: string[] = [NS.muc, NS.mucStableId];
  const info: FormField[] = [];
  room.bus.fire('muc-disco#info', { room, requester: stanza.attrs.from, features, info });
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

function discoInfo({ room, stanza, payload }: IqContext): void {
  const node = payload.attrs.node;
  if (node === 'x-roomuser-item') {
    return room.send(iqResult(stanza).cnode(reservedNickInfo(room, stanza)).root(), BY);
  }
  if (node !== undefined && node !== '') {
    // Prosody answers any other node with an empty query for that node.
    return room.send(iqResult(stanza).c('query', { xmlns: NS.discoInfo, node }).root(), BY);
  }
  room.send(roomInfo(room, stanza), BY);
}

/** §6.5: occupants MAY be listed; Prosody keeps the list private and answers an empty query. */
function discoItems({ room, stanza }: IqContext): void {
  room.send(iqResult(stanza).c('query', { xmlns: NS.discoItems }).root(), BY);
}

export const disco: Feature = {
  name: BY,
  section: '§6.4',
  iq: {
    [`get ${NS.discoInfo}`]: discoInfo,
    [`get ${NS.discoItems}`]: discoItems,
  },
};
