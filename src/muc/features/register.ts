// Registering with a room and reserved nicknames: jabber:iq:register, x-roomuser-item and the reserved-nick check — XEP-0045 §7.10 and §7.12, as Prosody's register.lib.lua
import { Element } from 'ltx';
import { buildForm, findForm, readForm } from '../../xmpp/data-form.js';
import { iqResult } from '../../xmpp/iq-result.js';
import { bareJid } from '../../xmpp/jid.js';
import { NS } from '../../xmpp/namespaces.js';
import type { StanzaErrorSpec } from '../../xmpp/stanza-error.js';
import { resourceprep } from '../../xmpp/stringprep.js';
import type { Feature, HookOutcome, IqAnswer, IqContext } from '../hooks.js';
import { raiseLuaError } from '../lua-error.js';
import type { RoomView } from '../room-view.js';

const BY = 'register';

/** §7.2.8: "If the nickname is … reserved by another user … <conflict/>" (checked on every move). */
function reservedByOther(room: RoomView, nick: string, jid: string): HookOutcome {
  const holder = room.jidReservingNick(nick);
  return holder && holder !== bareJid(jid)
    ? { veto: { type: 'cancel', condition: 'conflict', by: room.jid } }
    : undefined;
}

/** §7.10: the form to fill in, or, for a registered user, `<registered/>` and the reserved nick (Example 69). */
function registrationQuery(room: RoomView, jid: string): Element {
  const query = new Element('query', { xmlns: NS.register });
  const reserved = room.reservedNickOf(jid);
  if (reserved !== undefined) {
    query.c('registered');
    query.c('username').t(reserved);
    return query;
  }
  query.cnode(
    buildForm({
      type: 'form',
      fields: [
        { var: 'FORM_TYPE', type: 'hidden', value: NS.mucRegister },
        { var: 'muc#register_roomnick', type: 'text-single', label: 'Nickname', required: true },
      ],
    }),
  );
  return query;
}

/** The XEP says not-allowed; Prosody answers forbidden to outcasts, registration-required to the unaffiliated. */
function refusal(room: RoomView, jid: string): StanzaErrorSpec | undefined {
  const affiliation = room.affiliationOf(jid);
  if (affiliation === 'outcast') return { type: 'auth', condition: 'forbidden' };
  if (affiliation === 'none' && !room.config.allowUnaffiliatedRegister) {
    return { type: 'auth', condition: 'registration-required' };
  }
  return undefined;
}

function badRequest(text: string): StanzaErrorSpec {
  return { type: 'modify', condition: 'bad-request', text };
}

function getRegistration({ room, stanza }: IqContext): IqAnswer {
  const refused = refusal(room, stanza.attrs.from);
  if (refused) return { reply: refused };
  return { reply: iqResult(stanza).cnode(registrationQuery(room, stanza.attrs.from)).root() };
}

/**
 * The nick a registration form asks for, or why it cannot have it. A form without a nickname
 * gets no answer: dataforms.lua reads a missing or empty text-single as nil, and Prosody's
 * handler passes it to resourceprep, which raises.
 */
function wantedNick(room: RoomView, jid: string, payload: Element): string | StanzaErrorSpec {
  const form = findForm(payload);
  if (!form) return badRequest('Missing dataform');
  const submitted = readForm(form);
  if (submitted.formType !== NS.mucRegister) return badRequest('Error in form');
  const raw = submitted.values.get('muc#register_roomnick')?.[0];
  if (!raw) raiseLuaError(BY, "bad argument #1 to 'resourceprep' (string expected, got nil)");
  const nick = resourceprep(raw, { strict: true });
  if (!nick) return badRequest('Invalid Nickname');
  const holder = room.occupantByNick(nick);
  if (holder && holder.bareJid !== jid) return { type: 'cancel', condition: 'conflict' };
  const reserver = room.jidReservingNick(nick);
  if (reserver && reserver !== jid) return { type: 'cancel', condition: 'conflict' };
  return nick;
}

/** The registration set (or removed) as a change of the user's affiliation, answered once made. */
function setRegistration({ room, stanza, payload }: IqContext): IqAnswer {
  const jid = bareJid(stanza.attrs.from);
  // Prosody refuses outcasts and unaffiliated users before anything else, removal included:
  // otherwise an outcast could lift its own ban by "unregistering".
  const refused = refusal(room, jid);
  if (refused) return { reply: refused };
  const current = room.affiliationOf(jid);
  const change = { kind: 'affiliation', actor: 'room', jid, answer: stanza } as const;
  if (payload.getChild('remove')) {
    // Removing a registration takes away a membership only: an admin or owner stays one (the
    // last owner cannot leave the room ownerless this way) and just loses the nick.
    const affiliation = current === 'member' ? 'none' : current;
    return { changes: [{ ...change, affiliation, data: false }] };
  }
  const nick = wantedNick(room, jid, payload);
  if (typeof nick !== 'string') return { reply: nick };
  if (room.reservedNickOf(jid) === nick) return { reply: iqResult(stanza) };
  const affiliation = current === 'none' ? 'member' : current;
  return { changes: [{ ...change, affiliation, data: { reservedNick: nick } }] };
}

export const register: Feature = {
  name: BY,
  section: '§7.10',
  iq: {
    [`get ${NS.register}`]: getRegistration,
    [`set ${NS.register}`]: setRegistration,
  },
  hooks: {
    'muc-occupant-pre-join': {
      priority: 0,
      run: ({ room, nick, realJid }) => reservedByOther(room, nick, realJid),
    },
    'muc-occupant-pre-change': {
      priority: 0,
      run: ({ room, newNick, realJid }) => reservedByOther(room, newNick, realJid),
    },
    'muc-disco#info': {
      priority: 0,
      run: ({ features }) => {
        features.push(NS.register);
      },
    },
    // §7.12: disco#info on node x-roomuser-item names the asker's reserved nick, if any.
    'muc-disco#info/x-roomuser-item': {
      priority: 0,
      run: ({ room, requester, query }) => {
        const nick = room.reservedNickOf(requester);
        if (nick !== undefined) {
          query.c('identity', { category: 'conference', type: 'text', name: nick });
        }
      },
    },
  },
};
