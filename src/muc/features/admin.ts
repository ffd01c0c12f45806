// The muc#admin protocol: kick, voice, moderator, ban, member/admin/owner changes and lists — XEP-0045 §8.2–8.5, §9.1–9.8, §10.3–10.8
import type { Element } from 'ltx';
import { iqResult } from '../../xmpp/iq-result.js';
import { prepJid, resourceOf } from '../../xmpp/jid.js';
import { NS } from '../../xmpp/namespaces.js';
import type { StanzaErrorSpec } from '../../xmpp/stanza-error.js';
import { resourceprep } from '../../xmpp/stringprep.js';
import { buildItemList } from '../core/publicise.js';
import type { Feature, IqAnswer, IqContext } from '../hooks.js';
import { isAffiliation } from '../model/affiliation.js';
import { mayRetrieveAffiliationList, mayRetrieveRoleList } from '../model/privileges.js';
import { isRole } from '../model/role.js';
import type { RoomChange } from '../room-change.js';
import type { RoomView } from '../room-view.js';

const BY = 'admin';
const RESERVED_REASON = 'This nickname is reserved';

const forbidden: StanzaErrorSpec = { type: 'auth', condition: 'forbidden' };
const badRequest: StanzaErrorSpec = { type: 'cancel', condition: 'bad-request' };

/** §9.2, §9.5, §10.5, §10.8: an affiliation list, for those Prosody lets read it. */
function affiliationList(
  room: RoomView,
  stanza: Element,
  affiliation: string,
): Element | StanzaErrorSpec {
  if (!isAffiliation(affiliation)) return badRequest;
  const allowed = mayRetrieveAffiliationList({
    requesterAffiliation: room.affiliationOf(stanza.attrs.from),
    list: affiliation,
    membersOnly: room.config.membersOnly,
    nonAnonymous: room.config.whois === 'anyone',
  });
  if (!allowed) return forbidden;
  const reply = iqResult(stanza);
  const query = reply.c('query', { xmlns: NS.mucAdmin });
  for (const [jid, record] of room.state.affiliations) {
    if (record.affiliation !== affiliation) continue;
    const attrs: Record<string, string> = { affiliation, jid };
    if (record.reservedNick !== undefined) attrs.nick = record.reservedNick;
    const item = query.c('item', attrs);
    if (record.reason !== undefined) item.c('reason').t(record.reason);
  }
  return reply;
}

/** §8.5, §9.8: a role list, one item per session with its real JID, for moderators. */
function roleList(room: RoomView, stanza: Element, role: string, requester: IqContext['occupant']) {
  if (!isRole(role)) return badRequest;
  const requesterRole =
    requester?.role ?? room.defaultRoleFor(room.affiliationOf(stanza.attrs.from));
  if (!mayRetrieveRoleList(requesterRole)) return forbidden;
  const reply = iqResult(stanza);
  const query = reply.c('query', { xmlns: NS.mucAdmin });
  for (const listed of room.occupants()) {
    if (listed.role !== role) continue;
    for (const item of buildItemList(room, listed, false, { nick: listed.nick })) query.cnode(item);
  }
  return reply;
}

/** Prosody's handle_admin_query_get_command: an affiliation list or a role list, not both. */
function getList({ room, stanza, payload, occupant }: IqContext): IqAnswer {
  const item = payload.getChildElements()[0];
  const { affiliation, role } = item?.attrs ?? {};
  if (affiliation !== undefined && isAffiliation(affiliation) && role === undefined) {
    return { reply: affiliationList(room, stanza, affiliation) };
  }
  if (role !== undefined && isRole(role) && affiliation === undefined) {
    return { reply: roleList(room, stanza, role, occupant) };
  }
  return { reply: badRequest };
}

interface Target {
  jid?: string;
  nick?: string;
}

/**
 * Prosody's checks of an admin item: a JID must be valid and bare, a nick valid. An
 * affiliation item naming only an occupant's nick means its bare JID (a compatibility for
 * old clients); a role item naming a JID looks up that JID's nick (which a bare JID never has).
 */
function readTarget(room: RoomView, item: Element): Target | StanzaErrorSpec {
  const target: Target = {};
  if (item.attrs.jid !== undefined) {
    const jid = prepJid(item.attrs.jid);
    if (!jid) return { type: 'modify', condition: 'jid-malformed' };
    if (resourceOf(jid) !== undefined) {
      return {
        type: 'modify',
        condition: 'jid-malformed',
        text: 'Bare JID expected, got full JID',
      };
    }
    target.jid = jid;
  }
  if (item.attrs.nick !== undefined) {
    const nick = resourceprep(item.attrs.nick);
    if (nick === undefined)
      return { type: 'modify', condition: 'jid-malformed', text: 'invalid nickname' };
    target.nick = nick;
  }
  if (target.jid === undefined && target.nick !== undefined) {
    target.jid = room.occupantByNick(target.nick)?.bareJid;
  } else if (item.attrs.role !== undefined && target.nick === undefined && target.jid) {
    target.nick = room.occupantBySession(target.jid)?.nick;
  }
  return target;
}

/**
 * Prosody's handle_admin_query_set_command: only the first `<item>` counts (§9.2's "reject the
 * whole request" never arises). An affiliation item that reserves a nick first removes whoever
 * else uses it, before any privilege check.
 */
function setItem({ room, stanza, payload }: IqContext): IqAnswer {
  const item = payload.getChildElements()[0];
  if (!item) return { reply: badRequest };
  const target = readTarget(room, item);
  if ('condition' in target) return { reply: target };
  const actor = stanza.attrs.from;
  const reason = item.getChildText('reason') ?? undefined;
  const { affiliation, role } = item.attrs;
  const { jid, nick } = target;
  if (affiliation !== undefined && jid !== undefined && role === undefined) {
    return { changes: affiliationChanges(room, stanza, { jid, nick }, affiliation, reason) };
  }
  if (role !== undefined && nick !== undefined && affiliation === undefined) {
    return { changes: [{ kind: 'role', actor, nick, role, reason, answer: stanza }] };
  }
  // §17.4: an item with both a role and an affiliation (or neither) is a bad request.
  return { reply: badRequest };
}

/** An affiliation item: whoever else uses the nick it reserves is removed first, then the change. */
function affiliationChanges(
  room: RoomView,
  stanza: Element,
  { jid, nick }: { jid: string; nick?: string },
  affiliation: string,
  reason: string | undefined,
): RoomChange[] {
  const record = room.affiliationRecord(jid);
  const data = { reservedNick: record?.reservedNick, reason: reason ?? record?.reason };
  const changes: RoomChange[] = [];
  if (nick !== undefined) {
    const squatter = room.occupantByNick(nick);
    if (squatter && squatter.bareJid !== jid) {
      changes.push({ kind: 'role', actor: 'room', nick, role: 'none', reason: RESERVED_REASON });
    }
    data.reservedNick = nick;
  }
  const actor = stanza.attrs.from;
  changes.push({
    kind: 'affiliation',
    actor,
    jid,
    affiliation,
    reason,
    data,
    answer: stanza,
    dataFirst: true,
  });
  return changes;
}

export const admin: Feature = {
  name: BY,
  section: '§9',
  iq: {
    [`get ${NS.mucAdmin}`]: getList,
    [`set ${NS.mucAdmin}`]: setItem,
  },
};
