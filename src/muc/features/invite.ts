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
  // Prosody: only occupants with voice invite (Table 3's "Invite Other Users" for visitors is off).
  if (!occupant || !roleMay(occupant.role, 'inviteOtherUsers')) {
    return { veto: { type: 'auth', condition: 'forbidden' } };
  }
  const reason = invite.getChildText('reason') || undefined;
  const event = { room, stanza, inviter, invitee, reason };
  const decision = room.bus.fire('muc-pre-invite', event);
  if (decision) return decision.outcome;
  // Prosody shows the inviter's real JID only where real JIDs are public.
  const shownInviter = room.config.whois === 'anyone' ? inviter : occupant.occupantJid;
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
  message.c(
    'x',
    reason
      ? { xmlns: NS.conference, jid: room.jid, reason }
      : { xmlns: NS.conference, jid: room.jid },
  );
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
