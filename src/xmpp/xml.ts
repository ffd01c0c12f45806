// XML helpers for stanzas: parse, escape, pretty and canonical forms, effective namespace (XEP-0045 §2, §16 namespaces)
import { Element } from 'ltx';

export type { ParseXmlOptions, XmlError, XmlParseResult } from './xml-parser.js';
export { parseXml } from './xml-parser.js';

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const DEFAULT_NS = 'jabber:client';

const TEXT_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** Escapes character data: `&`, `<`, `>` and a carriage return (which a parser would drop). */
export function escapeXmlText(text: string): string {
  return text.replace(/[&<>\r]/g, (char) => TEXT_ESCAPES[char] as string);
}

/** Escapes a double-quoted attribute value; tabs and newlines become references so they survive. */
export function escapeXmlAttr(value: string): string {
  return value.replace(/[&<>"\t\n\r]/g, (char) => TEXT_ESCAPES[char] as string);
}

/** The namespace an element is in, found by walking up its parents; undefined when none is declared. */
export function namespaceOf(el: Element): string | undefined {
  const colon = el.name.indexOf(':');
  const prefix = colon === -1 ? undefined : el.name.slice(0, colon);
  if (prefix === 'xml') return XML_NS;
  const declaration = prefix === undefined ? 'xmlns' : `xmlns:${prefix}`;
  for (let node: Element | null = el; node; node = node.parent) {
    const value: unknown = node.attrs[declaration];
    if (typeof value === 'string') return value === '' ? undefined : value;
  }
  return undefined;
}

/**
 * The first child element named `name` (in `xmlns`, when given), as ltx's `getChild` finds it,
 * without making the list of every match first.
 */
export function firstChild(el: Element, name: string, xmlns?: string): Element | undefined {
  for (const child of el.children) {
    if (typeof child === 'string' || child.getName() !== name) continue;
    if (!xmlns || child.getNS() === xmlns) return child;
  }
  return undefined;
}

/** The first child element, whatever its name (an iq's payload), without listing them all. */
export function firstElement(el: Element): Element | undefined {
  for (const child of el.children) if (typeof child !== 'string') return child;
  return undefined;
}

/** The element children, without text. */
export function childElements(el: Element): Element[] {
  return el.children.filter((child): child is Element => typeof child !== 'string');
}

function attributes(el: Element): [string, string][] {
  return Object.entries(el.attrs)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([name, value]) => [name, String(value)]);
}

function attributeText(pairs: [string, string][]): string {
  return pairs.map(([name, value]) => ` ${name}="${escapeXmlAttr(value)}"`).join('');
}

function isLayout(text: string): boolean {
  return text.trim() === '' && text.includes('\n');
}

function oneLine(text: string): string {
  return escapeXmlText(text).replace(/\n/g, '&#10;');
}

/**
 * Indented serialisation: one element per line, text-only elements on one line, every text
 * escaped (newlines in text become `&#10;`). Whitespace that only lays out children is dropped.
 */
export function prettyXml(el: Element, indent = '\t'): string {
  return prettyLines(el, indent, '').join('\n');
}

function prettyLines(el: Element, indent: string, pad: string): string[] {
  const open = `${pad}<${el.name}${attributeText(attributes(el))}`;
  const children = el.children.filter((child) => typeof child !== 'string' || !isLayout(child));
  if (children.length === 0) return [`${open}/>`];
  if (children.every((child) => typeof child === 'string')) {
    return [`${open}>${oneLine(children.join(''))}</${el.name}>`];
  }
  const lines = [`${open}>`];
  for (const child of children) {
    if (typeof child !== 'string') lines.push(...prettyLines(child, indent, pad + indent));
    else if (child.trim() !== '') lines.push(`${pad}${indent}${oneLine(child.trim())}`);
  }
  lines.push(`${pad}</${el.name}>`);
  return lines;
}

function ownNamespace(el: Element, inherited: string): string {
  if (el.name.includes(':')) return namespaceOf(el) ?? inherited;
  const declared: unknown = el.attrs.xmlns;
  return typeof declared === 'string' && declared !== '' ? declared : inherited;
}

/**
 * The namespace of every element of a tree, resolved from the root down, so children whose
 * `parent` link is missing or stale still inherit correctly. The root's comes from its own
 * ancestors, else `inherited` (`jabber:client`).
 */
export function namespacesOf(root: Element, inherited: string = DEFAULT_NS): Map<Element, string> {
  const namespaces = new Map<Element, string>();
  const visit = (el: Element, ns: string): void => {
    namespaces.set(el, ns);
    for (const child of childElements(el)) visit(child, ownNamespace(child, ns));
  };
  visit(root, namespaceOf(root) ?? inherited);
  return namespaces;
}

/**
 * A copy without whitespace-only text and without `xmlns` declarations that repeat the
 * inherited namespace (`jabber:client` around the root unless told otherwise).
 */
export function normalizeXml(el: Element, inherited: string = DEFAULT_NS): Element {
  const namespaces = namespacesOf(el, inherited);
  const copy = (node: Element, parentNs: string): Element => {
    const ns = namespaces.get(node) as string;
    const attrs: Record<string, string> = ns === parentNs ? {} : { xmlns: ns };
    for (const [name, value] of attributes(node)) {
      if (name !== 'xmlns') attrs[name] = value;
    }
    const result = new Element(node.name, attrs);
    for (const child of node.children) {
      if (typeof child !== 'string') result.append(copy(child, ns));
      else if (child.trim() !== '') result.append(child);
    }
    return result;
  };
  return copy(el, inherited);
}

/** One-line form for comparing and diffing stanzas: normalized, attributes sorted by name. */
export function canonicalXml(el: Element): string {
  return canonicalText(normalizeXml(el));
}

function canonicalText(el: Element): string {
  const sorted = attributes(el).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const open = `<${el.name}${attributeText(sorted)}`;
  if (el.children.length === 0) return `${open}/>`;
  const inner = el.children
    .map((child) => (typeof child === 'string' ? oneLine(child) : canonicalText(child)))
    .join('');
  return `${open}>${inner}</${el.name}>`;
}
