// What the oracle reads of a stanza a room sends, read in one pass and shared by every invariant: its muc#user payload, status codes, items, occupant-id, delay, error — XEP-0045 §7.2, §17.4, XEP-0421
import type { Element } from 'ltx';
import { NS } from '../../xmpp/namespaces.js';

export interface StanzaFacts {
  /** The first child element (an iq's query), if any. */
  readonly payload: Element | undefined;
  /** The muc#user `<x/>`. */
  readonly mucUser: Element | undefined;
  /** Its status codes, in order, once each. */
  readonly codes: ReadonlySet<string>;
  /** Its `<item/>` children. */
  readonly items: readonly Element[];
  readonly invite: Element | undefined;
  readonly decline: Element | undefined;
  /** The id of the first XEP-0421 `<occupant-id/>`. */
  readonly occupantId: string | undefined;
  /** It carries a delay stamp (a replayed history message). */
  readonly delayed: boolean;
  readonly hasBody: boolean;
  /** The first `<error/>` names internal-server-error. */
  readonly internalError: boolean;
}

const NO_CODES: ReadonlySet<string> = new Set();
const NO_ITEMS: readonly Element[] = [];

/** An element's local name, as ltx's getName reads it. */
function localName(element: Element): string {
  const name = element.name;
  return name.indexOf(':') === -1 ? name : element.getName();
}

/** An element's namespace, as ltx's getNS reads it (its own `xmlns`, else its parents'). */
function namespace(element: Element): string | undefined {
  const xmlns = element.attrs.xmlns;
  return typeof xmlns === 'string' && xmlns !== '' && element.name.indexOf(':') === -1
    ? xmlns
    : element.getNS();
}

function hasInternalError(error: Element): boolean {
  const { children } = error;
  for (let index = 0; index < children.length; index += 1) {
    const child = children[index]!;
    if (typeof child === 'string' || localName(child) !== 'internal-server-error') continue;
    if (namespace(child) === NS.stanzas) return true;
  }
  return false;
}

interface Building {
  codes: Set<string> | undefined;
  items: Element[] | undefined;
  invite: Element | undefined;
  decline: Element | undefined;
}

function readMucUser(x: Element, into: Building): void {
  const { children } = x;
  for (let index = 0; index < children.length; index += 1) {
    const child = children[index]!;
    if (typeof child === 'string') continue;
    const name = localName(child);
    if (name === 'status') {
      into.codes ??= new Set();
      into.codes.add(String(child.attrs.code));
    } else if (name === 'item') {
      into.items ??= [];
      into.items.push(child);
    } else if (name === 'invite') into.invite ??= child;
    else if (name === 'decline') into.decline ??= child;
  }
}

function read(stanza: Element): StanzaFacts {
  let payload: Element | undefined;
  let mucUser: Element | undefined;
  let occupantId: Element | undefined;
  let error: Element | undefined;
  let delayed = false;
  let hasBody = false;
  const { children } = stanza;
  for (let index = 0; index < children.length; index += 1) {
    const child = children[index]!;
    if (typeof child === 'string') continue;
    payload ??= child;
    const name = localName(child);
    if (name === 'x') {
      if (mucUser === undefined && namespace(child) === NS.mucUser) mucUser = child;
    } else if (name === 'occupant-id') {
      if (occupantId === undefined && namespace(child) === NS.occupantId) occupantId = child;
    } else if (name === 'delay') {
      delayed ||= namespace(child) === NS.delay;
    } else if (name === 'body') hasBody = true;
    else if (name === 'error') error ??= child;
  }
  const building: Building = {
    codes: undefined,
    items: undefined,
    invite: undefined,
    decline: undefined,
  };
  if (mucUser) readMucUser(mucUser, building);
  return {
    payload,
    mucUser,
    codes: building.codes ?? NO_CODES,
    items: building.items ?? NO_ITEMS,
    invite: building.invite,
    decline: building.decline,
    occupantId: occupantId?.attrs.id as string | undefined,
    delayed,
    hasBody,
    internalError: error !== undefined && hasInternalError(error),
  };
}

/** The last frozen children read: the copies of a broadcast share them, and come one after another. */
let lastChildren: unknown;
let lastFacts: StanzaFacts | undefined;

/** The facts of a stanza; a broadcast's copies, sharing their frozen children, are read once. */
export function factsOf(stanza: Element): StanzaFacts {
  const { children } = stanza;
  if (children === lastChildren && lastFacts) return lastFacts;
  const facts = read(stanza);
  if (Object.isFrozen(children)) {
    lastChildren = children;
    lastFacts = facts;
  }
  return facts;
}
