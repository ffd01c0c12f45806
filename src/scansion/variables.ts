// scansion ${…} variables: the clients' bare and full JIDs written into the stanzas of XEP-0045 scenarios (§7–§10)
import { Element } from 'ltx';

export interface VariableRef {
  client: string;
  kind: 'bare' | 'full';
}

export interface VariableUse {
  /** The text between `${` and `}`. */
  body: string;
  /** Offset of the `$` in the scanned text. */
  index: number;
}

export interface JidScope {
  /** Client name → bare JID, from the definitions. */
  readonly bare: ReadonlyMap<string, string>;
  /** Client name → full JID bound by `connects`. */
  readonly full: ReadonlyMap<string, string>;
}

export type Substitution =
  | { ok: true; element: Element }
  | { ok: false; variable: string; message: string };

/** The variable forms, for error messages. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: scansion's own ${…} syntax, not a template
export const VARIABLE_FORMS = "${Name's JID} or ${Name's full JID}";
const VARIABLE = /\$\{([^}]*)\}/g;
const CAPTURE = /\{scansion:capture:([^}]+)\}/g;

/** `Juliet's phone's full JID` → Juliet's phone, full: names may contain `'s`, so split at the last `'s `. */
export function parseVariable(body: string): VariableRef | undefined {
  const split = body.lastIndexOf("'s ");
  if (split <= 0) return undefined;
  const client = body.slice(0, split);
  const property = body.slice(split + 3);
  if (property === 'JID') return { client, kind: 'bare' };
  if (property === 'full JID') return { client, kind: 'full' };
  return undefined;
}

export function findVariables(text: string): VariableUse[] {
  return [...text.matchAll(VARIABLE)].map((match) => ({
    body: match[1] as string,
    index: match.index,
  }));
}

class SubstitutionFailure {
  constructor(
    readonly variable: string,
    readonly message: string,
  ) {}
}

function resolveVariable(body: string, scope: JidScope): string {
  const variable = `\${${body}}`;
  const ref = parseVariable(body);
  if (!ref) {
    throw new SubstitutionFailure(
      variable,
      `unknown variable ${variable}: expected ${VARIABLE_FORMS}`,
    );
  }
  if (!scope.bare.has(ref.client)) {
    throw new SubstitutionFailure(
      variable,
      `unknown variable ${variable}: no client '${ref.client}'`,
    );
  }
  const value = ref.kind === 'bare' ? scope.bare.get(ref.client) : scope.full.get(ref.client);
  if (value === undefined) {
    const message = `variable ${variable} has no value: ${ref.client} has not connected`;
    throw new SubstitutionFailure(variable, message);
  }
  return value;
}

function resolveCapture(name: string, captures: ReadonlyMap<string, string>): string {
  const value = captures.get(name);
  if (value === undefined) {
    const variable = `{scansion:capture:${name}}`;
    throw new SubstitutionFailure(variable, `${variable} is used before anything was captured`);
  }
  return value;
}

function mapText(el: Element, map: (text: string) => string): Element {
  const attrs: Record<string, string> = {};
  for (const [name, value] of Object.entries(el.attrs)) {
    if (value !== undefined && value !== null) attrs[name] = map(String(value));
  }
  const copy = new Element(el.name, attrs);
  for (const child of el.children) {
    copy.append(typeof child === 'string' ? map(child) : mapText(child, map));
  }
  return copy;
}

function substitute(el: Element, map: (text: string) => string): Substitution {
  try {
    return { ok: true, element: mapText(el, map) };
  } catch (failure) {
    if (!(failure instanceof SubstitutionFailure)) throw failure;
    return { ok: false, variable: failure.variable, message: failure.message };
  }
}

/** A copy of `el` with every `${…}` in attribute values and text replaced. */
export function substituteVariables(el: Element, scope: JidScope): Substitution {
  return substitute(el, (text) =>
    text.replace(VARIABLE, (_, body: string) => resolveVariable(body, scope)),
  );
}

/** A copy of a stanza to send with every `{scansion:capture:NAME}` replaced by its captured value. */
export function substituteCaptures(
  el: Element,
  captures: ReadonlyMap<string, string>,
): Substitution {
  return substitute(el, (text) =>
    text.replace(CAPTURE, (_, name: string) => resolveCapture(name, captures)),
  );
}
