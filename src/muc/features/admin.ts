// The muc#admin protocol: kick, voice, moderator, ban, member/admin/owner changes and lists — XEP-0045 §8.2–8.5, §9.1–9.8, §10.3–10.8
import { Element } from 'ltx';
import { prepJid, resourceOf } from '../../xmpp/jid.js';
import { NS } from '../../xmpp/namespaces.js';
import type { StanzaErrorSpec } from '../../xmpp/stanza-error.js';
import { resourceprep } from '../../xmpp/stringprep.js';
import type { Feature, IqContext } from '../hooks.js';
import { isAffiliation } from '../model/affiliation.js';
import { mayRetrieveAffiliationList, mayRetrieveRoleList } from '../model/privileges.js';
import { isRole } from '../model/role.js';
import { buildItemList } from '../presence.js';
import type { Room } from '../room.js';
import { setAffiliation, setRole } from '../room-changes.js';

const BY = 'admin';
const RESERVED_REASON = 'This nickname is reserved';

export function iqResult(stanza: Element): Element {
  return new Element('iq', {
    type: 'result',
    from: stanza.attrs.to,
    to: stanza.attrs.from,
    id: stanza.attrs.id,
  });
}

const forbidden: StanzaErrorSpec = { type: 'auth', condition: 'forbidden' };
const badRequest: StanzaErrorSpec = { type: 'cancel', condition: 'bad-request' };

/** §9.2, §9.5, §10.5, §10.8: an affiliation list, for those Prosody lets read it. */
function affiliationList(
  room: Room,
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
function roleList(room: Room, stanza: Element, role: string, requester: IqContext['occupant']) {
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
function getList({ room, stanza, payload, occupant }: IqContext): void {
  const item = payload.getChildElements()[0];
  const { affiliation, role } = item?.attrs ?? {};
  let answer: Element | StanzaErrorSpec;
  if (affiliation !== undefined && isAffiliation(affiliation) && role === undefined) {
    answer = affiliationList(room, stanza, affiliation);
  } else if (role !== undefined && isRole(role) && affiliation === undefined) {
    answer = roleList(room, stanza, role, occupant);
  } else {
    answer = badRequest;
  }
  if (answer instanceof Element) room.send(answer, BY);
  else room.sendError(stanza, answer, BY);
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
function readTarget(room: Room, item: Element): Target | StanzaErrorSpec {
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
function setItem({ room, stanza, payload }: IqContext): void {
  const item = payload.getChildElements()[0];
  if (!item) return room.sendError(stanza, badRequest, BY);
  const target = readTarget(room, item);
  if ('condition' in target) return room.sendError(stanza, target, BY);
  const actor = stanza.attrs.from;
  const reason = item.getChildText('reason') ?? undefined;
  const { affiliation, role } = item.attrs;
  let refusal: StanzaErrorSpec | undefined;
  if (affiliation !== undefined && target.jid !== undefined && role === undefined) {
    const record = room.affiliationRecord(target.jid);
    const data = { reservedNick: record?.reservedNick, reason: reason ?? record?.reason };
    if (target.nick !== undefined) {
      const squatter = room.occupantByNick(target.nick);
      if (squatter && squatter.bareJid !== target.jid) {
        setRole(room, 'room', target.nick, 'none', RESERVED_REASON, BY);
      }
      data.reservedNick = target.nick;
    }
    refusal = isAffiliation(affiliation)
      ? setAffiliation(room, actor, target.jid, affiliation, { reason, data }, BY)
      : { type: 'modify', condition: 'not-acceptable' };
    // Prosody wrote the reason and nick into the JID's data, when it had some (a table it keeps
    // only while not empty), before the change was refused.
    const hadData = record?.reservedNick !== undefined || record?.reason !== undefined;
    if (refusal && hadData) room.reviseAffiliationData(target.jid, data);
  } else if (role !== undefined && target.nick !== undefined && affiliation === undefined) {
    refusal = setRole(room, actor, target.nick, role, reason, BY);
  } else {
    // §17.4: an item with both a role and an affiliation (or neither) is a bad request.
    refusal = badRequest;
  }
  if (refusal) room.sendError(stanza, refusal, BY);
  else room.send(iqResult(stanza), BY);
}

export const admin: Feature = {
  name: BY,
  section: '§9',
  iq: {
    [`get ${NS.mucAdmin}`]: getList,
    [`set ${NS.mucAdmin}`]: setItem,
  },
};
