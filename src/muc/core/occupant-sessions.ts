// An occupant's sessions as Prosody keeps them: the presence each stores, the session that stands for the occupant, the occupant as seen in the middle of a change — XEP-0045 §7.2 (multi-session) and §7.14
import { Element } from 'ltx';
import { NS } from '../../xmpp/namespaces.js';
import { sharedPayload } from '../../xmpp/shared-payload.js';
import type { OccupantView } from '../room-view.js';

function isMucPayload(child: Element): boolean {
  const xmlns = child.attrs.xmlns;
  return child.name === 'x' && (xmlns === NS.muc || xmlns === NS.mucUser);
}

/**
 * The presence an occupant's session stores (Prosody's set_session): the client's own, its
 * attributes but `from` and `to`, without the MUC protocol payloads. Its payloads are shared
 * with every other stored presence that has the same: it is read-only.
 */
export function storedPresence(stanza: Element): Element {
  const { from: _from, to: _to, ...attrs } = stanza.attrs;
  const presence = new Element('presence', attrs);
  // map() sizes the array exactly: one stored presence per occupant session adds up.
  presence.children = stanza.children
    .filter((child): child is Element => typeof child !== 'string' && !isMucPayload(child))
    .map(sharedPayload);
  return presence;
}

/** The session to stand for the occupant once `leaving` is gone (Prosody's choose_new_primary). */
export function nextPrimary(occupant: OccupantView, leaving: string): string | undefined {
  for (const [jid, presence] of occupant.sessions) {
    if (jid !== leaving && presence.attrs.type === undefined) return jid;
  }
  return undefined;
}

/** The occupant as Prosody holds it in the middle of a change: other sessions and role. */
export function occupantView(
  occupant: OccupantView,
  sessions: ReadonlyMap<string, Element>,
  role = occupant.role,
  primaryJid = occupant.primaryJid,
): OccupantView {
  const { nick, occupantJid, bareJid } = occupant;
  return { nick, occupantJid, bareJid, role, sessions, primaryJid };
}
