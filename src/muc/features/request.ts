// Voice requests and their approval by moderators (muc#request) — XEP-0045 §7.13 and §8.6
import { Element } from 'ltx';
import { buildForm, findForm, parseBoolean, readForm } from '../../xmpp/data-form.js';
import { NS } from '../../xmpp/namespaces.js';
import type { Feature } from '../hooks.js';
import type { Occupant } from '../model/occupant.js';
import { routeToOccupant } from '../presence.js';
import { NOT_AN_OCCUPANT } from '../refusals.js';
import type { Room } from '../room.js';
import { setRole } from '../room-changes.js';

const BY = 'request';

function approvalForm(room: Room, requester: Occupant, realJid: string): Element {
  const message = new Element('message', { from: room.jid });
  message.cnode(
    buildForm({
      type: 'form',
      title: 'Voice request',
      instructions:
        'To approve this request for voice, select the "Grant voice to this person?" checkbox and click OK. To skip, click the cancel button.',
      fields: [
        { var: 'FORM_TYPE', type: 'hidden', values: [NS.mucRequest] },
        {
          var: 'muc#role',
          type: 'list-single',
          label: 'Requested role',
          values: ['participant'],
          options: ['none', 'visitor', 'participant', 'moderator'].map((value) => ({ value })),
        },
        { var: 'muc#jid', type: 'jid-single', label: 'User ID', values: [realJid] },
        {
          var: 'muc#roomnick',
          type: 'text-single',
          label: 'Room Nickname',
          values: [requester.nick],
        },
        {
          var: 'muc#request_allow',
          type: 'boolean',
          label: 'Grant voice to this person?',
          values: ['false'],
        },
      ],
    }),
  );
  return message;
}

export const request: Feature = {
  name: BY,
  section: '§7.13',
  hooks: {
    'muc-message-to-room': {
      priority: 0,
      run: ({ room, stanza, occupant }) => {
        const form = findForm(stanza);
        if (!form) return undefined;
        const submitted = readForm(form);
        if (submitted.formType !== NS.mucRequest) return undefined;
        if (!occupant) {
          return { veto: NOT_AN_OCCUPANT };
        }
        const allow = parseBoolean(submitted.values.get('muc#request_allow')?.[0]);
        if (allow === undefined) {
          // §7.13: only a visitor's request is worth forwarding to the moderators.
          if (occupant.role !== 'visitor') return 'handled';
          const ask = approvalForm(room, occupant, stanza.attrs.from);
          for (const moderator of room.occupants()) {
            if (moderator.role === 'moderator') routeToOccupant(room, moderator, ask, BY);
          }
          return 'handled';
        }
        // §8.6: the moderator's submitted form grants voice when request_allow is true. Prosody
        // looks the visitor up by the real JID in muc#jid (the nick is only shown), and ignores
        // an approval for someone who already has voice: it must never take a moderator down.
        const jid = submitted.values.get('muc#jid')?.[0];
        const target = allow && jid !== undefined ? room.occupantBySession(jid) : undefined;
        if (target?.role !== 'visitor') return 'handled';
        const refusal = setRole(
          room,
          stanza.attrs.from,
          target.nick,
          'participant',
          'Voice granted',
          BY,
        );
        return refusal ? { veto: refusal } : 'handled';
      },
    },
    'muc-disco#info': {
      priority: 0,
      run: ({ features }) => {
        features.push(NS.mucRequest);
      },
    },
  },
};
