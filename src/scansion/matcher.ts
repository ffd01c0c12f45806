// scansion stanza matching: strict and non-strict comparison of expected vs received XEP-0045 stanzas (§7–§10)
import type { Element } from 'ltx';
import { childElements, namespacesOf, normalizeXml, prettyXml } from '../xmpp/xml.js';
import { DEFAULT_NS, SCANSION_NS } from './block.js';
import { diffLines } from './line-diff.js';

export type MatchResult = { ok: true } | { ok: false; reason: string };

const ANY = '{scansion:any}';
const CAPTURE = /^\{scansion:capture:([^}]+)\}$/;
const BACKTRACK_BUDGET = 10_000;

interface Mode {
  strict: boolean;
  /** Set by a `scansion:strict` attribute: inherited by descendants instead of the namespace default. */
  explicit: boolean;
}

type Captures = Map<string, string>;

/** The namespace of each element of the two stanzas being compared. */
class Namespaces {
  private readonly map: Map<Element, string>;

  constructor(...roots: Element[]) {
    this.map = new Map(roots.flatMap((root) => [...namespacesOf(root)]));
  }

  of(el: Element): string {
    return this.map.get(el) ?? DEFAULT_NS;
  }

  same(a: Element, b: Element): boolean {
    return localName(a) === localName(b) && this.of(a) === this.of(b);
  }
}

function localName(el: Element): string {
  return el.name.slice(el.name.indexOf(':') + 1);
}

function isDirective(name: string): boolean {
  return name === 'xmlns' || name.startsWith('xmlns:') || name.startsWith('scansion:');
}

function comparedAttributes(el: Element): [string, string][] {
  return Object.entries(el.attrs)
    .filter(([name, value]) => !isDirective(name) && value !== undefined && value !== null)
    .map(([name, value]) => [name, String(value)]);
}

function textOf(el: Element): string {
  return el.children
    .filter((child): child is string => typeof child === 'string')
    .join('')
    .trim();
}

/** The value of a directive attribute in scansion's namespace (`scansion:strict`, `scansion:order`). */
export function scansionDirective(el: Element, directive: string): string | undefined {
  const suffix = `:${directive}`;
  for (const [name, value] of Object.entries(el.attrs)) {
    if (name.endsWith(suffix) && typeof value === 'string') {
      const prefix = name.slice(0, -suffix.length);
      if (prefix === 'scansion' || el.attrs[`xmlns:${prefix}`] === SCANSION_NS) return value;
    }
  }
  return undefined;
}

/**
 * Default: jabber:client elements are non-strict; an element with its own namespace is strict,
 * and so are its descendants in that namespace. `scansion:strict` overrides, and is inherited.
 */
function modeOf(ns: string, expected: Element, parent?: { mode: Mode; ns: string }): Mode {
  const attribute = scansionDirective(expected, 'strict');
  if (attribute !== undefined) return { strict: attribute === 'true', explicit: true };
  if (parent?.mode.explicit) return parent.mode;
  if (ns === DEFAULT_NS) return { strict: false, explicit: false };
  if (parent && ns === parent.ns) return parent.mode;
  return { strict: true, explicit: false };
}

function shortNs(ns: string): string {
  return ns.slice(Math.max(ns.lastIndexOf('/'), ns.lastIndexOf(':')) + 1) || ns;
}

function quote(value: string): string {
  return `'${value}'`;
}

/** Compares one value (attribute or text) with `{scansion:any}` and `{scansion:capture:NAME}`. */
function matchValue(expected: string, got: string, captures: Captures): string | undefined {
  if (expected === ANY) return undefined;
  const capture = CAPTURE.exec(expected);
  if (!capture)
    return expected === got ? undefined : `expected ${quote(expected)}, got ${quote(got)}`;
  const name = capture[1] as string;
  const captured = captures.get(name);
  if (captured === undefined) {
    captures.set(name, got);
    return undefined;
  }
  return captured === got
    ? undefined
    : `expected captured ${name} ${quote(captured)}, got ${quote(got)}`;
}

class Matcher {
  private budget = BACKTRACK_BUDGET;

  constructor(private readonly ns: Namespaces) {}

  /** `x[muc#user]`, `status[2]`: the name, its namespace when it changes, its rank among same-named siblings. */
  private label(el: Element, siblings: Element[], parentNs: string): string {
    const ns = this.ns.of(el);
    let text = localName(el);
    if (ns !== parentNs) text += `[${shortNs(ns)}]`;
    const same = siblings.filter((sibling) => this.ns.same(sibling, el));
    if (same.length > 1) text += `[${same.indexOf(el) + 1}]`;
    return text;
  }

  /** Undefined when `received` matches `expected`; otherwise the reason, with its path. */
  element(
    expected: Element,
    received: Element,
    mode: Mode,
    path: string,
    captures: Captures,
  ): string | undefined {
    if (localName(expected) !== localName(received)) {
      return `${path}: expected <${localName(expected)}>, got <${localName(received)}>`;
    }
    const ns = this.ns.of(expected);
    if (ns !== this.ns.of(received)) {
      return `${path}: expected namespace ${quote(ns)}, got ${quote(this.ns.of(received))}`;
    }
    return (
      this.attributes(expected, received, mode, path, captures) ??
      this.text(expected, received, mode, path, captures) ??
      this.children(expected, received, mode, path, captures)
    );
  }

  private attributes(
    expected: Element,
    received: Element,
    mode: Mode,
    path: string,
    captures: Captures,
  ) {
    const got = new Map(comparedAttributes(received));
    const wanted = comparedAttributes(expected);
    for (const [name, value] of wanted) {
      const actual = got.get(name);
      if (actual === undefined)
        return `${path}@${name}: expected ${quote(value)}, attribute missing`;
      const mismatch = matchValue(value, actual, captures);
      if (mismatch) return `${path}@${name}: ${mismatch}`;
    }
    if (mode.strict) {
      const names = new Set(wanted.map(([name]) => name));
      for (const [name, value] of got) {
        if (!names.has(name))
          return `${path}@${name}: unexpected attribute ${quote(value)} (strict)`;
      }
    }
    return undefined;
  }

  /** Whitespace-only text is ignored; in non-strict mode an empty expected element allows any text. */
  private text(expected: Element, received: Element, mode: Mode, path: string, captures: Captures) {
    const wanted = textOf(expected);
    const got = textOf(received);
    if (wanted === '' && (!mode.strict || got === '')) return undefined;
    const mismatch =
      wanted === '' ? `expected no text, got ${quote(got)}` : matchValue(wanted, got, captures);
    return mismatch ? `${path} text: ${mismatch}` : undefined;
  }

  private children(
    expected: Element,
    received: Element,
    mode: Mode,
    path: string,
    captures: Captures,
  ) {
    const wanted = childElements(expected);
    const got = childElements(received);
    const ns = this.ns.of(expected);
    const childPath = (child: Element) => `${path}/${this.label(child, wanted, ns)}`;
    const childMode = (child: Element) => modeOf(this.ns.of(child), child, { mode, ns });
    if (!mode.strict) return this.unordered(wanted, got, childMode, childPath, captures);
    for (let i = 0; i < Math.max(wanted.length, got.length); i += 1) {
      const want = wanted[i];
      const have = got[i];
      if (!want)
        return `${path}/${this.label(have as Element, got, ns)}: unexpected child element (strict)`;
      if (!have) {
        return `${childPath(want)}: missing (strict: expected ${wanted.length} child elements, got ${got.length})`;
      }
      const reason = this.element(want, have, childMode(want), childPath(want), captures);
      if (reason) return reason;
    }
    return undefined;
  }

  /** Non-strict children: each expected child needs its own received child, in any order. */
  private unordered(
    wanted: Element[],
    got: Element[],
    childMode: (child: Element) => Mode,
    childPath: (child: Element) => string,
    captures: Captures,
  ): string | undefined {
    const modes = wanted.map(childMode);
    const candidates = wanted.map((want, i) => {
      const fits: number[] = [];
      let closest: { reason: string; score: number } | undefined;
      got.forEach((have, j) => {
        const reason = this.element(
          want,
          have,
          modes[i] as Mode,
          childPath(want),
          new Map(captures),
        );
        if (!reason) fits.push(j);
        else if (this.ns.same(have, want)) {
          const score = scoreOf(this.ns, want, have);
          if (!closest || score.matched > closest.score) closest = { reason, score: score.matched };
        }
      });
      return { fits, closest };
    });
    const missing = candidates.findIndex((candidate) => candidate.fits.length === 0);
    if (missing !== -1) {
      return (
        candidates[missing]?.closest?.reason ?? `${childPath(wanted[missing] as Element)}: missing`
      );
    }
    const assign = (
      i: number,
      count: number,
      used: Set<number>,
      caps: Captures,
    ): Captures | undefined => {
      if (i === count) return caps;
      for (const j of candidates[i]?.fits ?? []) {
        if (used.has(j) || this.budget-- <= 0) continue;
        const trial = new Map(caps);
        if (this.element(wanted[i] as Element, got[j] as Element, modes[i] as Mode, '', trial))
          continue;
        used.add(j);
        const done = assign(i + 1, count, used, trial);
        used.delete(j);
        if (done) return done;
      }
      return undefined;
    };
    const result = assign(0, wanted.length, new Set(), captures);
    if (result) {
      for (const [name, value] of result) captures.set(name, value);
      return undefined;
    }
    let stuck = 1;
    while (stuck < wanted.length && assign(0, stuck, new Set(), captures)) stuck += 1;
    const culprit = childPath(wanted[stuck - 1] as Element);
    return `${culprit}: no received child left for it (each candidate is needed by another expected child or captures disagree)`;
  }
}

/**
 * Matches a received stanza against the expected one (after variable substitution). New
 * captures are added to `captures` only when the whole stanza matches.
 */
export function matchStanza(
  expected: Element,
  received: Element,
  captures: Map<string, string>,
): MatchResult {
  const ns = new Namespaces(expected, received);
  const trial = new Map(captures);
  const mode = modeOf(ns.of(expected), expected);
  const reason = new Matcher(ns).element(expected, received, mode, localName(expected), trial);
  if (reason) return { ok: false, reason };
  for (const [name, value] of trial) captures.set(name, value);
  return { ok: true };
}

interface Score {
  matched: number;
  total: number;
}

function size(el: Element): number {
  const text = textOf(el) === '' ? 0 : 1;
  const children = childElements(el).reduce((sum, child) => sum + size(child), 0);
  return 1 + comparedAttributes(el).length + text + children;
}

/** Counts the facts of `expected` (name, attributes, text, children, recursively) found in `received`. */
function scoreOf(ns: Namespaces, expected: Element, received: Element): Score {
  const total = size(expected);
  if (!ns.same(expected, received)) return { matched: 0, total };
  let matched = 1;
  const got = new Map(comparedAttributes(received));
  for (const [name, value] of comparedAttributes(expected)) {
    const actual = got.get(name);
    if (actual !== undefined && !matchValue(value, actual, new Map())) matched += 1;
  }
  const text = textOf(expected);
  if (text !== '' && !matchValue(text, textOf(received), new Map())) matched += 1;
  const used = new Set<Element>();
  for (const want of childElements(expected)) {
    let best: { el: Element; matched: number } | undefined;
    for (const have of childElements(received)) {
      if (used.has(have)) continue;
      const score = scoreOf(ns, want, have).matched;
      if (score > 0 && (!best || score > best.matched)) best = { el: have, matched: score };
    }
    if (best) {
      used.add(best.el);
      matched += best.matched;
    }
  }
  return { matched, total };
}

/** How much of `expected` is found in `received`, from 0 (another kind of stanza) to 1. */
export function similarity(expected: Element, received: Element): number {
  const { matched, total } = scoreOf(new Namespaces(expected, received), expected, received);
  return matched / total;
}

/** Normalized, without scansion directives, attributes sorted (`xmlns` first): the form a diff compares. */
function diffable(el: Element): Element {
  const sort = (node: Element): void => {
    const entries = Object.entries(node.attrs).filter(
      ([name]) => !name.startsWith('scansion:') && name !== 'xmlns:scansion',
    );
    entries.sort(([a], [b]) =>
      a === 'xmlns' ? -1 : b === 'xmlns' ? 1 : a < b ? -1 : a > b ? 1 : 0,
    );
    node.attrs = Object.fromEntries(entries);
    for (const child of childElements(node)) sort(child);
  };
  const copy = normalizeXml(el);
  sort(copy);
  return copy;
}

/** A line diff of the two stanzas, pretty-printed: `- ` expected only, `+ ` received only. */
export function diffStanzas(expected: Element, received: Element): string {
  const a = prettyXml(diffable(expected), '  ').split('\n');
  const b = prettyXml(diffable(received), '  ').split('\n');
  return diffLines(a, b).join('\n');
}
