// Stream errors and the stream headers around them (RFC 6120 §4.7 and §4.9), as the door to the XEP-0045 world (§7) sends them
import { Element } from 'ltx';

export const STREAMS_NS = 'http://etherx.jabber.org/streams';
export const STREAM_ERRORS_NS = 'urn:ietf:params:xml:ns:xmpp-streams';

/** The conditions the door uses (RFC 6120 §4.9.3). */
export type StreamErrorCondition =
  | 'bad-format'
  | 'bad-namespace-prefix'
  | 'conflict'
  | 'host-unknown'
  | 'improper-addressing'
  | 'internal-server-error'
  | 'invalid-from'
  | 'invalid-namespace'
  | 'not-authorized'
  | 'not-well-formed'
  | 'policy-violation'
  | 'restricted-xml'
  | 'system-shutdown'
  | 'unsupported-stanza-type'
  | 'unsupported-version';

export interface StreamErrorSpec {
  condition: StreamErrorCondition;
  text?: string;
  /** An application-specific condition beside the defined one, e.g. Prosody's `<stanza-too-big/>`. */
  extra?: Element;
}

/** `<stream:error>`: the defined condition, an optional text and application condition. */
export function streamError(spec: StreamErrorSpec, name = 'stream:error'): Element {
  const error = new Element(name);
  error.c(spec.condition, { xmlns: STREAM_ERRORS_NS });
  if (spec.text !== undefined) {
    error.c('text', { xmlns: STREAM_ERRORS_NS, 'xml:lang': 'en' }).t(spec.text);
  }
  if (spec.extra) error.cnode(spec.extra);
  return error;
}
