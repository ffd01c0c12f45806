// A room created by its first presence: locked, set up by the features (muc-room-pre-create), its creator the owner, then the creator's join — XEP-0045 §10.1.1, as Prosody's handle_first_presence
import type { Element } from 'ltx';
import { bareJid, resourceOf } from '../../xmpp/jid.js';
import type { Effects } from '../effects.js';
import { handleLikeProsody } from '../lua-error.js';
import type { Room } from '../room.js';
import { handleFirstPresence } from './occupant-presence.js';

/** The trace names the service as the one that creates the room and makes its creator owner. */
const BY = 'service';

/**
 * §10.1.1: "the service MUST create the room … the user … becomes the owner", locked, as
 * Prosody's muc-room-pre-create hooks set it up (the features: the creator's language, the
 * password the creating presence carries). A creator whose nick the checks refuse leaves an
 * empty, locked room.
 */
export function createRoom(room: Room, out: Effects, stanza: Element): void {
  out.record({ kind: 'room', room: room.jid, from: 'absent', to: 'locked', by: BY });
  room.fire('muc-room-pre-create', { room, out, stanza });
  room.storeAffiliation(out, bareJid(stanza.attrs.from), 'owner', {}, BY);
  handleLikeProsody(room.jid, out, () =>
    handleFirstPresence(room, out, stanza, resourceOf(stanza.attrs.to) as string),
  );
}
