// Pretty-printed stanza lines, computed once per stanza, split into tokens for colouring in the Detail pane — the XML of XEP-0045 examples (§7–§10)
import type { Element } from 'ltx';
import { prettyXml } from '../xmpp/xml.js';

export type XmlTokenKind = 'punct' | 'tag' | 'attr' | 'value' | 'text';

export interface XmlToken {
  kind: XmlTokenKind;
  text: string;
}

/** Lines longer than this are folded into pieces, so that all of a 1 MB body can be scrolled. */
export const FOLD_OVER = 500;
export const FOLD_WIDTH = 120;

const pretty = new WeakMap<Element, string[]>();

function fold(line: string): string[] {
  if (line.length <= FOLD_OVER) return [line];
  const pieces: string[] = [];
  for (let at = 0; at < line.length; at += FOLD_WIDTH) pieces.push(line.slice(at, at + FOLD_WIDTH));
  return pieces;
}

/** Indented, escaped lines (two spaces per level), made once per stanza; long lines are folded. */
export function prettyLines(stanza: Element): string[] {
  let lines = pretty.get(stanza);
  if (!lines) {
    lines = prettyXml(stanza, '  ').split('\n').flatMap(fold);
    pretty.set(stanza, lines);
  }
  return lines;
}

const TOKEN = /(<\/?|\/?>)|([^\s=<>/"']+)(=)("[^"]*"|'[^']*')|([^\s<>/=]+)|(\s+)|([\s\S]+?)/gy;

/** Splits one pretty line into tag names, attribute names and values, and text. */
export function tokenizeXmlLine(line: string): XmlToken[] {
  const tokens: XmlToken[] = [];
  let inTag = false;
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(line); match; match = TOKEN.exec(line)) {
    const [, punct, attrName, equals, attrValue, word, space, other] = match;
    if (punct !== undefined) {
      inTag = punct.startsWith('<');
      tokens.push({ kind: 'punct', text: punct });
    } else if (attrName !== undefined && inTag) {
      tokens.push({ kind: 'attr', text: attrName }, { kind: 'punct', text: equals ?? '=' });
      tokens.push({ kind: 'value', text: attrValue ?? '' });
    } else if (attrName !== undefined) {
      tokens.push({ kind: 'text', text: `${attrName}${equals}${attrValue}` });
    } else if (word !== undefined) {
      const previous = tokens.at(-1);
      const isName = inTag && previous?.kind === 'punct' && previous.text.startsWith('<');
      tokens.push({ kind: isName ? 'tag' : 'text', text: word });
    } else {
      tokens.push({ kind: 'text', text: space ?? other ?? '' });
    }
  }
  return tokens;
}
