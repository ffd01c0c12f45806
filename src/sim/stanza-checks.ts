// What the users' server decides about a client's stanza before routing it, as Prosody 13's stanza router (core_process_stanza, core_post_stanza) and mod_presence — RFC 6120 §8.2–8.3, §10; XEP-0045 §7 (the occupants' own server)
import { clone, type Element } from 'ltx';
import { bareJid, emptiedJid, prepJid } from '../xmpp/jid.js';
import { isUnanswerable, stanzaError } from '../xmpp/stanza-error.js';

export const DEFAULT_MAX_STANZA_BYTES = 256 * 1024;
export const DEFAULT_MAX_STANZA_DEPTH = 64;

const IQ_TYPES = new Set(['get', 'set', 'result', 'error']);

const SUBSCRIPTIONS = new Set(['subscribe', 'subscribed', 'unsubscribe', 'unsubscribed']);

/** The presence types mod_presence lets a client address to someone. */
const OUTBOUND_PRESENCE_TYPES = new Set([
  undefined,
  'unavailable',
  'error',
  'probe',
  ...SUBSCRIPTIONS,
]);

export function isSubscription(stanza: Element): boolean {
  return stanza.name === 'presence' && SUBSCRIPTIONS.has(stanza.attrs.type);
}

/** What happens to a stanza: it goes on, or the server answers it, or it ends here unanswered. */
export type Verdict =
  | { kind: 'route'; to: string }
  /** Addressed to the sender's own account: handled as if it had no `to`. */
  | { kind: 'self' }
  | { kind: 'answer'; reply: Element }
  /** An iq handed to the sender's own host as if to a bare JID there: its handlers answer it. */
  | { kind: 'home'; stanza: Element }
  | { kind: 'discard'; reason: string };

/**
 * RFC 6120 §8.2.3, as Prosody's stanza router enforces it for clients (with its texts): an iq
 * has a known type and an id, and a get or set has exactly one child.
 */
function malformedIq(stanza: Element): string | undefined {
  if (stanza.name !== 'iq') return undefined;
  const type = stanza.attrs.type;
  if (!IQ_TYPES.has(type)) return 'Invalid IQ type';
  if (stanza.attrs.id === undefined) return "Missing required 'id' attribute";
  if ((type === 'get' || type === 'set') && stanza.getChildElements().length !== 1) {
    return 'Incorrect number of children for IQ stanza';
  }
  return undefined;
}

/**
 * core_process_stanza's first checks, before it stamps `from`: an error without a payload is
 * discarded; a malformed iq is answered as `st.error_reply` answers it (from its `to`, to the
 * `from` the client wrote; a result too, while an error cannot be replied to).
 */
export function checkReceived(stanza: Element): Verdict | undefined {
  const type = stanza.attrs.type;
  if (type === 'error' && stanza.getChildElements().length === 0) {
    return { kind: 'discard', reason: 'an error without a payload' };
  }
  const malformed = malformedIq(stanza);
  if (!malformed) return undefined;
  if (type === 'error') return { kind: 'discard', reason: malformed };
  const reply = stanzaError(stanza, { type: 'modify', condition: 'bad-request', text: malformed });
  return { kind: 'answer', reply };
}

/** An answer unless the stanza is an error or an iq result (RFC 6120 §8.2.3, §8.3.1). */
export function answerUnlessReply(stanza: Element, reply: () => Element, reason: string): Verdict {
  if (isUnanswerable(stanza)) return { kind: 'discard', reason };
  return { kind: 'answer', reply: reply() };
}

/**
 * Where a stanza the client addressed goes (`from` already stamped): Prosody prepares the `to`,
 * answers an address it cannot read, hands one that prepares to an empty part to the sender's
 * own host, drops the `to` of a stanza to the sender's own bare JID, and refuses presence types
 * it does not know.
 */
export function checkAddressed(stanza: Element, rawTo: string, sender: string): Verdict {
  const to = prepJid(rawTo);
  if (!to) return checkUnprepared(stanza, rawTo);
  if (to === bareJid(sender)) return { kind: 'self' };
  if (stanza.name === 'presence' && !OUTBOUND_PRESENCE_TYPES.has(stanza.attrs.type)) {
    // mod_presence's outbound handler answers an unknown type from the bare JIDs it worked on.
    const reply = badPresenceType(stanza);
    reply.attrs.from = bareJid(to);
    reply.attrs.to = bareJid(sender);
    return { kind: 'answer', reply };
  }
  return { kind: 'route', to };
}

function checkUnprepared(stanza: Element, rawTo: string): Verdict {
  const emptied = emptiedJid(rawTo);
  if (emptied !== undefined) {
    // Prosody routes the address it prepared (`room@service/`), cannot split it, and hands the
    // stanza to the sender's own host as if to a bare JID: an iq goes to that host's bare-JID
    // handlers (mod_ping and mod_vcard_legacy answer, nothing else does), a message's handler
    // raises, a presence goes nowhere.
    const type = stanza.attrs.type;
    if (stanza.name !== 'iq' || (type !== 'get' && type !== 'set')) {
      return { kind: 'discard', reason: 'an address Prosody prepares to an empty part' };
    }
    const addressed = clone(stanza);
    addressed.attrs.to = emptied;
    return { kind: 'home', stanza: addressed };
  }
  // core_process_stanza answers straight back, from the address it could not read.
  return answerUnlessReply(
    stanza,
    () =>
      stanzaError(stanza, {
        type: 'modify',
        condition: 'jid-malformed',
        text: `The destination address is invalid: ${rawTo}`,
      }),
    'a destination address that does not prepare',
  );
}

/** mod_presence's answer to a presence type it does not know. */
export function badPresenceType(stanza: Element): Element {
  return stanzaError(stanza, {
    type: 'modify',
    condition: 'bad-request',
    text: 'Invalid presence type',
  });
}

/** No s2s on this server: core_route_stanza answers for the remote domain. */
export function checkRemote(stanza: Element): Verdict {
  return answerUnlessReply(
    stanza,
    () =>
      stanzaError(stanza, {
        type: 'cancel',
        condition: 'not-allowed',
        text: 'Communication with remote domains is not enabled',
      }),
    'a remote domain',
  );
}

/** Bytes of the UTF-8 encoding of `text` (surrogate pairs are one 4-byte character). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      index += 1;
    } else bytes += 3;
  }
  return bytes;
}

/** What the world answers a request whose handling crashed: internal-server-error (an error or a result gets nothing). */
export function internalError(request: Element): Element | undefined {
  const type = request.attrs.type;
  if (type === 'error' || type === 'result') return undefined;
  return stanzaError(request, { type: 'cancel', condition: 'internal-server-error' });
}

/** The server's answer to a stanza over a limit (kept without its children): policy-violation, from the server. */
export function overLimit(shallow: Element, limit: string, domain: string): Verdict {
  const policyViolation = () => {
    const text = limit;
    const reply = stanzaError(shallow, { type: 'modify', condition: 'policy-violation', text });
    reply.attrs.from = domain;
    return reply;
  };
  return answerUnlessReply(shallow, policyViolation, limit);
}

/** Which limit the stanza exceeds, as the text of the policy-violation error. */
export function exceededLimit(
  stanza: Element,
  limits: { maxBytes: number; maxDepth: number },
): string | undefined {
  // Depth first, iteratively; along the way an upper bound of the serialised size, so that
  // only stanzas near the limit are serialised to be measured exactly.
  let bound = 0;
  const elements: Element[] = [stanza];
  const depths: number[] = [1];
  while (elements.length > 0) {
    const element = elements.pop()!;
    const depth = depths.pop()!;
    if (depth > limits.maxDepth) {
      return `Stanza nested deeper than the limit of ${limits.maxDepth} levels`;
    }
    bound += 2 * element.name.length + 5;
    const attrs = element.attrs as Record<string, unknown>;
    for (const name in attrs) {
      bound += name.length + 4 + 6 * String(attrs[name] ?? '').length;
    }
    for (const child of element.children) {
      if (typeof child === 'string') bound += 6 * child.length;
      else {
        elements.push(child);
        depths.push(depth + 1);
      }
    }
  }
  if (bound <= limits.maxBytes) return undefined;
  if (utf8Length(stanza.toString()) <= limits.maxBytes) return undefined;
  return `Stanza larger than the limit of ${limits.maxBytes} bytes`;
}

/** RFC 6121 §4.7.2.3: an integer, clamped to -128…127; anything else (or nothing) is 0, as Prosody. */
export function presencePriority(presence: Element): number {
  const text = presence.getChildText('priority');
  if (text === null || !/^[+-]?[0-9]+$/.test(text)) return 0;
  return Math.min(127, Math.max(-128, Number(text)));
}
