// The stanza a typed debugger command sends, as a Prosody-compatible client builds it — XEP-0045 §7 (occupants), §8 (moderators), §9 (admins), §10 (owners)
import { Element } from 'ltx';
import { NS } from '../xmpp/namespaces.js';
import { isRoomAdminVerb, type RoomAdminVerb, type StanzaCommand } from './command-language.js';

export interface StanzaContext {
  /** A fresh id for a message or an iq. */
  nextId(): string;
  /** The user's nick in `room` (bare JID) when joined. */
  nickIn(room: string): string | undefined;
}

export type StanzaBuild = { ok: true; stanza: Element } | { ok: false; message: string };

function admin(room: string, id: string, item: Record<string, string>, reason?: string): Element {
  const iq = new Element('iq', { type: 'set', to: room, id });
  const node = iq.c('query', { xmlns: NS.mucAdmin }).c('item', item);
  if (reason) node.c('reason').t(reason);
  return iq;
}

function owner(room: string, id: string): { iq: Element; query: Element } {
  const iq = new Element('iq', { type: 'set', to: room, id });
  return { iq, query: iq.c('query', { xmlns: NS.mucOwner }) };
}

function withField(form: Element, name: string, values: readonly string[]): void {
  const field = form.c('field', { var: name });
  for (const value of values) field.c('value').t(value);
}

/** What moderators, admins and owners send (§8–§10): an iq to the room. */
type AdminCommand = Extract<StanzaCommand, { verb: RoomAdminVerb }>;

function isAdminCommand(command: StanzaCommand): command is AdminCommand {
  return isRoomAdminVerb(command.verb);
}

/** The stanza a Prosody-compatible client sends for the command, as in XEP-0045's examples. */
export function buildStanza(
  command: StanzaCommand & { user: string },
  context: StanzaContext,
): StanzaBuild {
  if (isAdminCommand(command)) return { ok: true, stanza: adminStanza(command, context) };
  return occupantStanza(command, context);
}

/** What an occupant sends (§7): presence to enter, leave or change nick, messages, invitations, registration. */
function occupantStanza(
  command: Exclude<StanzaCommand, AdminCommand> & { user: string },
  context: StanzaContext,
): StanzaBuild {
  const ok = (stanza: Element): StanzaBuild => ({ ok: true, stanza });
  const { room } = command;
  switch (command.verb) {
    case 'join': {
      // §7.2.1: presence to room/nick with an empty <x xmlns='…muc'/>; §7.2.5: the password inside it.
      const presence = new Element('presence', { to: `${room}/${command.nick}` });
      const x = presence.c('x', { xmlns: NS.muc });
      if (command.password !== undefined) x.c('password').t(command.password);
      return ok(presence);
    }
    case 'leave': {
      // §7.14: unavailable presence to room/nick, optionally with a <status/>.
      const nick = command.nick ?? context.nickIn(room);
      if (nick === undefined) return { ok: false, message: `${command.user} is not in ${room}` };
      const presence = new Element('presence', { to: `${room}/${nick}`, type: 'unavailable' });
      if (command.status) presence.c('status').t(command.status);
      return ok(presence);
    }
    case 'say': {
      // §7.4: a groupchat message to the bare room JID.
      const message = new Element('message', { to: room, type: 'groupchat', id: context.nextId() });
      message.c('body').t(command.text);
      return ok(message);
    }
    case 'pm': {
      // §7.5: type chat to room/nick, with an empty muc#user <x/> (Example 47).
      const message = new Element('message', {
        to: `${room}/${command.nick}`,
        type: 'chat',
        id: context.nextId(),
      });
      message.c('body').t(command.text);
      message.c('x', { xmlns: NS.mucUser });
      return ok(message);
    }
    case 'nick': {
      // §7.6: presence to room/NewNick from an occupant.
      if (context.nickIn(room) === undefined) {
        return { ok: false, message: `${command.user} is not in ${room}` };
      }
      return ok(new Element('presence', { to: `${room}/${command.nick}` }));
    }
    case 'subject': {
      // §8.1: a groupchat message carrying <subject/> and no body.
      const message = new Element('message', { to: room, type: 'groupchat', id: context.nextId() });
      message.c('subject').t(command.text);
      return ok(message);
    }
    case 'invite': {
      // §7.8.2: a mediated invitation, through the room.
      const message = new Element('message', { to: room, id: context.nextId() });
      const invite = message.c('x', { xmlns: NS.mucUser }).c('invite', { to: command.jid });
      if (command.reason) invite.c('reason').t(command.reason);
      return ok(message);
    }
    case 'register': {
      // §7.10: submit the muc#register form with the requested nick.
      const iq = new Element('iq', { type: 'set', to: room, id: context.nextId() });
      const form = iq
        .c('query', { xmlns: NS.register })
        .c('x', { xmlns: NS.dataForms, type: 'submit' });
      withField(form, 'FORM_TYPE', [NS.mucRegister]);
      withField(form, 'muc#register_roomnick', [command.nick]);
      return ok(iq);
    }
  }
}

/** What a moderator (§8), an admin (§9) or an owner (§10) sends: a muc#admin or muc#owner set. */
function adminStanza(command: AdminCommand, context: StanzaContext): Element {
  const { room } = command;
  switch (command.verb) {
    case 'kick':
      // §8.2: role none for the nick, with an optional reason.
      return admin(room, context.nextId(), { nick: command.nick, role: 'none' }, command.reason);
    case 'voice':
      // §8.3 grants voice (participant), §8.4 revokes it (visitor).
      return admin(room, context.nextId(), {
        nick: command.nick,
        role: command.on ? 'participant' : 'visitor',
      });
    case 'ban':
      // §9.1: affiliation outcast for the bare JID.
      return admin(
        room,
        context.nextId(),
        { affiliation: 'outcast', jid: command.jid },
        command.reason,
      );
    case 'affiliate': {
      // §9.3–9.8, §10.3–10.8: one item with the affiliation (and a nick to reserve, §9.3).
      const item: Record<string, string> = { affiliation: command.affiliation, jid: command.jid };
      if (command.nick) item.nick = command.nick;
      return admin(room, context.nextId(), item);
    }
    case 'config': {
      // §10.1.2: an empty submitted form accepts the defaults (instant room); §10.2: a form.
      const { iq, query } = owner(room, context.nextId());
      const form = query.c('x', { xmlns: NS.dataForms, type: 'submit' });
      if (command.fields.length > 0) withField(form, 'FORM_TYPE', [NS.mucRoomconfig]);
      for (const field of command.fields) withField(form, field.var, field.values);
      return iq;
    }
    case 'destroy': {
      // §10.9: <destroy/> in a muc#owner set, with an optional reason.
      const { iq, query } = owner(room, context.nextId());
      const destroy = query.c('destroy');
      if (command.reason) destroy.c('reason').t(command.reason);
      return iq;
    }
  }
}
