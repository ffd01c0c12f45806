// A muc#request form sent to the room: a visitor's voice request or a moderator's answer, told to the features — XEP-0045 §7.13 and §8.6, as Prosody's handle_role_request
import type { Element } from 'ltx';
import { findForm } from '../../xmpp/data-form.js';
import { NS } from '../../xmpp/namespaces.js';
import type { Effects } from '../effects.js';
import { raiseLuaError } from '../lua-error.js';
import type { Room } from '../room.js';

const BY = 'request';

/** The muc#request form a message carries, if it carries one (§7.13). */
export function isRoleRequest(stanza: Element): Element | undefined {
  const form = findForm(stanza);
  if (!form) return undefined;
  const type = form.getChildren('field').find((field) => field.attrs.var === 'FORM_TYPE');
  return type?.getChildText('value') === NS.mucRequest ? form : undefined;
}

/** Prosody's handle_role_request, for a muc#request form sent to the room: a moderator answers, anyone else asks. */
export function handleRoleRequest(room: Room, out: Effects, stanza: Element, form: Element): void {
  const occupant = room.occupantBySession(stanza.attrs.from);
  // request.lib.lua reads occupant.role without checking that the sender is an occupant.
  if (!occupant) raiseLuaError(BY, "attempt to index a nil value (local 'occupant')");
  const event = occupant.role === 'moderator' ? 'muc-voice-response' : 'muc-voice-request';
  room.fire(event, { room, out, stanza, occupant, form });
}
