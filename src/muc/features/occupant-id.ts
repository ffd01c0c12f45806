// XEP-0421 occupant ids: a stable pseudonym per bare JID and room, on presence and messages, that only the service can compute — XEP-0045 §7.2.2 and §7.4
import { createHmac } from 'node:crypto';
import type { Element } from 'ltx';
import { ForgetfulMemo } from '../../xmpp/forgetful-memo.js';
import { NS } from '../../xmpp/namespaces.js';
import type { Feature } from '../hooks.js';

import type { OccupantView, RoomView } from '../room-view.js';

/**
 * The service's secret, derived from the world's seed: the same seed gives the same ids, so
 * traces stay identical byte for byte, and an occupant who sees the ids cannot recompute them
 * from candidate JIDs, since the secret never leaves the service.
 */
export function occupantIdSecret(seed: number): string {
  return createHmac('sha256', 'mucsim XEP-0421 occupant-id secret')
    .update(String(seed >>> 0))
    .digest('base64');
}

/**
 * Prosody keeps a random salt per room (`occupant_id_salt`); here it comes from the secret and
 * the room's JID, so a room made again under the same name gives its users the same ids.
 */
function roomSalt(secret: string, roomJid: string): string {
  return createHmac('sha256', secret).update(roomJid).digest('hex');
}

interface RoomIds {
  salt: string;
  /** By bare JID. */
  ids: Map<string, string>;
}

/**
 * The ids by service secret (a world's seed: 16 remembered), room JID (1,024 per secret) and
 * bare JID, each computed once: every presence and message of an occupant carries one, and rooms
 * come and go under the same names.
 */
const idsBySecret = new ForgetfulMemo<string, ForgetfulMemo<string, RoomIds>>(16);
const roomsOfSecret = () => new ForgetfulMemo<string, RoomIds>(1024);

/** As Prosody 13 computes it (muc/occupant_id.lib.lua): base64(HMAC-SHA256(bare JID, room salt)). */
export function occupantIdOf(room: RoomView, bareJid: string): string {
  const secret = room.services.occupantIdSecret;
  const rooms = idsBySecret.get(secret, roomsOfSecret);
  const known = rooms.get(room.jid, (jid) => ({ salt: roomSalt(secret, jid), ids: new Map() }));
  let id = known.ids.get(bareJid);
  if (id === undefined) {
    id = createHmac('sha256', bareJid).update(known.salt).digest('base64');
    known.ids.set(bareJid, id);
  }
  return id;
}

/** "the service MUST strip any occupant-id element sent by the client" and add its own. */
function stamp(stanza: Element, id: string): void {
  stanza.children = stanza.children.filter(
    (child) =>
      typeof child === 'string' ||
      child.name !== 'occupant-id' ||
      child.attrs.xmlns !== NS.occupantId,
  );
  stanza.c('occupant-id', { xmlns: NS.occupantId, id });
}

/** Prosody's update_occupant and muc_private: the stanza carries the occupant's id, whatever the client put. */
const stampOccupant = (room: RoomView, occupant: OccupantView | undefined, stanza: Element) => {
  if (occupant) stamp(stanza, occupantIdOf(room, occupant.bareJid));
};

export const occupantId: Feature = {
  name: 'occupant-id',
  section: '§7.2.2',
  hooks: {
    // The presence an occupant sends is stamped before it is stored, so every copy of it carries the id.
    'muc-occupant-pre-join': {
      priority: 0,
      run: ({ room, stanza, bareJid }) => stamp(stanza, occupantIdOf(room, bareJid)),
    },
    'muc-occupant-pre-change': {
      priority: 0,
      run: ({ room, stanza, occupant }) => stampOccupant(room, occupant, stanza),
    },
    'muc-broadcast-presence': {
      priority: 0,
      run: ({ room, occupant, presence }) => stampOccupant(room, occupant, presence),
    },
    'muc-occupant-groupchat': {
      priority: 0,
      run: ({ room, stanza, occupant }) => stampOccupant(room, occupant, stanza),
    },
    'muc-private-message': {
      priority: 0,
      run: ({ room, stanza, occupant }) => stampOccupant(room, occupant, stanza),
    },
    'muc-disco#info': {
      priority: 0,
      run: ({ features }) => {
        features.push(NS.occupantId);
      },
    },
  },
};
