// Mediated invitations and declines relayed by the room — XEP-0045 §7.8.2
import { Element } from 'ltx';
import { prepJid } from '../../xmpp/jid.js';
import { NS } from '../../xmpp/namespaces.js';
import type { Feature, HookOutcome } from '../hooks.js';
import { roleMay } from '../model/privileges.js';
import type { Room } from '../room.js';

const BY = 'invite';

function forwardInvite(room: Room, stanza: Element, invite: Element): HookOutcome {
  const invitee = prepJid(invite.attrs.to ?? '');
  if (!invitee) return { veto: { type: 'modify', condition: 'jid-malformed' } };
  const inviter = stanza.attrs.from;
  const occupant = room.occupantBySession(inviter);
  // Prosody (muc-pre-invite): someone outside the room counts with its affiliation's default
  // role, and visitors may not invite (Table 3's "Invite Other Users: Yes*" for visitors is off).
  const role = occupant?.role ?? room.defaultRoleFor(room.affiliationOf(inviter));
  if (!roleMay(role, 'inviteOtherUsers')) return { veto: { type: 'auth', condition: 'forbidden' } };
  // Prosody masks the inviter as its occupant JID in a semi-anonymous room, unless the invitee
  // will be a moderator and see real JIDs anyway. For an inviter outside the room it would send
  // the real JID (a FIXME in its code); mucsim refuses instead, so nothing leaks.
  const masked =
    room.config.whois === 'moderators' &&
    room.defaultRoleFor(room.affiliationOf(invitee)) !== 'moderator';
  if (masked && !occupant) {
    return {
      veto: {
        type: 'auth',
        condition: 'forbidden',
        text: 'Join the room to invite: from outside, the invitation would reveal your address',
      },
    };
  }
  const reason = invite.getChildText('reason') || undefined;
  const shownInviter = masked && occupant ? occupant.occupantJid : inviter;
  const event = { room, stanza, inviter, shownInviter, invitee, reason };
  const decision = room.bus.fire('muc-pre-invite', event);
  if (decision) return decision.outcome;
  const attrs: Record<string, string> = { from: room.jid, to: invitee };
  if (stanza.attrs.id) attrs.id = stanza.attrs.id;
  const message = new Element('message', attrs);
  const x = message.c('x', { xmlns: NS.mucUser });
  x.c('invite', { from: shownInviter })
    .c('reason')
    .t(reason ?? '');
  if (room.config.password) x.c('password').t(room.config.password);
  const suffix = reason ? ` (${reason})` : '';
  message.c('body').t(`${shownInviter} invited you to the room ${room.jid}${suffix}`);
  message.c('x', { xmlns: NS.conference, jid: room.jid }).t(reason ?? '');
  room.bus.fire('muc-invite', event);
  room.send(message, BY);
  return 'handled';
}

function forwardDecline(room: Room, stanza: Element, decline: Element): HookOutcome {
  const declinee = prepJid(decline.attrs.to ?? '');
  if (!declinee) return { veto: { type: 'modify', condition: 'jid-malformed' } };
  const decliner = stanza.attrs.from;
  const reason = decline.getChildText('reason') || undefined;
  const attrs: Record<string, string> = { from: room.jid, to: declinee };
  if (stanza.attrs.id) attrs.id = stanza.attrs.id;
  const message = new Element('message', attrs);
  message
    .c('x', { xmlns: NS.mucUser })
    .c('decline', { from: decliner })
    .c('reason')
    .t(reason ?? '');
  const suffix = reason ? ` (${reason})` : '';
  message.c('body').t(`${decliner} declined your invite to the room ${room.jid}${suffix}`);
  room.send(message, BY);
  return 'handled';
}

export const invite: Feature = {
  name: BY,
  section: '§7.8.2',
  hooks: {
    'muc-message-to-room': {
      priority: 10,
      run: ({ room, stanza }) => {
        const x = stanza.getChild('x', NS.mucUser);
        const inviteChild = x?.getChild('invite');
        if (inviteChild) return forwardInvite(room, stanza, inviteChild);
        const declineChild = x?.getChild('decline');
        if (declineChild) return forwardDecline(room, stanza, declineChild);
        return undefined;
      },
    },
  },
};
