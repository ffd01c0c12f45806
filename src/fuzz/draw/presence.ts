// The generator's presences: joins (with passwords and history requests), leaves, nick changes, status updates, probes, errors — XEP-0045 §7.2, §7.3, §7.6, §7.14, §17.4
import type { Element } from 'ltx';
import { NS } from '../../xmpp/namespaces.js';
import type { FuzzClient } from '../actions.js';
import type { Targets } from '../targets.js';
import { addError, type Draw, el, maybeForgeOccupantId } from './build.js';

/** History requests: `seconds` and `since` depend on the time, which a live run cannot share. */
function requestHistory(t: Targets, x: Element): void {
  const attributes = t.live
    ? ['maxchars', 'maxstanzas']
    : ['maxchars', 'maxstanzas', 'seconds', 'since'];
  x.c('history').attrs[t.rng.pick(attributes)] = t.rng.pick([
    '0',
    '1',
    '5',
    '-1',
    '1e9',
    'garbage',
    '2026-01-01T12:00:00Z',
  ]);
}

function join(t: Targets, sender: FuzzClient, withX: boolean): Element {
  const jid = t.anyRoom();
  const room = t.room(jid);
  const presence = el('presence', { to: t.occupantJid(jid, t.joinNick(sender, room)) });
  if (!withX) return presence;
  const x = presence.c('x', { xmlns: NS.muc });
  const secret = room?.config.password;
  if (secret && t.rng.chance(0.7)) x.c('password').t(secret);
  else if (t.rng.chance(0.05)) x.c('password').t('wrong');
  if (t.rng.chance(0.2)) requestHistory(t, x);
  if (t.rng.chance(0.05)) {
    // Client-supplied muc#user data is never reflected (§17.3).
    presence.c('x', { xmlns: NS.mucUser }).c('item', { jid: t.someJid(), role: 'moderator' });
  }
  if (t.rng.chance(0.1)) presence.c('status').t('here');
  maybeForgeOccupantId(t, presence);
  return presence;
}

export const PRESENCES = {
  initialPresence: () => el('presence'),
  unavailableBroadcast: () => el('presence', { type: 'unavailable' }),
  join: (t, sender) => join(t, sender, true),
  joinNoX: (t, sender) => join(t, sender, false),
  leave: (t, sender) => {
    const { jid, nick } = t.roomOf(sender);
    const presence = el('presence', {
      to: t.occupantJid(jid, nick ?? t.baseNick(sender)),
      type: 'unavailable',
    });
    if (t.rng.chance(0.3)) presence.c('status').t('gone fishing');
    return presence;
  },
  nickChange: (t, sender) => {
    const { jid } = t.roomOf(sender);
    return el('presence', { to: t.occupantJid(jid, t.joinNick(sender, t.room(jid))) });
  },
  presenceUpdate: (t, sender) => {
    const { jid, nick } = t.roomOf(sender);
    const presence = el('presence', { to: t.occupantJid(jid, nick ?? t.baseNick(sender)) });
    presence.c('show').t(t.rng.pick(['away', 'dnd', 'xa', 'chat', 'bogus']));
    if (t.rng.chance(0.5)) presence.c('status').t('status text');
    return presence;
  },
  probe: (t) => {
    const jid = t.anyRoom();
    return el('presence', { to: t.occupantJid(jid, t.someNick(t.room(jid))), type: 'probe' });
  },
  errorPresence: (t, sender) => {
    const { jid, nick } = t.roomOf(sender);
    const to = t.rng.chance(0.8) ? t.occupantJid(jid, nick ?? t.baseNick(sender)) : jid;
    const presence = el('presence', { to, type: 'error' });
    addError(t, presence);
    return presence;
  },
} satisfies Record<string, Draw>;
