// The one builder of an iq result (RFC 6120 §8.2.3), beside stanzaError: every XEP-0045 request a room or the service answers with success (§8–§10)
import { Element } from 'ltx';

/** An empty `result` to `request`: from whom it was addressed to, to its sender, with its id; add the payload. */
export function iqResult(request: Element): Element {
  return new Element('iq', {
    type: 'result',
    from: request.attrs.to,
    to: request.attrs.from,
    id: request.attrs.id,
  });
}
