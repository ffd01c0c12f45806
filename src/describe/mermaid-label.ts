// The Mermaid renderer of the describer: short stanza labels and Mermaid-safe text for the sequence-diagram export — XEP-0045 §7.2 (status codes), §9–§10 (admin/owner iqs)
import type { Element } from 'ltx';
import { STATUS_CODES } from '../muc/model/status-codes.js';
import { NS } from '../xmpp/namespaces.js';
import { boundedText, childElements, errorCondition, firstChild, MAX_TEXT } from './read.js';

/** The longest label (visible characters, before escaping) an arrow or note gets. */
export const MAX_LABEL = 60;
const MAX_BODY = 24;

/**
 * Text Mermaid would misread, as its `#code;` entities: `;` ends a statement, `#` starts an
 * entity, quotes and angle brackets become HTML. Newlines and tabs collapse to spaces.
 */
export function escapeMermaid(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[#;"<>]/g, (char) => {
    switch (char) {
      case '#':
        return '#35;';
      case ';':
        return '#59;';
      case '"':
        return '#quot;';
      case '<':
        return '#lt;';
      default:
        return '#gt;';
    }
  });
}

/** Cuts `text` to `max` characters, ending with `…` when it had to. */
export function truncate(text: string, max = MAX_LABEL): string {
  const flat = text.slice(0, MAX_TEXT).replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** `http://jabber.org/protocol/muc#admin` → `muc#admin`, `jabber:iq:register` → `register`. */
export function shortNamespace(ns: string | undefined): string {
  if (!ns) return '';
  if (ns === NS.dataForms) return 'form';
  const protocol = /^https?:\/\/jabber\.org\/protocol\/(.+)$/.exec(ns);
  if (protocol) return protocol[1] as string;
  const iq = /^jabber:(?:iq|x):(.+)$/.exec(ns);
  if (iq) return iq[1] as string;
  const urn = /^urn:xmpp:([^:]+)/.exec(ns);
  if (urn) return urn[1] as string;
  return ns;
}

/** How a label names a JID: a client's name when it is one (`JidNames.exact`), else the JID itself. */
export type NameOf = (jid: string) => string | undefined;

interface LabelParts {
  head: string;
  codes: { code: string; words?: string }[];
  /** Error condition, body, subject, iq payload, invitation: kept as long as possible. */
  details: string[];
  /** The muc#user item (affiliation/role, whom): dropped before the codes lose their words. */
  items: string[];
  /** Dropped first when the label is too long. */
  tail: string[];
}

function resourceOf(jid: string | undefined): string | undefined {
  if (!jid) return undefined;
  const slash = jid.indexOf('/');
  return slash === -1 ? undefined : jid.slice(slash + 1);
}

function quoted(element: Element): string {
  return `“${truncate(boundedText(element), MAX_BODY)}”`;
}

function errorWords(stanza: Element): string | undefined {
  const error = errorCondition(stanza);
  if (!error) return undefined;
  return `error ${error.condition ?? error.type ?? ''}`.trim();
}

/** A client's name, else an occupant's nick (`room@…/Romeo` → `Romeo`), else the JID. */
function who(jid: string | undefined, nameOf: NameOf): string | undefined {
  if (!jid) return undefined;
  return nameOf(jid) ?? resourceOf(jid) ?? jid;
}

/** `member/participant Juliet`; the subject is left out when it is `about` (already in the label). */
function itemDetails(item: Element, nameOf: NameOf, about?: string): string {
  const { affiliation, role, nick, jid } = item.attrs;
  const ranks = [affiliation, role].filter(Boolean).join('/');
  const subject = nick ?? who(jid, nameOf);
  return [ranks, subject === about ? undefined : subject].filter(Boolean).join(' ');
}

function mucUser(x: Element, parts: LabelParts, nameOf: NameOf, about?: string): void {
  for (const child of childElements(x)) {
    if (child.name === 'status' && child.attrs.code) {
      const code = String(child.attrs.code);
      const words = STATUS_CODES.get(code)?.short;
      parts.codes.push(words === undefined ? { code } : { code, words });
    } else if (child.name === 'item') {
      parts.items.push(itemDetails(child, nameOf, about));
      const actor = firstChild(child, 'actor');
      if (actor) parts.tail.push(`by ${actor.attrs.nick ?? who(actor.attrs.jid, nameOf)}`);
    } else if (child.name === 'invite' || child.name === 'decline') {
      const party = who(child.attrs.from ?? child.attrs.to, nameOf);
      parts.details.push([child.name, party].filter(Boolean).join(' '));
    } else if (child.name === 'destroy') {
      parts.details.push('destroy');
    }
  }
}

/** `muc#owner form submit`, `muc#admin item member Juliet`, `register remove`, `disco#info`. */
function iqPayload(query: Element, nameOf: NameOf): string {
  const words = [shortNamespace(query.attrs.xmlns) || query.name];
  if (query.attrs.node) words.push(String(query.attrs.node));
  const children = childElements(query);
  const items = children.filter((child) => child.name === 'item');
  if (items.length > 0) {
    words.push(`item ${itemDetails(items[0] as Element, nameOf)}`.trim());
    if (items.length > 1) words.push(`+${items.length - 1}`);
  }
  for (const child of children) {
    if (child.name === 'item') continue;
    if (child.name === 'x' && child.attrs.xmlns === NS.dataForms) {
      words.push(['form', child.attrs.type].filter(Boolean).join(' '));
    } else {
      words.push(child.name);
    }
    if (words.length >= 4) break;
  }
  return words.join(' ');
}

function partsOf(stanza: Element, direction: 'in' | 'out', nameOf: NameOf): LabelParts {
  const type = stanza.attrs.type as string | undefined;
  const parts: LabelParts = { head: stanza.name, codes: [], details: [], items: [], tail: [] };
  const heads = [stanza.name];
  if (type) heads.push(type);
  // The occupant a room stanza is about: the nick in the room JID it goes to or comes from
  // (a client's own JID needs no word: the arrow already says who).
  const peer = direction === 'in' ? stanza.attrs.to : stanza.attrs.from;
  const nick = resourceOf(peer);
  const joins = childElements(stanza).some((child) => child.attrs.xmlns === NS.muc);
  if (stanza.name === 'presence' && joins) heads.push('join');
  let about: string | undefined;
  if (nick && stanza.name !== 'iq' && nameOf(peer) === undefined) {
    about = nick;
    if (direction === 'out') heads.push(about);
    else heads.push(stanza.name === 'presence' ? `as ${about}` : `to ${about}`);
  }
  parts.head = heads.join(' ');
  const error = errorWords(stanza);
  if (error) parts.details.push(error);
  const children = childElements(stanza);
  const mediated = children.some(
    (child) => child.attrs.xmlns === NS.mucUser && firstChild(child, 'invite') !== undefined,
  );
  for (const child of children) {
    const ns = child.attrs.xmlns as string | undefined;
    if (child.name === 'x' && ns === NS.mucUser) mucUser(child, parts, nameOf, about);
    else if (child.name === 'x' && ns === NS.conference && !mediated) {
      parts.details.push(`invite ${child.attrs.jid ?? ''}`.trim());
    } else if (stanza.name === 'iq' && child.name !== 'error') {
      parts.details.push(iqPayload(child, nameOf));
    }
  }
  const subject = firstChild(stanza, 'subject');
  if (subject) {
    const text = boundedText(subject);
    parts.details.push(text.trim() === '' ? 'subject (empty)' : `subject ${quoted(subject)}`);
  }
  const body = firstChild(stanza, 'body');
  if (body) parts.details.push(quoted(body));
  if (stanza.name === 'iq' && stanza.attrs.id) parts.tail.push(`id=${stanza.attrs.id}`);
  return parts;
}

type CodeWords = 'all' | 'first' | 'none';

function render(parts: LabelParts, words: CodeWords, items: boolean, tail: boolean): string {
  const codes = parts.codes.map(({ code, words: text }, index) => {
    const worded = words === 'all' || (words === 'first' && index === 0);
    return worded && text ? `${code} ${text}` : code;
  });
  return [
    parts.head,
    ...codes,
    ...parts.details,
    ...(items ? parts.items : []),
    ...(tail ? parts.tail : []),
  ]
    .filter((part) => part !== '')
    .join(' ');
}

/** From the fullest label to the barest: the first that fits is used. */
const FALLBACKS: [CodeWords, boolean, boolean][] = [
  ['all', true, true],
  ['all', true, false],
  ['first', true, false],
  ['all', false, false],
  ['first', false, false],
  ['none', true, false],
  ['none', false, false],
];

/**
 * One short line for an arrow: kind, type, the occupant it is about, status codes (in numbers
 * and, if they fit, words), then the body, error, iq payload and the muc#user item — at most
 * `MAX_LABEL` characters: the iq id, the item and the codes' words are dropped before anything
 * is cut. `direction` is `in` for what a client sends, `out` for what it receives.
 */
export function stanzaLabel(stanza: Element, direction: 'in' | 'out', nameOf: NameOf): string {
  const parts = partsOf(stanza, direction, nameOf);
  for (const [words, items, tail] of FALLBACKS) {
    const label = render(parts, words, items, tail);
    if (label.length <= MAX_LABEL) return label;
  }
  return truncate(render(parts, 'none', false, false));
}
