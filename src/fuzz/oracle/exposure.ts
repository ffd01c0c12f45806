// Anonymity: which real JIDs and occupant-ids a stanza from a room shows, and whether its recipient may see them — XEP-0045 §7.2.3–4 (semi-anonymous rooms), §7.8.2, §8.6, §9.5, XEP-0421
// Every attribute and text of every stanza a room sends is searched — presences, messages,
// invitations, voice requests, data forms, lists and error bounces alike — so no path is
// trusted to have masked what it should.
import type { Element } from 'ltx';
import { NS } from '../../xmpp/namespaces.js';
import { firstChild } from '../../xmpp/xml.js';
import { type Oracle, type Violation, violation } from './context.js';
import type { StepInput } from './inputs.js';
import { defaultRole, inviterMayBeShown } from './prosody-rules.js';
import { affiliationIn, bareOf, type ModelRoom, roleOfSession } from './room-model.js';
import type { StanzaFacts } from './stanza-facts.js';

/** The real JIDs (as written) in each child of a stanza, found once per shared payload. */
const found = new WeakMap<Element, readonly string[]>();

const TOKEN = /[^\s<>"'(),;]+@[^\s<>"'(),;]+/g;

/** Each cast's pattern: `@` and one of its users' domains, in any case. */
const patterns = new WeakMap<ReadonlySet<string>, RegExp>();

function patternOf(realBares: ReadonlySet<string>): RegExp {
  let pattern = patterns.get(realBares);
  if (pattern === undefined) {
    const domains = new Set([...realBares].map((bare) => bare.slice(bare.indexOf('@') + 1)));
    const escaped = [...domains].map((domain) => domain.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    pattern = new RegExp(`@(?:${escaped.join('|')})`, 'i');
    patterns.set(realBares, pattern);
  }
  return pattern;
}

/**
 * Whether `text` may hold one of the real JIDs: only where `@` comes before one of their
 * domains (compared without case, as a shown JID is) can a token name one.
 */
function mayHoldRealJid(text: string, realBares: ReadonlySet<string>): boolean {
  return patternOf(realBares).test(text);
}

function jidsIn(text: string, realBares: ReadonlySet<string>, into: string[]): void {
  if (!text.includes('@') || !mayHoldRealJid(text, realBares)) return;
  for (const token of text.match(TOKEN) ?? []) {
    const jid = token.replace(/[.:!?]+$/, '');
    if (realBares.has(bareOf(jid).toLowerCase())) into.push(jid);
  }
}

const NONE: readonly string[] = [];

/** Every attribute and text of the subtree, searched into `jids`. */
function scanInto(element: Element, realBares: ReadonlySet<string>, jids: string[]): void {
  const attrs = element.attrs as Record<string, unknown>;
  for (const name in attrs) {
    const value = attrs[name];
    if (typeof value === 'string' && value.includes('@')) jidsIn(value, realBares, jids);
  }
  for (const child of element.children) {
    if (typeof child !== 'string') scanInto(child, realBares, jids);
    else if (child.includes('@')) jidsIn(child, realBares, jids);
  }
}

/**
 * A stanza's child, searched. A frozen one is shared by the copies of a broadcast (and cannot
 * change any more): it is searched once.
 */
function scan(element: Element, realBares: ReadonlySet<string>): readonly string[] {
  const shared = Object.isFrozen(element.children);
  const cached = shared ? found.get(element) : undefined;
  if (cached) return cached;
  const jids: string[] = [];
  scanInto(element, realBares, jids);
  const result = jids.length > 0 ? jids : NONE;
  if (shared) found.set(element, result);
  return result;
}

/** The last frozen children searched, and what they show: a broadcast's copies come one after another. */
const last: { children: unknown; realBares: unknown; jids: readonly string[] } = {
  children: undefined,
  realBares: undefined,
  jids: NONE,
};

/** The real JIDs a stanza shows, its own addressing aside. */
export function shownJids(stanza: Element, realBares: ReadonlySet<string>): readonly string[] {
  const { children } = stanza;
  if (children === last.children && realBares === last.realBares) return last.jids;
  let jids: string[] | undefined;
  for (const child of children) {
    const inner = typeof child === 'string' ? textJids(child, realBares) : scan(child, realBares);
    if (inner.length > 0) {
      jids ??= [];
      jids.push(...inner);
    }
  }
  const shown = jids ?? NONE;
  if (Object.isFrozen(children)) Object.assign(last, { children, realBares, jids: shown });
  return shown;
}

function textJids(text: string, realBares: ReadonlySet<string>): readonly string[] {
  if (!text.includes('@')) return NONE;
  const jids: string[] = [];
  jidsIn(text, realBares, jids);
  return jids;
}

/** JIDs a stanza may show whoever gets it: an inviter Prosody does not mask, a decliner. */
function allowedByPurpose(room: ModelRoom, stanza: Element, facts: StanzaFacts): Set<string> {
  const allowed = new Set<string>();
  const { invite, decline } = facts;
  if (decline?.attrs.from) allowed.add(bareOf(String(decline.attrs.from)));
  if (invite?.attrs.from) {
    const inviter = String(invite.attrs.from);
    const invitee = stanza.attrs.to as string | undefined;
    const inviteeRole =
      invitee === undefined ? undefined : defaultRole(affiliationIn(room, invitee), room.config);
    if (inviterMayBeShown(room.config, inviteeRole, room.nickBySession.has(inviter)))
      allowed.add(bareOf(inviter));
  }
  return allowed;
}

/** Whether an owner's form of this step makes the room non-anonymous. */
function madeNonAnonymous(oracle: Oracle, room: ModelRoom): boolean {
  for (const submission of oracle.step.submissions.values()) {
    if (
      submission.room === room.jid &&
      submission.byOwner &&
      submission.next.whois !== 'moderators'
    )
      return true;
  }
  return false;
}

/**
 * Whether `to` may see real JIDs in this room at all: a non-anonymous room; a moderator; or an
 * admin or owner, whom Prosody never treats as anonymous (is_anonymous_for). A session joining
 * its user's occupant has that occupant's role before its self-presence says so.
 */
function seesRealJids(
  oracle: Oracle,
  room: ModelRoom,
  to: string,
  input: StepInput | undefined,
): boolean {
  if (room.config.whois !== 'moderators') return true;
  // An owner's form of this step may have made the room non-anonymous before it is answered.
  if (madeNonAnonymous(oracle, room)) return true;
  const affiliation = affiliationIn(room, to);
  if (affiliation === 'owner' || affiliation === 'admin') return true;
  if (roleOfSession(room, to) === 'moderator') return true;
  if (input?.sender !== to || input.room !== room.jid || input.request.kind !== 'presence')
    return false;
  const joined = input.nick === undefined ? undefined : room.occupants.get(input.nick);
  return joined?.bare === bareOf(to) && joined.role === 'moderator';
}

/** §7.2.3–4 and everything that carries a real JID: `to` must be allowed to see each. */
export function checkExposure(
  oracle: Oracle,
  room: ModelRoom,
  nick: string | undefined,
  stanza: Element,
  facts: StanzaFacts,
  to: string,
  input: StepInput | undefined,
): Violation | undefined {
  const occupantId =
    nick === undefined ? undefined : checkOccupantId(oracle, room, nick, facts, to);
  if (occupantId) return occupantId;
  oracle.checks += 1;
  // Whoever may see real JIDs is shown them: the stanza need not be searched.
  if (seesRealJids(oracle, room, to, input)) return undefined;
  const jids = shownJids(stanza, oracle.realBares);
  if (jids.length === 0) return undefined;
  // A list answers a request whose right to it the privileges invariant judges.
  if (
    stanza.name === 'iq' &&
    firstChild(stanza, 'query', NS.mucAdmin) &&
    stanza.attrs.type === 'result'
  )
    return undefined;
  const own = bareOf(to);
  const echoed =
    input && input.sender === to ? shownJids(input.stanza, oracle.realBares).map(bareOf) : [];
  const allowed = allowedByPurpose(room, stanza, facts);
  for (const jid of jids) {
    const bare = bareOf(jid);
    if (bare === own || allowed.has(bare) || echoed.includes(bare)) continue;
    return violation(
      'anonymity',
      `${to}, not a moderator of the semi-anonymous ${room.jid}, was shown the real JID ${jid} in a ${stanza.attrs.type ?? ''} ${stanza.name} from ${stanza.attrs.from}`.replace(
        '  ',
        ' ',
      ),
    );
  }
  return undefined;
}

/**
 * XEP-0421: the occupant-id on a stanza from room/nick is the one of the user behind that nick,
 * stable for that user, never shared with another, and never the real JID itself.
 */
function checkOccupantId(
  oracle: Oracle,
  room: ModelRoom,
  nick: string,
  facts: StanzaFacts,
  to: string,
): Violation | undefined {
  const id = facts.occupantId;
  if (id === undefined || facts.delayed) return undefined;
  const bare = room.occupants.get(nick)?.bare ?? oracle.step.vacated.get(room.jid)?.get(nick);
  if (bare === undefined) return undefined;
  oracle.checks += 1;
  const known = room.occupantIds.get(bare);
  // Seen before for this user, it passed every check then: both maps still pair them.
  if (known === id) return undefined;
  if (id.toLowerCase().includes(bare)) {
    return violation(
      'anonymity',
      `the occupant-id of ${room.jid}/${nick} spells out the real JID ${bare}`,
    );
  }
  if (known !== undefined) {
    return violation(
      'anonymity',
      `${bare} is ${room.jid}/${nick} with occupant-id ${id} for ${to}, but had ${known} (XEP-0421: stable per user)`,
    );
  }
  const owner = room.occupantIdOwners.get(id);
  if (owner !== undefined && owner !== bare) {
    return violation(
      'anonymity',
      `${room.jid}/${nick} (${bare}) carries the occupant-id ${id} of ${owner}`,
    );
  }
  room.occupantIds.set(bare, id);
  room.occupantIdOwners.set(id, bare);
  return undefined;
}
