// Mediated invitations and declines relayed by the room — XEP-0045 §7.8.2, as Prosody's handle_mediated_invite and handle_mediated_decline
import { clone, type Element } from 'ltx';
import { prepJid } from '../../xmpp/jid.js';
import { NS } from '../../xmpp/namespaces.js';
import type { Feature } from '../hooks.js';
import { ROLE_RANK } from '../model/role.js';
import { routeToOccupant } from '../presence.js';
import type { Room } from '../room.js';

const BY = 'invite';

/** The message as the room forwards it: the sender's own, without its MUC payloads, from the room. */
function forwarded(room: Room, stanza: Element, to: string): Element {
  const copy = clone(stanza);
  copy.children = copy.children.filter(
    (child) =>
      typeof child === 'string' ||
      (child.attrs.xmlns !== NS.muc && child.attrs.xmlns !== NS.mucUser),
  );
  copy.attrs.from = room.jid;
  copy.attrs.to = to;
  return copy;
}

/**
 * §7.8.2: the room sends the invitee `<invite from=…>` with the reason (the inviter's occupant
 * JID in a semi-anonymous room, unless the invitee will moderate), the room's password, a
 * `jabber:x:conference` element and a body for clients that know neither.
 */
export function handleInvite(room: Room, stanza: Element, invite: Element): void {
  const invitee = prepJid(invite.attrs.to ?? '');
  if (!invitee) return room.sendError(stanza, { type: 'cancel', condition: 'jid-malformed' }, BY);
  const inviter = stanza.attrs.from;
  const occupant = room.occupantBySession(inviter);
  const masked =
    room.config.whois === 'moderators' &&
    room.defaultRoleFor(room.affiliationOf(invitee)) !== 'moderator';
  // Prosody shows an inviter outside the room by its real JID (a FIXME in its code).
  const shownInviter = masked && occupant ? occupant.occupantJid : inviter;
  const reason = invite.getChildText('reason') ?? undefined;
  const event = { room, stanza, inviter, shownInviter, invitee, reason };
  const decision = room.bus.fire('muc-pre-invite', event);
  if (decision) {
    if (decision.outcome !== 'handled')
      room.sendError(stanza, decision.outcome.veto, decision.feature);
    return;
  }
  const message = forwarded(room, stanza, invitee);
  const x = message.c('x', { xmlns: NS.mucUser });
  x.c('invite', { from: shownInviter })
    .c('reason')
    .t(reason ?? '');
  if (room.config.password) x.c('password').t(room.config.password);
  message.c('x', { xmlns: NS.conference, jid: room.jid }).t(reason ?? '');
  if (!message.getChild('body')) {
    const suffix = reason ? ` (${reason})` : '';
    message.c('body').t(`${shownInviter} invited you to the room ${room.jid}${suffix}`);
  }
  room.bus.fire('muc-invite', event);
  room.send(message, BY);
}

/**
 * §7.8.2: "the room MUST … send a <decline/> … to the inviter". Prosody forwards it to the JID
 * the decliner names: an occupant JID of this room reaches every session of that occupant.
 */
export function handleDecline(room: Room, stanza: Element, decline: Element): void {
  const declinee = prepJid(decline.attrs.to ?? '');
  if (!declinee) return room.sendError(stanza, { type: 'cancel', condition: 'jid-malformed' }, BY);
  const reason = decline.getChildText('reason') ?? undefined;
  const message = forwarded(room, stanza, declinee);
  message
    .c('x', { xmlns: NS.mucUser })
    .c('decline', { from: stanza.attrs.from })
    .c('reason')
    .t(reason ?? '');
  if (!message.getChild('body')) {
    const suffix = reason ? ` (${reason})` : '';
    message
      .c('body')
      .t(`${stanza.attrs.from} declined your invite to the room ${room.jid}${suffix}`);
  }
  const occupant = declinee.startsWith(`${room.jid}/`)
    ? room.occupantByNick(declinee.slice(room.jid.length + 1))
    : undefined;
  if (occupant) routeToOccupant(room, occupant, message, BY);
  else room.send(message, BY);
}

export const invite: Feature = {
  name: BY,
  section: '§7.8.2',
  hooks: {
    'muc-pre-invite': {
      priority: 0,
      // Prosody: someone outside the room counts with its affiliation's default role, and
      // visitors may not invite (Table 3's "Invite Other Users: Yes*" for visitors is off).
      run: ({ room, inviter }) => {
        const role =
          room.occupantBySession(inviter)?.role ?? room.defaultRoleFor(room.affiliationOf(inviter));
        return ROLE_RANK[role] <= ROLE_RANK.visitor
          ? { veto: { type: 'auth', condition: 'forbidden' } }
          : undefined;
      },
    },
  },
};
