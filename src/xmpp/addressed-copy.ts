// Per-recipient copies of one outgoing stanza that share its payload: fan-out without deep clones — XEP-0045 §7.2.3 (presence broadcast) and §7.4 (messages)
import { Element } from 'ltx';

/** Freezes the children (not the top-level attrs) of `stanza`, all the way down. */
function freezePayload(stanza: Element): void {
  if (Object.isFrozen(stanza.children)) return;
  for (const child of stanza.children) {
    if (typeof child === 'string') continue;
    Object.freeze(child.attrs);
    freezePayload(child);
  }
  Object.freeze(stanza.children);
}

/**
 * A copy of `stanza` addressed to `to`: its own top-level attrs, the original's children,
 * shared and frozen. Delivered stanzas are read-only: a change to one would show in every
 * recipient's copy, so it throws instead.
 */
export function addressedCopy(stanza: Element, to: string): Element {
  freezePayload(stanza);
  const copy = new Element(stanza.name);
  copy.attrs = { ...stanza.attrs, to };
  copy.children = stanza.children;
  return copy;
}
