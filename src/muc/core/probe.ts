// Answering presence probes sent to occupant JIDs — XEP-0045 §17.3
import { Element } from 'ltx';
import { NS } from '../../xmpp/namespaces.js';
import type { Effects } from '../effects.js';
import { NOT_AN_OCCUPANT } from '../refusals.js';
import type { Room } from '../room.js';
import { isAnonymousFor } from './occupant-list.js';
import { publiciseOccupantStatus } from './publicise.js';

const BY = 'presence-probe';

/**
 * Prosody's respond_to_probe: only occupants may probe (`not-acceptable` otherwise); the
 * answer is the occupant's current presence as the prober may see it, or, for an absent user
 * whose nick is reserved, an unavailable presence with the item.
 */
export function answerProbe(room: Room, out: Effects, stanza: Element, nick: string): void {
  const prober = room.occupantBySession(stanza.attrs.from);
  if (!prober) {
    out.sendError(stanza, { ...NOT_AN_OCCUPANT, by: room.jid }, BY, room.jid);
    return;
  }
  const target = room.occupantByNick(nick);
  if (target) {
    publiciseOccupantStatus(room, out, target, { recipient: prober }, BY);
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
  if (!isAnonymousFor(room, stanza.attrs.from)) item.jid = holder;
  presence.c('x', { xmlns: NS.mucUser }).c('item', item);
  out.send(presence, BY);
}
