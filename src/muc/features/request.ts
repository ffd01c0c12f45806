// Voice requests and their approval by moderators (muc#request) — XEP-0045 §7.13 and §8.6, as Prosody's request.lib.lua
import { Element } from 'ltx';
import { buildForm, type FormField, findForm, readFormData } from '../../xmpp/data-form.js';
import { NS } from '../../xmpp/namespaces.js';
import type { Feature } from '../hooks.js';
import { raiseLuaError } from '../lua-error.js';
import type { Occupant } from '../model/occupant.js';
import { routeToOccupant } from '../presence.js';
import type { Room } from '../room.js';
import { setRole } from '../room-changes.js';

const BY = 'request';

/** Prosody's voice_request_form: the layout of both the request and the approval. */
const LAYOUT: readonly FormField[] = [
  { var: 'FORM_TYPE', type: 'hidden', value: NS.mucRequest },
  { var: 'muc#jid', type: 'jid-single', label: 'User ID', desc: "The user's JID (address)" },
  {
    var: 'muc#roomnick',
    type: 'text-single',
    label: 'Room nickname',
    desc: "The user's nickname within the room",
  },
  {
    var: 'muc#role',
    type: 'list-single',
    label: 'Requested role',
    value: 'participant',
    options: ['none', 'visitor', 'participant', 'moderator'],
  },
  {
    var: 'muc#request_allow',
    type: 'boolean',
    label: 'Grant voice to this person?',
    desc: 'Specify whether this person is able to speak in a moderated room',
    value: false,
  },
];

/** §8.6: the approval form a visitor's request puts before every moderator. */
function approvalForm(room: Room, requester: Occupant, realJid: string): Element {
  const message = new Element('message', { type: 'normal', from: room.jid });
  const values: Record<string, string> = { 'muc#jid': realJid, 'muc#roomnick': requester.nick };
  message.cnode(
    buildForm({
      type: 'form',
      title: 'Voice Request',
      fields: LAYOUT.map((field) =>
        field.var && values[field.var] !== undefined
          ? { ...field, value: values[field.var] }
          : field,
      ),
    }),
  );
  return message;
}

/**
 * A moderator's answer (§8.6): Prosody looks the visitor up by the real JID in `muc#jid` and
 * grants voice only when `muc#request_allow` is true and the occupant is still a visitor.
 */
function answerRequest(room: Room, stanza: Element, form: Element): void {
  const { values } = readFormData(LAYOUT, form);
  if (values.get('muc#request_allow') !== true) return;
  const jid = values.get('muc#jid');
  const target = typeof jid === 'string' ? room.occupantBySession(jid) : undefined;
  if (target?.role !== 'visitor') return;
  const refusal = setRole(room, stanza.attrs.from, target.nick, 'participant', 'Voice granted', BY);
  if (refusal) room.sendError(stanza, refusal, BY);
}

/** Prosody's handle_role_request, for a muc#request form sent to the room: a moderator answers, anyone else asks. */
export function handleRoleRequest(room: Room, stanza: Element, form: Element): void {
  const occupant = room.occupantBySession(stanza.attrs.from);
  // request.lib.lua reads occupant.role without checking that the sender is an occupant.
  if (!occupant) raiseLuaError(BY, "attempt to index a nil value (local 'occupant')");
  const event = occupant.role === 'moderator' ? 'muc-voice-response' : 'muc-voice-request';
  room.bus.fire(event, { room, stanza, occupant, form });
}

/** §7.13: only a visitor's request goes to the moderators. */
function forwardRequest(room: Room, stanza: Element, occupant: Occupant): void {
  if (occupant.role !== 'visitor') return;
  const ask = approvalForm(room, occupant, stanza.attrs.from);
  for (const moderator of room.occupants()) {
    if (moderator.role === 'moderator') routeToOccupant(room, moderator, ask, BY);
  }
}

export function isRoleRequest(stanza: Element): Element | undefined {
  const form = findForm(stanza);
  if (!form) return undefined;
  const type = form.getChildren('field').find((field) => field.attrs.var === 'FORM_TYPE');
  return type?.getChildText('value') === NS.mucRequest ? form : undefined;
}

export const request: Feature = {
  name: BY,
  section: '§7.13',
  hooks: {
    'muc-voice-request': {
      priority: 0,
      run: ({ room, stanza, occupant }) => forwardRequest(room, stanza, occupant),
    },
    'muc-voice-response': {
      priority: 0,
      run: ({ room, stanza, form }) => answerRequest(room, stanza, form),
    },
    'muc-disco#info': {
      priority: 0,
      run: ({ features }) => {
        features.push(NS.mucRequest);
      },
    },
  },
};
