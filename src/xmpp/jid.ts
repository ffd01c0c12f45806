// JIDs (RFC 6122): parse, prepare, bare/full, compare — the addresses of XEP-0045 §4 and §17.1
import { ForgetfulMemo } from './forgetful-memo.js';
import { nameprep, nodeprep, resourceprep } from './stringprep.js';

export interface JidParts {
  local: string | undefined;
  domain: string;
  resource: string | undefined;
}

/** Splits a JID without preparing it; undefined when it has no domain. */
export function splitJid(jid: string): JidParts | undefined {
  const slash = jid.indexOf('/');
  const beforeResource = slash === -1 ? jid : jid.slice(0, slash);
  const resource = slash === -1 ? undefined : jid.slice(slash + 1);
  const at = beforeResource.indexOf('@');
  const local = at === -1 ? undefined : beforeResource.slice(0, at);
  const domain = at === -1 ? beforeResource : beforeResource.slice(at + 1);
  if (domain === '' || local === '' || resource === '') return undefined;
  return { local, domain, resource };
}

export function joinJid(parts: JidParts): string {
  const bare = parts.local === undefined ? parts.domain : `${parts.local}@${parts.domain}`;
  return parts.resource === undefined ? bare : `${bare}/${parts.resource}`;
}

/**
 * Prepares every part of a JID: nodeprep, nameprep, resourceprep. Returns undefined for an
 * invalid JID. `strict` prohibits code points unassigned in Unicode 3.2 (stored strings).
 */
export function prepJid(jid: string, options: { strict?: boolean } = {}): string | undefined {
  if (options.strict) return prepareJid(jid, options);
  // The same few addresses come back stanza after stanza: each is prepared once.
  return prepared.get(jid, prepareQuery);
}

/** Each JID `prepJid` prepared as a query, or undefined where it does not prepare (4,096 at most). */
const prepared = new ForgetfulMemo<string, string | undefined>(4096);
const prepareQuery = (jid: string) => prepareJid(jid, {});

function prepareJid(jid: string, options: { strict?: boolean }): string | undefined {
  const parts = splitJid(jid);
  if (!parts) return undefined;
  const domain = prepDomain(parts.domain, options);
  if (!domain) return undefined;
  const local = parts.local === undefined ? undefined : nodeprep(parts.local, options);
  if (local === '' || (parts.local !== undefined && local === undefined)) return undefined;
  const resource = parts.resource === undefined ? undefined : resourceprep(parts.resource, options);
  if (resource === '' || (parts.resource !== undefined && resource === undefined)) return undefined;
  return joinJid({ local, domain, resource });
}

/**
 * Prosody's prepped_split of a domainpart: without a final dot, never holding '@' (its split
 * stops there), and nameprep alone decides the rest, without STD3's host name rules (RFC 6122
 * §2.2 asks for them): a domain with spaces or control characters prepares, as Prosody's does.
 */
function prepDomain(domain: string, options: { strict?: boolean }): string | undefined {
  const prepared = nameprep(domain.replace(/\.$/, ''), options);
  return !prepared || prepared.includes('@') ? undefined : prepared;
}

/**
 * Prosody's prepped_split accepts a localpart or resourcepart that preparation empties (one made
 * only of characters mapped to nothing, such as U+200B): it yields an address like
 * `room@service/` that nothing can split again. That address, for a JID `prepJid` refuses only
 * for this reason; undefined otherwise.
 */
export function emptiedJid(jid: string): string | undefined {
  const parts = splitJid(jid);
  if (!parts) return undefined;
  const domain = prepDomain(parts.domain, {});
  if (!domain) return undefined;
  const local = parts.local === undefined ? undefined : nodeprep(parts.local);
  const resource = parts.resource === undefined ? undefined : resourceprep(parts.resource);
  if (local !== '' && resource !== '') return undefined;
  if (
    (parts.local !== undefined && local === undefined) ||
    (parts.resource !== undefined && resource === undefined)
  ) {
    return undefined;
  }
  return joinJid({ local, domain, resource });
}

export function bareJid(jid: string): string {
  const slash = jid.indexOf('/');
  return slash === -1 ? jid : jid.slice(0, slash);
}

export function resourceOf(jid: string): string | undefined {
  const slash = jid.indexOf('/');
  return slash === -1 ? undefined : jid.slice(slash + 1);
}

export function localOf(jid: string): string | undefined {
  const bare = bareJid(jid);
  const at = bare.indexOf('@');
  return at === -1 ? undefined : bare.slice(0, at);
}

export function domainOf(jid: string): string {
  const bare = bareJid(jid);
  const at = bare.indexOf('@');
  return at === -1 ? bare : bare.slice(at + 1);
}

export function isFullJid(jid: string): boolean {
  return jid.includes('/');
}

export function withResource(jid: string, resource: string): string {
  return `${bareJid(jid)}/${resource}`;
}

/** Compares two JIDs after preparation; unparseable JIDs are equal only to themselves. */
export function sameJid(a: string, b: string): boolean {
  return (prepJid(a) ?? a) === (prepJid(b) ?? b);
}
