// Status codes and error conditions in words with their section, from src/explain — XEP-0045 §12 (status codes) and §7.2.17 (errors)
import type { Element } from 'ltx';
import { explain } from '../explain/index.js';
import { describeStatus } from '../muc/model/status-codes.js';
import { NS } from '../xmpp/namespaces.js';

/** `110 self-presence (§7.2.2)`: the explanation's summary up to its colon, else the registry's words. */
export function statusInWords(code: string): string {
  const summary = explain(code)?.summary;
  if (!summary) return describeStatus(code);
  const colon = summary.indexOf('):');
  return colon === -1 ? summary : summary.slice(0, colon + 1);
}

/** One-line explanations of the status codes and the error condition a stanza carries (Detail pane). */
export function explanationsFor(stanza: Element): string[] {
  const lines: string[] = [];
  const x = stanza.getChild('x', NS.mucUser);
  for (const status of x?.getChildren('status') ?? []) {
    const code = String(status.attrs.code);
    lines.push(explain(code)?.summary ?? describeStatus(code));
  }
  const condition = stanza
    .getChild('error')
    ?.children.find(
      (node): node is Element => typeof node !== 'string' && node.attrs.xmlns === NS.stanzas,
    );
  if (condition) {
    const found = explain(condition.name);
    lines.push(found ? found.summary : `${condition.name}: no explanation`);
  }
  return lines;
}
