// Per-recipient copies of one outgoing stanza that share its payload: fan-out without deep clones — XEP-0045 §7.2.3 (presence broadcast) and §7.4 (messages)
import { Element } from 'ltx';

/**
 * Freezes `stanza` all the way down, so that it can be shared: a change to a stanza that several
 * recipients hold would show in every copy, so it throws instead.
 */
export function freezeStanza(stanza: Element): void {
  if (Object.isFrozen(stanza.children)) return;
  Object.freeze(stanza.attrs);
  for (const child of stanza.children) {
    if (typeof child !== 'string') freezeStanza(child);
  }
  Object.freeze(stanza.children);
}

/**
 * Makes copies of `stanza` addressed to one recipient each: their own top-level attrs (with
 * `to`), the original's children, shared. The original is frozen; the copies' attrs are not.
 */
export function addressedCopies(stanza: Element): (to: string) => Element {
  freezeStanza(stanza);
  // With `to` already in place, each copy's spread only overwrites it: V8's fast clone path
  // (adding the key to every copy instead costs ten times as much).
  const attrs = { ...stanza.attrs, to: '' };
  const { name, children } = stanza;
  return (to) => {
    const copy = new Element(name);
    copy.attrs = { ...attrs, to };
    copy.children = children;
    return copy;
  };
}
