// What a .scs script may hold beyond its grammar, so that `check` refuses what `run` would: names the format can write back, valid JIDs, stanzas to send, a client's connection order — scripts of XEP-0045 scenarios (§7–§10)
import type { Element } from 'ltx';
import { prepJid } from '../xmpp/jid.js';
import { resourceprep } from '../xmpp/stringprep.js';
import { codePointName, visibleToken } from '../xmpp/visible.js';
import type { ActionKind } from './script.js';
import { findVariables, parseVariable, VARIABLE_FORMS } from './variables.js';

/** C0 controls but tab, DEL and C1 controls: nothing a script needs, and ESC drives terminals. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters refused
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/;

export interface Problem {
  /** 0-based offset in the text that was checked. */
  offset: number;
  message: string;
  expected: string;
}

/** The first control character of a line outside the XML blocks (where the XML reader judges). */
export function controlCharacter(line: string): Problem | undefined {
  const match = CONTROL.exec(line);
  if (!match) return undefined;
  return {
    offset: match.index,
    message: `control character ${codePointName(match[0])} is not allowed in a script`,
    expected: 'printable text',
  };
}

/**
 * A client name the format can hold: an action line starts with it, so it cannot start like a
 * comment (`#`, `//`, `--`) or a definition (`[`), and `${Name's JID}` ends at `}`.
 */
export function clientNameProblem(name: string): string | undefined {
  const shown = `'${visibleToken(name)}'`;
  if (name !== name.trim()) return `client name ${shown} starts or ends with a space`;
  const starts = /^(#|\/\/|--)/.test(name)
    ? 'a comment'
    : name.startsWith('[')
      ? 'a definition'
      : undefined;
  if (starts) return `client name ${shown} would start ${starts} on its action lines`;
  if (name.includes('}')) return `client name ${shown} contains '}', which ends a \${…} variable`;
  const control = controlCharacter(name);
  if (control) return `client name ${shown} contains the ${control.message.split(' is ')[0]}`;
  return undefined;
}

/** The rule behind clientNameProblem, for "expected" in messages. */
export const CLIENT_NAME_RULE =
  "a name that does not start with '#', '//', '--' or '[' and has no '}' or control character";

/** A `jid:` value: a JID that prepares (RFC 6122), as `connects` will need it. */
export function jidProblem(value: string): string | undefined {
  if (/\s/.test(value) || !/^([^@/]+@)?[^@/]+(\/.+)?$/.test(value) || !prepJid(value)) {
    return `invalid jid '${visibleToken(value)}'`;
  }
  return undefined;
}

/** A `resource:` value that resourceprep accepts. */
export function resourceProblem(value: string): string | undefined {
  return resourceprep(value) ? undefined : `invalid resource '${visibleToken(value)}'`;
}

const STANZAS = ['message', 'presence', 'iq'];

/** A `sends` block is one stanza of the client namespace (RFC 6120 §8): message, presence or iq. */
export function sentStanzaProblem(element: Element): string | undefined {
  const xmlns = element.attrs.xmlns;
  if (STANZAS.includes(element.name) && (xmlns === undefined || xmlns === 'jabber:client')) {
    return undefined;
  }
  const ns = xmlns === undefined ? '' : ` xmlns='${visibleToken(String(xmlns))}'`;
  return `<${visibleToken(element.name)}${ns}> is not a stanza a client can send`;
}

/** Every `${…}` in the block's values as the runner sees them: after entities are decoded. */
export function variablesIn(element: Element): string[] {
  const bodies: string[] = [];
  const pending: Element[] = [element];
  for (let next = pending.pop(); next; next = pending.pop()) {
    for (const value of Object.values(next.attrs)) {
      if (value !== undefined && value !== null) bodies.push(...bodiesOf(String(value)));
    }
    for (const child of next.children) {
      if (typeof child === 'string') bodies.push(...bodiesOf(child));
      else pending.push(child);
    }
  }
  return bodies;
}

function bodiesOf(text: string): string[] {
  return text.includes('${') ? findVariables(text).map((use) => use.body) : [];
}

/**
 * The first variable of a block that names no client, checked where the runner substitutes:
 * in the values once entities are decoded. `offset` is where it is written in the raw block,
 * undefined when character references hide it.
 */
export function unknownVariable(
  raw: string,
  stanza: Element,
  isClient: (name: string) => boolean,
): (Omit<Problem, 'offset'> & { offset: number | undefined }) | undefined {
  for (const body of variablesIn(stanza)) {
    const ref = parseVariable(body);
    if (ref && isClient(ref.client)) continue;
    const written = findVariables(raw).find((use) => use.body === body);
    const reason = ref ? `no client '${visibleToken(ref.client)}'` : 'not a JID variable';
    const hidden = written ? '' : ' (written with character references)';
    return {
      offset: written?.index,
      message: `unknown variable \${${visibleToken(body)}}${hidden}: ${reason}`,
      expected: `${VARIABLE_FORMS} of a defined client`,
    };
  }
  return undefined;
}

/**
 * A client's connection through the actions: `connects` while connected, `disconnects` while
 * not, or `sends` before the first `connects` fail on every target.
 */
export class ConnectionOrder {
  /** Client → the line of its last `connects` or `disconnects`. */
  private readonly connectedAt = new Map<string, number>();
  private readonly disconnectedAt = new Map<string, number>();

  /** The problem with this action, or undefined; the action is then recorded. */
  follow(client: string, kind: ActionKind, line: number): string | undefined {
    const connected = this.connectedAt.get(client);
    const disconnected = this.disconnectedAt.get(client);
    const never = connected === undefined && disconnected === undefined;
    switch (kind) {
      case 'connects':
        if (connected !== undefined)
          return `${client} connects again: connected since line ${connected}`;
        this.disconnectedAt.delete(client);
        this.connectedAt.set(client, line);
        return undefined;
      case 'disconnects':
        if (never) return `${client} disconnects before it connects`;
        if (disconnected !== undefined) {
          return `${client} disconnects again: disconnected since line ${disconnected}`;
        }
        this.connectedAt.delete(client);
        this.disconnectedAt.set(client, line);
        return undefined;
      case 'sends':
        return never ? `${client} sends before it connects` : undefined;
      case 'receives':
        return undefined;
    }
  }

  /** Disconnected after connecting (a later `sends` is skipped, as Prosody's recorder leaves it). */
  isDisconnected(client: string): boolean {
    return this.disconnectedAt.has(client);
  }
}
