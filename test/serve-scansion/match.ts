// The independent runner's matcher: docs/scansion.md's strict and non-strict rules, written apart from src/scansion — how Prosody's XEP-0045 scripts judge a received stanza
import type { Element } from 'ltx';

const ANY = '{scansion:any}';
const CLIENT_NS = 'jabber:client';

function namespace(element: Element, inherited: string): string {
  const declared = element.attrs.xmlns;
  return typeof declared === 'string' ? declared : inherited;
}

/** Attributes that are compared: no namespace declarations, no `scansion:` controls. */
function comparable(element: Element): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const [name, value] of Object.entries(element.attrs)) {
    if (name === 'xmlns' || name.startsWith('xmlns:') || name.startsWith('scansion:')) continue;
    if (value !== undefined && value !== null) attrs.set(name, String(value));
  }
  return attrs;
}

function textOf(element: Element): string {
  return element.children
    .filter((child): child is string => typeof child === 'string')
    .join('')
    .trim();
}

function attributesMatch(expected: Element, received: Element, strict: boolean): boolean {
  const want = comparable(expected);
  const got = comparable(received);
  for (const [name, value] of want) {
    const actual = got.get(name);
    if (actual === undefined || (value !== ANY && value !== actual)) return false;
  }
  return !strict || want.size === got.size;
}

/** One-to-one assignment of expected children to received ones, order ignored (backtracking). */
function assign(
  expected: Element[],
  received: Element[],
  fits: (want: Element, got: Element) => boolean,
  used = new Set<number>(),
): boolean {
  const [first, ...rest] = expected;
  if (!first) return true;
  for (const [index, candidate] of received.entries()) {
    if (used.has(index) || !fits(first, candidate)) continue;
    used.add(index);
    if (assign(rest, received, fits, used)) return true;
    used.delete(index);
  }
  return false;
}

/**
 * Whether `received` matches `expected`. An element is strict when its `scansion:strict` says
 * so, else when it inherits strictness from a parent in the same namespace, else when its
 * namespace is not `jabber:client`.
 */
export function matches(
  expected: Element,
  received: Element,
  context: { ns: string; strict?: boolean } = { ns: CLIENT_NS },
): boolean {
  const ns = namespace(expected, context.ns);
  if (expected.name !== received.name || ns !== namespace(received, context.ns)) return false;
  const override = expected.attrs['scansion:strict'];
  const strict =
    override !== undefined
      ? override === 'true'
      : context.strict !== undefined && ns === context.ns
        ? context.strict
        : ns !== CLIENT_NS;
  if (!attributesMatch(expected, received, strict)) return false;
  const wantText = textOf(expected);
  if ((strict || wantText !== '') && wantText !== textOf(received)) return false;
  const wantChildren = expected.getChildElements();
  const gotChildren = received.getChildElements();
  const inner = { ns, strict };
  if (strict) {
    return (
      wantChildren.length === gotChildren.length &&
      wantChildren.every((child, index) => matches(child, gotChildren[index] as Element, inner))
    );
  }
  return assign(wantChildren, gotChildren, (want, got) => matches(want, got, inner));
}
