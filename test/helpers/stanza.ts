// Test helper: write stanzas as XML text and compare them whole, in canonical form (the shape of XEP-0045's examples)
import type { Element } from 'ltx';
import { canonicalXml, parseXml } from '../../src/xmpp/xml.js';

/** Parses one stanza written in a test; a typo in the XML fails the test loudly. */
export function stanza(text: string): Element {
  const result = parseXml(text);
  if (!result.ok) throw new Error(`bad XML in test: ${result.error.message}`);
  return result.element;
}

/**
 * The canonical one-line form of a stanza (attributes sorted, layout whitespace and repeated
 * `jabber:client` declarations dropped), so `toBe`/`toEqual` compare whole stanzas.
 */
export function canonical(value: Element | string): string {
  return canonicalXml(typeof value === 'string' ? stanza(value) : value);
}

export function canonicalAll(values: readonly (Element | string)[]): string[] {
  return values.map(canonical);
}
