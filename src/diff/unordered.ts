// Runs of presences whose order Prosody leaves to Lua table iteration (occupant lists on join, several occupants changed at once), put in one canonical order — XEP-0045 §7.2.2 as two services send it
import type { Element } from 'ltx';
import { NS } from '../xmpp/namespaces.js';

/** Status codes that tie a presence to its place: a nick change's unavailable half (303). */
const ANCHORING_CODES = new Set(['303']);

function isLoosePresence(stanza: Element): boolean {
  if (stanza.name !== 'presence') return false;
  // An unavailable presence goes to every JID that got directed presence, in Lua table order:
  // the rooms' answers (errors among them) come in that order.
  if (stanza.attrs.type === 'error') return true;
  const x = stanza.getChild('x', NS.mucUser);
  if (!x) return false;
  return !x.getChildren('status').some((status) => ANCHORING_CODES.has(status.attrs.code));
}

/**
 * The order in which to compare one client's received stanzas: stanza order, except that each
 * maximal run of consecutive presences that arrived in the same step, come from pairwise
 * different occupant JIDs and carry no 303 is sorted by `keys` (their comparable form).
 * Prosody sends those in Lua table order, which changes from one start to the next (when one
 * change tells the room about several occupants, one's own presence comes anywhere among
 * them, and an unavailable presence reaches the rooms it was sent to in that order, so their
 * answers, errors included, come in it too); a nick change's pair and anything else keep their place. (The order of a join —
 * the others, then one's own — is the scenarios' to check: this order cannot see it.)
 */
export function comparisonOrder(
  received: readonly { stanza: Element; step: number }[],
  keys: readonly string[],
): number[] {
  const order: number[] = [];
  let index = 0;
  while (index < received.length) {
    const start = index;
    const first = received[start] as { stanza: Element; step: number };
    if (isLoosePresence(first.stanza)) {
      const senders = new Set([senderKey(first.stanza)]);
      index += 1;
      while (index < received.length) {
        const next = received[index] as { stanza: Element; step: number };
        if (next.step !== first.step || !isLoosePresence(next.stanza)) break;
        if (senders.has(senderKey(next.stanza))) break;
        senders.add(senderKey(next.stanza));
        index += 1;
      }
    } else {
      index += 1;
    }
    const run = Array.from({ length: index - start }, (_, offset) => start + offset);
    order.push(...run.sort((a, b) => compareKeys(keys[a] as string, keys[b] as string) || a - b));
  }
  return order;
}

/**
 * Who a presence is about: its sender, or, for the room's own unavailable presences for absent
 * affiliated users (from the bare room JID), the user its item names.
 */
function senderKey(stanza: Element): string {
  const from = stanza.attrs.from ?? '';
  if (from.includes('/')) return from;
  const item = stanza.getChild('x', NS.mucUser)?.getChild('item');
  return `${from}\n${item?.attrs.jid ?? ''}\n${item?.attrs.nick ?? ''}`;
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
