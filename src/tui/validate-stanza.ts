// Validation of hand-typed stanzas as you type: well-formed, and a stanza XEP-0045 knows — presence, message or iq (§7–§10)
import { parseXml } from '../xmpp/xml.js';

export interface Verdict {
  ok: boolean;
  message: string;
}

const STANZAS = new Set(['presence', 'message', 'iq']);

export function validateStanza(text: string): Verdict {
  if (text.trim() === '')
    return { ok: false, message: 'empty: type a <presence/>, <message/> or <iq/>' };
  const parsed = parseXml(text);
  if (!parsed.ok) {
    const { line, column, message, expected } = parsed.error;
    return {
      ok: false,
      message: `${line}:${column} ${message}${expected ? ` (expected ${expected})` : ''}`,
    };
  }
  const name = parsed.element.name;
  if (!STANZAS.has(name))
    return { ok: false, message: `<${name}> is not a stanza: use presence, message or iq` };
  if (name === 'iq' && !parsed.element.attrs.type)
    return { ok: false, message: '<iq> needs a type (get or set)' };
  return {
    ok: true,
    message: `well-formed <${name}>${parsed.element.attrs.to ? ` to ${parsed.element.attrs.to}` : ''}`,
  };
}
