// The XML block of a scansion step, parsed as if inside a jabber:client wrapper — the stanzas of XEP-0045 scenarios (§7–§10)
import { parseXml, type XmlParseResult } from '../xmpp/xml.js';

export const SCANSION_NS = 'https://matthewwild.co.uk/projects/scansion';
export const DEFAULT_NS = 'jabber:client';

/**
 * Parses a `sends`/`receives` block as if inside
 * `<wrapper xmlns='jabber:client' xmlns:scansion='https://matthewwild.co.uk/projects/scansion'>`.
 */
export function parseBlock(xml: string): XmlParseResult {
  return parseXml(xml, { namespaces: { '': DEFAULT_NS, scansion: SCANSION_NS } });
}
