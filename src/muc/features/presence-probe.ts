// Answering presence probes sent to occupant JIDs — XEP-0045 §17.3
import { Element } from 'ltx';
import { bareJid } from '../../xmpp/jid.js';
import { NS } from '../../xmpp/namespaces.js';
import type { Feature } from '../hooks.js';
import { presenceFor } from '../presence.js';
import { NOT_AN_OCCUPANT } from '../refusals.js';
import type { Room } from '../room.js';

const BY = 'presence-probe';

export const presenceProbe: Feature = { name: BY, section: '§17.3' };

/**
 * Prosody's respond_to_probe: only occupants may probe (`not-acceptable` otherwise); the
 * answer is the occupant's current presence, or an unavailable one for an absent member whose
 * nick is reserved. Real JIDs follow the prober's whois rights.
 */
export function answerProbe(room: Room, stanza: Element, nick: string): void {
  const prober = room.occupantBySession(stanza.attrs.from);
  if (!prober) {
    room.sendError(stanza, NOT_AN_OCCUPANT, BY);
    return;
  }
  const seesJids = room.canSeeRealJids(prober);
  const target = room.occupantByNick(nick);
  if (target) {
    const presence = presenceFor(room, target, {
      kind: 'other',
      seesJids: seesJids || target.bareJid === bareJid(stanza.attrs.from),
    });
    presence.attrs.to = stanza.attrs.from;
    room.send(presence, BY);
    return;
  }
  const holder = room.jidReservingNick(nick);
  if (!holder) return;
  const presence = new Element('presence', {
    from: room.occupantJidOf(nick),
    to: stanza.attrs.from,
    type: 'unavailable',
  });
  const item: Record<string, string> = {
    nick,
    affiliation: room.affiliationOf(holder),
    role: 'none',
  };
  if (seesJids) item.jid = holder;
  presence.c('x', { xmlns: NS.mucUser }).c('item', item);
  room.send(presence, BY);
}
