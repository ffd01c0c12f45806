// The one builder of XMPP stanza errors (RFC 6120 §8.3) used by every XEP-0045 error reply (§7.2.17 and the per-use-case errors)
import { Element } from 'ltx';
import { NS } from './namespaces.js';

export type ErrorType = 'auth' | 'cancel' | 'continue' | 'modify' | 'wait';

export type ErrorCondition =
  | 'bad-request'
  | 'conflict'
  | 'feature-not-implemented'
  | 'forbidden'
  | 'gone'
  | 'internal-server-error'
  | 'item-not-found'
  | 'jid-malformed'
  | 'not-acceptable'
  | 'not-allowed'
  | 'not-authorized'
  | 'policy-violation'
  | 'recipient-unavailable'
  | 'redirect'
  | 'registration-required'
  | 'remote-server-not-found'
  | 'remote-server-timeout'
  | 'resource-constraint'
  | 'service-unavailable'
  | 'subscription-required'
  | 'undefined-condition'
  | 'unexpected-request';

export interface StanzaErrorSpec {
  type: ErrorType;
  condition: ErrorCondition;
  text?: string;
  /**
   * The entity that generated the error, as each Prosody module passes it: the room's JID, the
   * service's domain, or none. Left out of the reply when it is the reply's own `from`.
   */
  by?: string;
  /** Extra condition content, e.g. the `gone` URI of a tombstone. */
  conditionText?: string;
}

export function errorSpec(
  type: ErrorType,
  condition: ErrorCondition,
  text?: string,
  by?: string,
): StanzaErrorSpec {
  return { type, condition, text, by };
}

/** An error, or an iq result: stanzas nothing answers with an error (RFC 6120 §8.3.1, §8.2.3). */
export function isUnanswerable(stanza: Element): boolean {
  const type = stanza.attrs.type;
  return type === 'error' || (stanza.name === 'iq' && type === 'result');
}

/**
 * The one builder of error replies, as Prosody's `st.error_reply` and `add_error`: same name
 * and id, addresses swapped, `type='error'`; the `by` the caller names unless it is the reply's
 * own `from` (an error from a room about a stanza sent to that room has none). The original
 * payload is not echoed back.
 */
export function stanzaError(stanza: Element, spec: StanzaErrorSpec): Element {
  const attrs: Record<string, string> = { type: 'error' };
  if (stanza.attrs.to) attrs.from = stanza.attrs.to;
  if (stanza.attrs.from) attrs.to = stanza.attrs.from;
  if (stanza.attrs.id) attrs.id = stanza.attrs.id;
  const reply = new Element(stanza.name, attrs);
  reply.cnode(buildError(spec, spec.by === attrs.from ? undefined : spec.by));
  return reply;
}

export function errorElement(spec: StanzaErrorSpec): Element {
  return buildError(spec, spec.by);
}

/** The `<error/>` of `spec`, with `by` when there is one (without copying the spec: it has many shapes). */
function buildError(spec: StanzaErrorSpec, by: string | undefined): Element {
  const errorAttrs: Record<string, string> = { type: spec.type };
  if (by) errorAttrs.by = by;
  const error = new Element('error', errorAttrs);
  const condition = error.c(spec.condition, { xmlns: NS.stanzas });
  if (spec.conditionText) condition.t(spec.conditionText);
  if (spec.text) error.c('text', { xmlns: NS.stanzas }).t(spec.text);
  return error;
}

/** Reads the condition and text of an error stanza. */
export function readStanzaError(stanza: Element): {
  type: string | undefined;
  condition: string | undefined;
  text: string | undefined;
} {
  const error = stanza.getChild('error');
  if (!error) return { type: undefined, condition: undefined, text: undefined };
  const condition = error.children.find(
    (child): child is Element =>
      typeof child !== 'string' && child.name !== 'text' && child.attrs.xmlns === NS.stanzas,
  );
  const text = error.getChild('text', NS.stanzas)?.getText();
  return { type: error.attrs.type, condition: condition?.name, text: text || undefined };
}
