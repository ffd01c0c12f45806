// XEP-0421 occupant ids: a stable pseudonym per bare JID and room, on presence and messages — XEP-0045 §7.2.2 and §7.4
import type { Element } from 'ltx';
import { NS } from '../../xmpp/namespaces.js';
import type { Feature } from '../hooks.js';
import type { Occupant } from '../model/occupant.js';
import type { Room } from '../room.js';

/** 53-bit FNV-1a style hash, rendered in base 36: deterministic and cheap. */
function hash(text: string): string {
  let high = 0x811c9dc5;
  let low = 0x01000193;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    high = Math.imul(high ^ code, 0x01000193) >>> 0;
    low = Math.imul(low ^ code, 0x5bd1e995) >>> 0;
  }
  return (high * 0x200000 + (low & 0x1fffff)).toString(36);
}

export function occupantIdOf(room: Room, bareJid: string): string {
  return hash(`${room.services.occupantIdSalt}\u0000${room.jid}\u0000${bareJid}`);
}

/** Each occupant's id, computed once: every presence and message of an occupant carries it. */
const ids = new WeakMap<Occupant, string>();

function idOf(room: Room, occupant: Occupant): string {
  let id = ids.get(occupant);
  if (id === undefined) {
    id = occupantIdOf(room, occupant.bareJid);
    ids.set(occupant, id);
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

export const occupantId: Feature = {
  name: 'occupant-id',
  section: '§7.2.2',
  hooks: {
    'muc-build-occupant-presence': {
      priority: 0,
      run: ({ room, occupant, presence }) => stamp(presence, idOf(room, occupant)),
    },
    'muc-broadcast-message': {
      priority: 0,
      run: ({ room, occupant, message }) => {
        if (occupant) stamp(message, idOf(room, occupant));
      },
    },
    'muc-disco#info': {
      priority: 0,
      run: ({ features }) => {
        features.push(NS.occupantId);
      },
    },
  },
};
