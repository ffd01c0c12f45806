// Voice requests and their approval by moderators (muc#request) — XEP-0045 §7.13 and §8.6, as Prosody's request.lib.lua
import { Element } from 'ltx';
import { buildForm, type FormField, readFormData } from '../../xmpp/data-form.js';
import { NS } from '../../xmpp/namespaces.js';
import { routeToOccupant } from '../core/publicise.js';
import type { Effects } from '../effects.js';
import type { Feature, HookOutcome } from '../hooks.js';

import type { OccupantView, RoomView } from '../room-view.js';

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
function approvalForm(room: RoomView, requester: OccupantView, realJid: string): Element {
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
function answerRequest(room: RoomView, stanza: Element, form: Element): HookOutcome {
  const { values } = readFormData(LAYOUT, form);
  if (values.get('muc#request_allow') !== true) return undefined;
  const jid = values.get('muc#jid');
  const target = typeof jid === 'string' ? room.occupantBySession(jid) : undefined;
  if (target?.role !== 'visitor') return undefined;
  const grant = {
    kind: 'role',
    actor: stanza.attrs.from,
    nick: target.nick,
    role: 'participant',
    reason: 'Voice granted',
    answer: stanza,
  } as const;
  return { changes: [grant] };
}

/** §7.13: only a visitor's request goes to the moderators. */
function forwardRequest(
  room: RoomView,
  out: Effects,
  stanza: Element,
  occupant: OccupantView,
): void {
  if (occupant.role !== 'visitor') return;
  const ask = approvalForm(room, occupant, stanza.attrs.from);
  for (const moderator of room.occupants()) {
    if (moderator.role === 'moderator') routeToOccupant(out, moderator, ask, BY);
  }
}

export const request: Feature = {
  name: BY,
  section: '§7.13',
  hooks: {
    'muc-voice-request': {
      priority: 0,
      run: ({ room, out, stanza, occupant }) => forwardRequest(room, out, stanza, occupant),
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
