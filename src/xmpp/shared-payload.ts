// Identical payload elements shared instead of copied: what occupants' stored presences carry, one frozen copy per distinct XML — XEP-0045 §7.2.2 (occupant presence)
import { Element } from 'ltx';
import { freezeStanza } from './addressed-copy.js';

/** Distinct payloads kept; past this, copies are made but not remembered. */
const LIMIT = 10_000;
const shared = new Map<string, Element>();

/** A deep copy whose children arrays are exactly as long as they need to be. */
function compactCopy(element: Element): Element {
  const copy = new Element(element.name, element.attrs);
  copy.children = element.children.map((child) => {
    if (typeof child === 'string') return child;
    const inner = compactCopy(child);
    inner.parent = copy;
    return inner;
  });
  return copy;
}

/**
 * A frozen copy of `element`, the same object for every element with the same XML: most clients
 * send the same payloads (an avatar hash, capabilities), so storing them per occupant adds up.
 */
export function sharedPayload(element: Element): Element {
  const key = element.toString();
  let copy = shared.get(key);
  if (!copy) {
    copy = compactCopy(element);
    freezeStanza(copy);
    if (shared.size < LIMIT) shared.set(key, copy);
  }
  return copy;
}
