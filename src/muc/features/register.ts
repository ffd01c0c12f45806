// Registering with a room and reserved nicknames: jabber:iq:register, x-roomuser-item and nick enforcement — XEP-0045 §7.10 and §7.12
import { Element } from 'ltx';
import { buildForm, findForm, readForm } from '../../xmpp/data-form.js';
import { bareJid } from '../../xmpp/jid.js';
import { NS } from '../../xmpp/namespaces.js';
import { resourceprep } from '../../xmpp/stringprep.js';
import type { Feature, HookOutcome, IqContext } from '../hooks.js';
import { mayRegister } from '../model/privileges.js';
import type { Room } from '../room.js';
import { setAffiliation, setRole } from '../room-changes.js';
import { iqResult } from './admin.js';

const BY = 'register';
const RESERVED_REASON = 'This nickname is reserved';

function reservedByOther(room: Room, nick: string, jid: string): HookOutcome {
  const holder = room.jidReservingNick(nick);
  // §7.2.8: "If the nickname is … reserved by another user … <conflict/>".
  return holder && holder !== bareJid(jid)
    ? { veto: { type: 'cancel', condition: 'conflict' } }
    : undefined;
}

/** §7.10: the form to fill in, or, for a registered user, `<registered/>` and the reserved nick (Example 69). */
function registrationQuery(room: Room, jid: string): Element {
  const query = new Element('query', { xmlns: NS.register });
  const reserved = room.reservedNickOf(jid);
  if (reserved) {
    query.c('registered');
    query.c('username').t(reserved);
    return query;
  }
  query.cnode(
    buildForm({
      type: 'form',
      fields: [
        { var: 'FORM_TYPE', type: 'hidden', values: [NS.mucRegister] },
        {
          var: 'muc#register_roomnick',
          type: 'text-single',
          label: 'Nickname',
          required: true,
          values: [],
        },
      ],
    }),
  );
  return query;
}

function refuseUnaffiliated(room: Room, stanza: Element): boolean {
  const affiliation = room.affiliationOf(stanza.attrs.from);
  if (mayRegister(affiliation, room.config.allowUnaffiliatedRegister)) return false;
  // The XEP says not-allowed; Prosody answers forbidden to outcasts, registration-required to others.
  const condition = affiliation === 'outcast' ? 'forbidden' : 'registration-required';
  room.sendError(stanza, { type: 'auth', condition }, BY);
  return true;
}

function getRegistration({ room, stanza }: IqContext): void {
  if (refuseUnaffiliated(room, stanza)) return;
  room.send(iqResult(stanza).cnode(registrationQuery(room, stanza.attrs.from)).root(), BY);
}

function setRegistration({ room, stanza, payload }: IqContext): void {
  const jid = bareJid(stanza.attrs.from);
  // Prosody refuses outcasts and unaffiliated users before anything else, removal included:
  // otherwise an outcast could lift its own ban by "unregistering".
  if (refuseUnaffiliated(room, stanza)) return;
  if (payload.getChild('remove')) {
    // Prosody: removing a registration takes away a membership only; an admin or owner stays
    // one (the last owner cannot leave the room ownerless this way) and just loses the nick.
    const current = room.affiliationRecord(jid)?.affiliation ?? 'none';
    const kept = current === 'member' ? 'none' : current;
    const refusal = setAffiliation(room, 'room', jid, kept, { reservedNick: '' }, BY);
    if (refusal) return room.sendError(stanza, refusal, BY);
    return room.send(iqResult(stanza), BY);
  }
  const form = findForm(payload);
  const submitted = form ? readForm(form) : undefined;
  if (submitted?.type !== 'submit' || submitted.formType !== NS.mucRegister) {
    return room.sendError(
      stanza,
      { type: 'modify', condition: 'bad-request', text: 'Submit the muc#register form' },
      BY,
    );
  }
  const nick = submitted.values.get('muc#register_roomnick')?.[0];
  if (!nick || resourceprep(nick, { strict: true }) !== nick) {
    return room.sendError(
      stanza,
      { type: 'modify', condition: 'not-acceptable', text: 'Invalid nickname' },
      BY,
    );
  }
  const holder = room.occupantByNick(nick);
  const taken =
    reservedByOther(room, nick, jid) ?? (holder && holder.bareJid !== jid ? 'taken' : undefined);
  if (taken) return room.sendError(stanza, { type: 'cancel', condition: 'conflict' }, BY);
  const current = room.affiliationOf(jid);
  const affiliation = current === 'none' ? 'member' : current;
  const refusal = setAffiliation(room, 'room', jid, affiliation, { reservedNick: nick }, BY);
  if (refusal) return room.sendError(stanza, refusal, BY);
  room.send(iqResult(stanza), BY);
}

/** §7.12: disco#info on node x-roomuser-item names the asker's reserved nick, if any. */
export function reservedNickInfo(room: Room, stanza: Element): Element {
  const query = new Element('query', { xmlns: NS.discoInfo, node: 'x-roomuser-item' });
  const nick = room.reservedNickOf(stanza.attrs.from);
  if (nick) query.c('identity', { category: 'conference', name: nick, type: 'text' });
  return query;
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
    'muc-pre-set-affiliation': {
      priority: 0,
      run: ({ room, jid, reservedNick }) => {
        if (!reservedNick) return undefined;
        const conflict = reservedByOther(room, reservedNick, jid);
        if (conflict) return conflict;
        // Prosody removes whoever squats a nick that has just been reserved for someone else.
        const squatter = room.occupantByNick(reservedNick);
        if (squatter && squatter.bareJid !== jid)
          setRole(room, 'room', reservedNick, 'none', RESERVED_REASON, BY);
        return undefined;
      },
    },
    'muc-disco#info': {
      priority: 0,
      run: ({ features }) => {
        features.push(NS.register);
      },
    },
  },
};
