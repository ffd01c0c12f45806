// Reading a stanza at a bounded cost: the first children, the first characters of a text — so a 1 MB stanza is described as fast as a small one (XEP-0045 §7.2, §7.4)
import { type Element, escapeXML, escapeXMLText } from 'ltx';
import { NS } from '../xmpp/namespaces.js';

/** How many children of an element a description looks at. */
export const MAX_CHILDREN = 64;
/** How many characters of a text (a body, a subject, an attribute) a description keeps. */
export const MAX_TEXT = 500;

/** The first `max` child elements (a hostile stanza may have a million). */
export function childElements(element: Element, max = MAX_CHILDREN): Element[] {
  const found: Element[] = [];
  for (const node of element.children) {
    if (found.length >= max) break;
    if (typeof node !== 'string') found.push(node);
  }
  return found;
}

/** The first child element named `name` (in `xmlns`, if given) among the first children. */
export function firstChild(element: Element, name: string, xmlns?: string): Element | undefined {
  return childElements(element).find(
    (child) => child.name === name && (xmlns === undefined || child.attrs.xmlns === xmlns),
  );
}

/** An element's text, cut after `max` characters with `…`: never reads more than it keeps. */
export function boundedText(element: Element, max = MAX_TEXT): string {
  let text = '';
  for (const node of element.children) {
    if (typeof node !== 'string') continue;
    text += node.length > max ? node.slice(0, max + 1) : node;
    if (text.length > max) return `${text.slice(0, max)}…`;
  }
  return text;
}

/** A string cut after `max` characters with `…`. */
export function clip(text: string, max = MAX_TEXT): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The RFC 6120 defined condition of a stanza's `<error/>`, if it has one. */
export function errorCondition(stanza: Element): { condition?: string; type?: string } | undefined {
  const error = firstChild(stanza, 'error');
  if (!error) return undefined;
  const condition = childElements(error).find((child) => child.attrs.xmlns === NS.stanzas);
  return {
    ...(condition && { condition: condition.name }),
    ...(error.attrs.type !== undefined && { type: String(error.attrs.type) }),
  };
}

/** How many characters of a stanza's XML a search looks at. */
export const MAX_XML = 16_384;

class Budget extends Error {}

/**
 * The stanza serialised as `toString()` does, but only its first `max` characters: a search
 * or a breakpoint looks at this much of a 1 MB stanza, and no more.
 */
export function boundedXml(stanza: Element, max = MAX_XML): string {
  let out = '';
  const write = (text: string) => {
    out += text;
    if (out.length > max) throw new Budget();
  };
  const walk = (element: Element) => {
    write(`<${element.name}`);
    for (const [name, value] of Object.entries(element.attrs)) {
      if (value == null) continue;
      write(` ${name}="${escapeXML(String(value).slice(0, max))}"`);
    }
    if (element.children.length === 0) return write('/>');
    write('>');
    for (const child of element.children) {
      if (typeof child === 'string') write(escapeXMLText(child.slice(0, max)));
      else if (child != null) walk(child);
    }
    write(`</${element.name}>`);
  };
  try {
    walk(stanza);
    return out;
  } catch (error) {
    if (error instanceof Budget) return out.slice(0, max);
    throw error;
  }
}
