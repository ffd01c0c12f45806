// The generator's messages: groupchat, subjects, private messages, invitations, declines, voice requests and approvals, errors — XEP-0045 §7.4–§7.5, §7.8, §7.13, §8.1, §8.6, §17.4
import { NS } from '../../xmpp/namespaces.js';
import type { FuzzClient } from '../actions.js';
import type { Targets } from '../targets.js';
import { addError, type Draw, el, form, maybeForgeOccupantId } from './build.js';

function groupchat(t: Targets, sender: FuzzClient) {
  const { jid } = t.roomOf(sender);
  const message = el('message', {
    to: jid,
    type: t.rng.chance(0.95) ? 'groupchat' : t.rng.pick(['chat', 'normal', 'headline', undefined]),
    id: t.rng.chance(0.8) ? t.nextId() : undefined,
  });
  if (t.rng.chance(0.95)) message.c('body').t(t.rng.pick(['hello', 'Hi all', '😀', 'a & b < c']));
  if (t.rng.chance(0.05)) message.c('no-store', { xmlns: NS.hints });
  if (t.rng.chance(0.05)) message.c('unknown', { xmlns: 'urn:fuzz' }).t('payload');
  maybeForgeOccupantId(t, message);
  return message;
}

export const MESSAGES = {
  groupchat,
  subject: (t, sender) => {
    const { jid } = t.roomOf(sender);
    const message = el('message', { to: jid, type: 'groupchat', id: t.nextId() });
    message.c('subject').t(t.rng.pick(['Fuzzing', '', 'A new subject']));
    if (t.rng.chance(0.1)) message.c('body').t('with a body');
    return message;
  },
  privateMessage: (t, sender) => {
    const { jid } = t.roomOf(sender);
    const message = el('message', {
      to: t.occupantJid(jid, t.someNick(t.room(jid))),
      type: t.rng.pick(['chat', 'chat', 'normal', undefined, 'groupchat', 'headline']),
      id: t.nextId(),
    });
    message.c('body').t('psst');
    // A client may not smuggle muc#user data (real JIDs) into a relayed message.
    if (t.rng.chance(0.1)) message.c('x', { xmlns: NS.mucUser }).c('item', { jid: t.someJid() });
    maybeForgeOccupantId(t, message);
    return message;
  },
  invite: (t, sender) => {
    const { jid } = t.roomOf(sender);
    const message = el('message', { to: jid, id: t.rng.chance(0.5) ? t.nextId() : undefined });
    const invite = message
      .c('x', { xmlns: NS.mucUser })
      .c('invite', { to: t.rng.chance(0.95) ? t.someJid() : undefined });
    if (t.rng.chance(0.1)) invite.attrs.from = t.rng.pick(t.cast.clients).jid;
    if (t.rng.chance(0.5)) invite.c('reason').t('join us');
    return message;
  },
  decline: (t) => {
    const message = el('message', { to: t.anyRoom() });
    const decline = message
      .c('x', { xmlns: NS.mucUser })
      .c('decline', { to: t.rng.chance(0.9) ? t.someJid() : undefined });
    if (t.rng.chance(0.5)) decline.c('reason').t('no thanks');
    return message;
  },
  voiceRequest: (t, sender) => {
    const message = el('message', { to: t.roomOf(sender).jid });
    return message.cnode(form('submit', NS.mucRequest, [['muc#role', ['participant']]])).root();
  },
  voiceApproval: (t, sender, online) => {
    // §8.6 as Prosody's request.lib reads it: the approval names the visitor by real JID.
    const { jid } = t.roomOf(sender);
    const room = t.room(jid);
    const actor = t.moderatorIn(online, room);
    const fields: [string, string[]][] = [
      ['muc#role', ['participant']],
      ['muc#jid', [t.visitorJid(room)]],
      ['muc#roomnick', [t.someNick(room)]],
      ['muc#request_allow', [t.rng.pick(['true', 'false', '1', 'maybe'])]],
    ];
    const message = el('message', { to: jid });
    return { by: actor, stanza: message.cnode(form('submit', NS.mucRequest, fields)).root() };
  },
  errorMessage: (t, sender) => {
    const { jid } = t.roomOf(sender);
    const to = t.rng.chance(0.5) ? t.occupantJid(jid, t.someNick(t.room(jid))) : jid;
    const message = el('message', { to, type: 'error', id: t.nextId() });
    addError(t, message);
    return message;
  },
} satisfies Record<string, Draw>;
