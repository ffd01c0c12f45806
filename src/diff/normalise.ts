// The comparable form of a received stanza: volatile values (generated ids, XEP-0421 occupant-ids, delay stamps, bound resources) replaced by placeholders — XEP-0045 stanzas from two services
import { Element } from 'ltx';
import { NS } from '../xmpp/namespaces.js';
import { canonicalXml, namespacesOf } from '../xmpp/xml.js';

const NS_LEGACY_DELAY = 'jabber:x:delay';

export interface NormaliseContext {
  /**
   * Addresses bound on this side (full JIDs, and bare JIDs when a domain was mapped) and the
   * label that replaces them, e.g. `romeo@localhost/1a2b` → `{Romeo's full JID}`.
   */
  addresses: ReadonlyMap<string, string>;
  /** Stanza ids the script itself sent: replies echo them, so they are kept. */
  keptIds: ReadonlySet<string>;
}

/** `{Romeo's full JID}` for each bound address; several sessions of one client are numbered. */
export function addressLabels(
  clients: readonly { name: string; jids: readonly string[]; bare?: string }[],
): Map<string, string> {
  const labels = new Map<string, string>();
  for (const client of clients) {
    client.jids.forEach((jid, index) => {
      const suffix = index === 0 ? '' : ` #${index + 1}`;
      if (!labels.has(jid)) labels.set(jid, `{${client.name}'s full JID${suffix}}`);
    });
    if (client.bare !== undefined && !labels.has(client.bare)) {
      labels.set(client.bare, `{${client.name}'s JID}`);
    }
  }
  return labels;
}

const NS_MAM = 'urn:xmpp:mam:2';
const NS_RSM = 'http://jabber.org/protocol/rsm';
/** RSM elements whose text is an archive id. */
const RSM_IDS = new Set(['first', 'last', 'before', 'after']);

/** Volatile attributes by namespace and element: the value is replaced by `{name}`. */
const VOLATILE: readonly { ns: string; name: string; attr: string; placeholder: string }[] = [
  { ns: NS.occupantId, name: 'occupant-id', attr: 'id', placeholder: '{occupant-id}' },
  { ns: NS.stanzaId, name: 'stanza-id', attr: 'id', placeholder: '{stanza-id}' },
  { ns: NS.delay, name: 'delay', attr: 'stamp', placeholder: '{stamp}' },
  { ns: NS_LEGACY_DELAY, name: 'x', attr: 'stamp', placeholder: '{stamp}' },
  { ns: NS.commands, name: 'command', attr: 'sessionid', placeholder: '{sessionid}' },
  { ns: NS_MAM, name: 'result', attr: 'id', placeholder: '{stanza-id}' },
];

/** Replaces a bound address in a value, also as the bare part of a longer JID. */
function relabel(value: string, addresses: ReadonlyMap<string, string>): string {
  const exact = addresses.get(value);
  if (exact !== undefined) return exact;
  const slash = value.indexOf('/');
  if (slash !== -1) {
    const bare = addresses.get(value.slice(0, slash));
    if (bare !== undefined) return `${bare}${value.slice(slash)}`;
  }
  return value;
}

/** Replaces every bound full JID inside a text (a body naming its sender), longest first. */
function relabelText(text: string, addresses: ReadonlyMap<string, string>): string {
  const exact = relabel(text, addresses);
  if (exact !== text) return exact;
  let result = text;
  const jids = [...addresses.keys()].filter((jid) => jid.includes('/'));
  for (const jid of jids.sort((a, b) => b.length - a.length)) {
    if (result.includes(jid)) result = result.split(jid).join(addresses.get(jid) as string);
  }
  return result;
}

function localName(el: Element): string {
  return el.name.slice(el.name.indexOf(':') + 1);
}

/**
 * A copy of a received stanza in which nothing differs between two runs of the same script
 * unless the services behaved differently:
 * - the stanza's `id` unless the script sent it; `occupant-id`, `stanza-id`, delay stamps and
 *   ad-hoc `sessionid`s become placeholders;
 * - the clients' bound JIDs (a generated resource, a mapped domain) become `{Name's full JID}`;
 * - the stanza's `xml:lang`, which the server copies from the sender's stream, is dropped;
 * - the children of `jabber:client` elements (the stanza, `<error>`) are sorted: their order
 *   carries no meaning (scansion compares them in any order), and servers place extensions
 *   such as `<occupant-id>` differently;
 * - disco#info identities and features, and the fields of its extended-info form, are sorted:
 *   Prosody lists them in Lua table order.
 * - the status codes of a configuration-change message (a groupchat message from the room with
 *   no body) are sorted: Prosody emits them in Lua table order.
 * - the `<item>`s of a muc#user `<x>` (one per session of a multi-session occupant), of a
 *   muc#admin list and of a disco#items list are sorted among themselves, and so are the
 *   values of a list-multi or jid-multi form field: Prosody iterates sessions, affiliations,
 *   rooms and role sets in Lua table order.
 * - the fields of a room configuration form are sorted within each section (Prosody orders
 *   fields whose hooks share a priority in Lua table order);
 * - the children of an ad-hoc `<command>` are sorted (Prosody adds them in Lua table order),
 *   and bound full JIDs are replaced inside texts too (a body that names its sender);
 * - MAM archive ids (a result's `id`, an RSM set's first, last, before and after) become
 *   `{stanza-id}`, and the children of an RSM `<set>` are sorted (util/rsm.lua, Lua table order).
 * Order inside other namespaces (status codes of presences, data form fields) is kept.
 */
export function normaliseStanza(stanza: Element, context: NormaliseContext): Element {
  const namespaces = namespacesOf(stanza);
  const copy = (node: Element, root: boolean): Element => {
    const ns = namespaces.get(node) as string;
    const attrs: Record<string, string> = {};
    for (const [name, raw] of Object.entries(node.attrs)) {
      if (raw === undefined || raw === null) continue;
      const value = String(raw);
      if (root && name === 'xml:lang') continue;
      if (root && name === 'id' && !context.keptIds.has(value)) attrs[name] = '{id}';
      else attrs[name] = name === 'xmlns' ? value : relabel(value, context.addresses);
    }
    const rule = VOLATILE.find(
      (entry) =>
        entry.ns === ns && entry.name === localName(node) && attrs[entry.attr] !== undefined,
    );
    if (rule) attrs[rule.attr] = rule.placeholder;
    const result = new Element(node.name, sortedAttributes(attrs));
    const volatileText = ns === NS_RSM && RSM_IDS.has(localName(node));
    const children: (Element | string)[] = node.children.map((child) => {
      if (typeof child !== 'string') return copy(child, false);
      return volatileText ? '{stanza-id}' : relabelText(child.trim(), context.addresses);
    });
    if (ns === NS.client) sortElements(children);
    // util/rsm.lua's generate writes first, last and count in Lua table order.
    else if (ns === NS_RSM && localName(node) === 'set') sortElements(children);
    else if (ns === NS.discoInfo && localName(node) === 'query') sortDiscoInfo(children);
    else if (ns === NS.mucUser && localName(node) === 'x' && isConfigChange(stanza)) {
      sortElements(children);
    } else if (UNORDERED_ITEMS.has(ns) && ['x', 'query'].includes(localName(node))) {
      sortItems(children);
    } else if (ns === NS.dataForms && localName(node) === 'field' && isMulti(node)) {
      sortValues(children);
    } else if (ns === NS.commands && localName(node) === 'command') {
      // Prosody's mod_adhoc adds the actions, the form and the notes in Lua table order.
      sortElements(children);
    } else if (ns === NS.dataForms && localName(node) === 'x' && node.parent) {
      const parent = node.parent;
      if (namespaces.get(parent) === NS.discoInfo && localName(parent) === 'query') {
        sortFields(children);
      } else if (formType(node) === NS.mucRoomconfig) {
        sortSections(children);
      }
    }
    for (const child of children) {
      if (typeof child !== 'string') result.append(child);
      else if (child !== '') result.append(child);
    }
    return result;
  };
  return copy(stanza, true);
}

/** Namespaces whose `<x>` or `<query>` lists `<item>`s in an order Prosody does not fix. */
const UNORDERED_ITEMS = new Set<string>([NS.mucUser, NS.mucAdmin, NS.discoItems]);

/**
 * The children at `places` sorted by `key` (stably), back into those same places; the other
 * children stay where they are.
 */
function sortInPlaces(
  children: (Element | string)[],
  places: readonly number[],
  key: (element: Element) => string,
): void {
  const sorted = places
    .map((index) => children[index] as Element)
    .map((element) => ({ element, key: key(element) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  places.forEach((index, position) => {
    children[index] = (sorted[position] as { element: Element }).element;
  });
}

/** Where the element children named `name` are. */
function placesOf(children: readonly (Element | string)[], name: string): number[] {
  return children.flatMap((child, index) =>
    typeof child !== 'string' && localName(child) === name ? [index] : [],
  );
}

/** The `<item>` children sorted by canonical form, in the places items held; the rest stays put. */
function sortItems(children: (Element | string)[]): void {
  sortInPlaces(children, placesOf(children, 'item'), canonicalXml);
}

/** A list-multi or jid-multi field: its values are a set (Prosody builds them from Lua tables). */
function isMulti(field: Element): boolean {
  return field.attrs.type === 'list-multi' || field.attrs.type === 'jid-multi';
}

/** The `<value>` children sorted by text, in the places values held; options and the rest stay put. */
function sortValues(children: (Element | string)[]): void {
  sortInPlaces(children, placesOf(children, 'value'), (value) => value.getText());
}

function formType(form: Element): string | undefined {
  return (
    form
      .getChildren('field')
      .find((field) => field.attrs.var === 'FORM_TYPE')
      ?.getChildText('value') ?? undefined
  );
}

/**
 * A room configuration form's fields sorted by `var` within each section (between two `fixed`
 * headers): Prosody orders the form by hook priority, and fields whose hooks share one come in
 * Lua table order (the archiving and private-message options, say).
 */
function sortSections(children: (Element | string)[]): void {
  const byVar = (field: Element) => String(field.attrs.var ?? '');
  let section: number[] = [];
  for (const index of placesOf(children, 'field')) {
    const field = children[index] as Element;
    if (field.attrs.type !== 'fixed' && field.attrs.var !== 'FORM_TYPE') section.push(index);
    else {
      sortInPlaces(children, section, byVar);
      section = [];
    }
  }
  sortInPlaces(children, section, byVar);
}

/** Data form fields by `var`, FORM_TYPE first; other children keep their place before them. */
function sortFields(children: (Element | string)[]): void {
  const key = (child: Element) =>
    child.attrs.var === 'FORM_TYPE' ? '' : String(child.attrs.var ?? '\uffff');
  const fields = children
    .filter((child): child is Element => typeof child !== 'string' && child.name === 'field')
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const others = children.filter((child) => typeof child === 'string' || child.name !== 'field');
  children.splice(0, children.length, ...others, ...fields);
}

/** `<message type='groupchat' from='room'>` carrying only muc#user status codes (104, 170–174). */
function isConfigChange(stanza: Element): boolean {
  const from = String(stanza.attrs.from ?? '');
  return (
    stanza.name === 'message' &&
    stanza.attrs.type === 'groupchat' &&
    !from.includes('/') &&
    !stanza.getChild('body')
  );
}

function sortedAttributes(attrs: Record<string, string>): Record<string, string> {
  const entries = Object.entries(attrs).sort(([a], [b]) =>
    a === 'xmlns' ? -1 : b === 'xmlns' ? 1 : a < b ? -1 : a > b ? 1 : 0,
  );
  return Object.fromEntries(entries);
}

/** Element children sorted by their canonical form; text first, in its order. */
function sortElements(children: (Element | string)[]): void {
  const texts = children.filter((child) => typeof child === 'string');
  const elements = children
    .filter((child): child is Element => typeof child !== 'string')
    .map((child) => ({ child, key: canonicalXml(child) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((entry) => entry.child);
  children.splice(0, children.length, ...texts, ...elements);
}

const DISCO_ORDER: Readonly<Record<string, number>> = { identity: 0, feature: 1 };

/** Identities, then features, each sorted; anything else (a data form) keeps its place after them. */
function sortDiscoInfo(children: (Element | string)[]): void {
  const rank = (child: Element | string): number =>
    typeof child === 'string' ? 3 : (DISCO_ORDER[child.name] ?? 2);
  const keyed = children.map((child, index) => ({
    child,
    index,
    rank: rank(child),
    key: typeof child === 'string' ? '' : canonicalXml(child),
  }));
  keyed.sort((a, b) =>
    a.rank !== b.rank
      ? a.rank - b.rank
      : a.rank < 2 && a.key !== b.key
        ? a.key < b.key
          ? -1
          : 1
        : a.index - b.index,
  );
  children.splice(0, children.length, ...keyed.map((entry) => entry.child));
}

/** The one-line canonical form of the normalised stanza: what the alignment compares. */
export function comparableXml(stanza: Element, context: NormaliseContext): string {
  return canonicalXml(normaliseStanza(stanza, context));
}
