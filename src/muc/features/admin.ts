// The muc#admin protocol: kick, voice, moderator, ban, member/admin/owner changes and lists — XEP-0045 §8.2–8.5, §9.1–9.8, §10.3–10.8
import { Element } from 'ltx';
import { prepJid, resourceOf } from '../../xmpp/jid.js';
import { NS } from '../../xmpp/namespaces.js';
import type { Feature, IqContext } from '../hooks.js';
import { isAffiliation } from '../model/affiliation.js';
import { mayRetrieveAffiliationList, mayRetrieveRoleList } from '../model/privileges.js';
import { isRole } from '../model/role.js';
import type { Room } from '../room.js';
import { setAffiliation, setRole } from '../room-changes.js';

const BY = 'admin';

export function iqResult(stanza: Element): Element {
  return new Element('iq', {
    type: 'result',
    from: stanza.attrs.to,
    to: stanza.attrs.from,
    id: stanza.attrs.id,
  });
}

function getList({ room, stanza, payload, occupant }: IqContext): void {
  const item = payload.getChild('item');
  const affiliation = item?.attrs.affiliation;
  const role = item?.attrs.role;
  const requesterAffiliation = room.affiliationOf(stanza.attrs.from);
  const reply = iqResult(stanza);
  const query = reply.c('query', { xmlns: NS.mucAdmin });
  if (isAffiliation(affiliation) && role === undefined) {
    const allowed = mayRetrieveAffiliationList({
      requesterAffiliation,
      list: affiliation,
      membersOnly: room.config.membersOnly,
      nonAnonymous: room.config.whois === 'anyone',
    });
    if (!allowed) return room.sendError(stanza, { type: 'auth', condition: 'forbidden' }, BY);
    for (const [jid, record] of room.state.affiliations) {
      if (record.affiliation !== affiliation) continue;
      const attrs: Record<string, string> = { affiliation, jid };
      if (record.reservedNick) attrs.nick = record.reservedNick;
      if (record.reason && affiliation === 'outcast')
        query.c('item', attrs).c('reason').t(record.reason);
      else query.c('item', attrs);
    }
  } else if (isRole(role) && affiliation === undefined) {
    const requesterRole = occupant?.role ?? room.defaultRoleFor(requesterAffiliation);
    if (!mayRetrieveRoleList(requesterRole)) {
      return room.sendError(stanza, { type: 'auth', condition: 'forbidden' }, BY);
    }
    for (const listed of room.occupants()) {
      if (listed.role !== role) continue;
      query.c('item', {
        nick: listed.nick,
        role,
        affiliation: room.affiliationOf(listed.bareJid),
        jid: listed.primaryJid,
      });
    }
  } else {
    return room.sendError(stanza, { type: 'modify', condition: 'bad-request' }, BY);
  }
  room.send(reply, BY);
}

/**
 * The target of an item, as Prosody reads it: a JID must be valid and bare; an item naming only
 * an occupant's nick means its bare JID (a compatibility for old clients); a role item naming a
 * JID would take that session's nick, which a bare JID never has.
 */
function resolveTarget(room: Room, item: Element): { jid?: string; nick?: string; error?: string } {
  const nick = item.attrs.nick;
  if (item.attrs.jid !== undefined) {
    const jid = prepJid(item.attrs.jid);
    if (!jid) return { error: 'jid-malformed' };
    if (resourceOf(jid) !== undefined) return { error: 'full-jid' };
    return { jid, nick };
  }
  if (nick !== undefined && item.attrs.affiliation !== undefined) {
    return { jid: room.occupantByNick(nick)?.bareJid, nick };
  }
  return { nick };
}

/** §9.2 "a request with any prohibited change SHOULD be rejected whole"; Prosody reads only the first item. */
function setItem({ room, stanza, payload }: IqContext): void {
  const item = payload.getChild('item');
  if (!item) return room.sendError(stanza, { type: 'modify', condition: 'bad-request' }, BY);
  const actor = stanza.attrs.from;
  const reason = item.getChildText('reason') ?? undefined;
  const { affiliation, role } = item.attrs;
  const target = resolveTarget(room, item);
  if (target.error === 'jid-malformed') {
    return room.sendError(stanza, { type: 'modify', condition: 'jid-malformed' }, BY);
  }
  if (target.error === 'full-jid') {
    const text = 'Bare JID expected, got full JID';
    return room.sendError(stanza, { type: 'modify', condition: 'jid-malformed', text }, BY);
  }
  let refusal: ReturnType<typeof setRole>;
  if (isAffiliation(affiliation) && role === undefined) {
    if (!target.jid) {
      return room.sendError(
        stanza,
        { type: 'cancel', condition: 'item-not-found', text: 'No such occupant' },
        BY,
      );
    }
    const reservedNick = item.attrs.nick;
    refusal = setAffiliation(room, actor, target.jid, affiliation, { reason, reservedNick }, BY);
  } else if (isRole(role) && affiliation === undefined && target.nick !== undefined) {
    refusal = setRole(room, actor, target.nick, role, reason, BY);
  } else {
    // §17.4: an item with both a role and an affiliation (or neither, or a role without a
    // nick) is a bad request; Prosody's is of type cancel.
    return room.sendError(stanza, { type: 'cancel', condition: 'bad-request' }, BY);
  }
  if (refusal) return room.sendError(stanza, refusal, BY);
  room.send(iqResult(stanza), BY);
}

export const admin: Feature = {
  name: BY,
  section: '§9',
  iq: {
    [`get ${NS.mucAdmin}`]: getList,
    [`set ${NS.mucAdmin}`]: setItem,
  },
};
