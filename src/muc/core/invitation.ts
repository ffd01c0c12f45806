// Mediated invitations and declines relayed by the room — XEP-0045 §7.8.2, as Prosody's handle_mediated_invite and handle_mediated_decline
import { clone, type Element } from 'ltx';
import { prepJid } from '../../xmpp/jid.js';
import { NS } from '../../xmpp/namespaces.js';
import type { Effects } from '../effects.js';
import type { Room } from '../room.js';
import { routeToOccupant } from './publicise.js';

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
 * JID in a semi-anonymous room, unless the invitee will moderate), a `jabber:x:conference`
 * element and a body for clients that know neither; the features add to it (the password).
 */
export function handleInvite(room: Room, out: Effects, stanza: Element, invite: Element): void {
  const invitee = prepJid(invite.attrs.to ?? '');
  if (!invitee)
    return out.sendError(stanza, { type: 'cancel', condition: 'jid-malformed' }, BY, room.jid);
  const inviter = stanza.attrs.from;
  const occupant = room.occupantBySession(inviter);
  const masked =
    room.config.whois === 'moderators' &&
    room.defaultRoleFor(room.affiliationOf(invitee)) !== 'moderator';
  // Prosody shows an inviter outside the room by its real JID (a FIXME in its code).
  const shownInviter = masked && occupant ? occupant.occupantJid : inviter;
  const reason = invite.getChildText('reason') ?? undefined;
  const event = { room, out, stanza, inviter, shownInviter, invitee, reason };
  const decision = room.fire('muc-pre-invite', event);
  if (decision) {
    if (decision.outcome !== 'handled')
      out.sendError(stanza, decision.outcome.veto, decision.feature, room.jid);
    return;
  }
  const message = forwarded(room, stanza, invitee);
  message
    .c('x', { xmlns: NS.mucUser })
    .c('invite', { from: shownInviter })
    .c('reason')
    .t(reason ?? '');
  message.c('x', { xmlns: NS.conference, jid: room.jid }).t(reason ?? '');
  if (!message.getChild('body')) {
    const suffix = reason ? ` (${reason})` : '';
    message.c('body').t(`${shownInviter} invited you to the room ${room.jid}${suffix}`);
  }
  room.fire('muc-invite', { ...event, invitation: message });
  out.send(message, BY);
}

/**
 * §7.8.2: "the room MUST … send a <decline/> … to the inviter". Prosody forwards it to the JID
 * the decliner names: an occupant JID of this room reaches every session of that occupant.
 */
export function handleDecline(room: Room, out: Effects, stanza: Element, decline: Element): void {
  const declinee = prepJid(decline.attrs.to ?? '');
  if (!declinee)
    return out.sendError(stanza, { type: 'cancel', condition: 'jid-malformed' }, BY, room.jid);
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
  if (occupant) routeToOccupant(out, occupant, message, BY);
  else out.send(message, BY);
}
