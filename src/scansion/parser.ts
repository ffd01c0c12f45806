// scansion .scs parser — scripts that drive XEP-0045 scenarios (§7–§10)
import type { Element } from 'ltx';
import { visibleToken } from '../xmpp/visible.js';
import { parseBlock } from './block.js';
import { assignKey, CLIENT_KEYS, type ClientKey, isClientKey } from './client-keys.js';
import {
  type Action,
  type ActionKind,
  type ClientDefinition,
  emptyScript,
  type Script,
} from './script.js';
import {
  CLIENT_NAME_RULE,
  ConnectionOrder,
  clientNameProblem,
  controlCharacter,
  sentStanzaProblem,
  unknownVariable,
} from './script-checks.js';
import { ScriptSyntaxError } from './syntax-error.js';

const VERBS: readonly ActionKind[] = ['connects', 'disconnects', 'sends', 'receives'];

interface Block {
  text: string;
  line: number;
  column: number;
  /** Index of the first line after the block. */
  end: number;
}

function isBlank(line: string): boolean {
  return line.trim() === '';
}

function isIndented(line: string): boolean {
  return (line.startsWith('\t') || line.startsWith(' ')) && !isBlank(line);
}

function isSeparator(line: string): boolean {
  return /^-{3,}\s*$/.test(line);
}

function isComment(line: string): boolean {
  return line.startsWith('#') || line.startsWith('//') || line.startsWith('--');
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** Parses a .scs script; throws a ScriptSyntaxError at the first error. */
export function parseScript(text: string, file: string): Script {
  return new ScriptParser(text, file).parse();
}

class ScriptParser {
  private readonly lines: string[];
  private readonly script: Script;
  private readonly clients = new Map<string, ClientDefinition>();
  private readonly order = new ConnectionOrder();
  private definition: { client: ClientDefinition; keys: Set<ClientKey> } | undefined;
  private inActions = false;
  private sawSeparator = false;
  private narration: string[] = [];

  constructor(
    text: string,
    private readonly file: string,
  ) {
    this.lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
    this.script = emptyScript(file);
  }

  parse(): Script {
    let index = this.metadata();
    while (index < this.lines.length) index = this.line(index);
    this.closeDefinition();
    if (this.script.actions.length === 0) {
      const last = this.lines.findLastIndex((line) => !isBlank(line));
      this.fail(last + 2, 1, 'the script has no steps', "an action such as 'Romeo connects'");
    }
    this.script.epilogue = this.narration;
    return this.script;
  }

  /** Lines outside the XML blocks hold no control characters (the XML reader judges blocks). */
  private checkCharacters(index: number): void {
    const problem = controlCharacter(this.lines[index] as string);
    if (problem) this.fail(index + 1, problem.offset + 1, problem.message, problem.expected);
  }

  private fail(line: number, column: number, message: string, expected: string): never {
    throw new ScriptSyntaxError(this.file, line, column, message, expected);
  }

  private warn(line: number, column: number, message: string): void {
    this.script.warnings.push({ line, column, message });
  }

  /** `# title`, `# description` and `## tag` lines at the top; returns the index of the next line. */
  private metadata(): number {
    let index = 0;
    while (index < this.lines.length && isBlank(this.lines[index] as string)) index += 1;
    for (; index < this.lines.length; index += 1) {
      const line = this.lines[index] as string;
      if (!line.startsWith('#')) break;
      this.checkCharacters(index);
      if (line.startsWith('##')) this.script.tags.push(line.slice(2).trim());
      else if (this.script.title === undefined) this.script.title = line.slice(1).trim();
      else if (this.script.description === undefined)
        this.script.description = line.slice(1).trim();
      else this.comment(index);
    }
    return index;
  }

  private line(index: number): number {
    const line = this.lines[index] as string;
    if (isBlank(line)) return index + 1;
    if (isIndented(line)) return this.indented(index);
    this.checkCharacters(index);
    this.closeDefinition();
    if (isSeparator(line)) return this.separator(index);
    if (isComment(line)) return this.comment(index);
    if (line.startsWith('[')) return this.header(index);
    return this.action(index);
  }

  private comment(index: number): number {
    const text = (this.lines[index] as string).trimEnd();
    this.script.comments.push({ line: index + 1, text });
    if (text.startsWith('#')) this.narration.push(text.replace(/^#+\s?/, ''));
    return index + 1;
  }

  private separator(index: number): number {
    if (this.sawSeparator || this.inActions) {
      this.fail(
        index + 1,
        1,
        'unexpected separator: the actions have already started',
        'an action or a comment',
      );
    }
    this.sawSeparator = true;
    this.narration = [];
    return index + 1;
  }

  private header(index: number): number {
    const line = (this.lines[index] as string).trimEnd();
    const lineNo = index + 1;
    if (this.inActions || this.sawSeparator) {
      this.fail(
        lineNo,
        1,
        'client definitions must come before the separator and the actions',
        'an action or a comment',
      );
    }
    const close = line.indexOf(']');
    if (close === -1) this.fail(lineNo, line.length + 1, 'unterminated client class', "']'");
    const kind = line.slice(1, close);
    if (kind !== 'Client')
      this.fail(lineNo, 2, `unknown class '${visibleToken(kind)}'`, "'Client'");
    const name = line.slice(close + 1).trim();
    const nameColumn = line.length - line.slice(close + 1).trimStart().length + 1;
    if (name === '')
      this.fail(lineNo, close + 2, 'missing client name', 'a client name after [Client]');
    const badName = clientNameProblem(name);
    if (badName) this.fail(lineNo, nameColumn, badName, CLIENT_NAME_RULE);
    const previous = this.clients.get(name);
    if (previous) {
      this.fail(
        lineNo,
        nameColumn,
        `client '${visibleToken(name)}' is already defined at line ${previous.line}`,
        'a new client name',
      );
    }
    const client: ClientDefinition = { name, jid: '', line: lineNo };
    this.clients.set(name, client);
    this.script.clients.push(client);
    this.definition = { client, keys: new Set() };
    this.narration = [];
    return index + 1;
  }

  private closeDefinition(): void {
    if (this.definition && !this.definition.keys.has('jid')) {
      const { client } = this.definition;
      this.fail(client.line, 1, `client '${client.name}' has no jid`, "an indented 'jid: …' line");
    }
    this.definition = undefined;
  }

  private indented(index: number): number {
    if (this.definition) return this.key(index);
    const block = this.block(index);
    if (!this.inActions && !this.sawSeparator) {
      this.fail(
        block.line,
        block.column,
        'indented line outside a client definition',
        "'[Client] Name' or an action",
      );
    }
    this.warn(block.line, block.column, 'indented block without an action line: ignored');
    return block.end;
  }

  private key(index: number): number {
    this.checkCharacters(index);
    const line = (this.lines[index] as string).trimEnd();
    const lineNo = index + 1;
    const column = indentOf(line) + 1;
    const match = /^([^:\s]+)\s*(:?)\s*(.*)$/.exec(line.trimStart());
    const [, key = '', colon, rawValue = ''] = match ?? [];
    if (!isClientKey(key)) {
      this.fail(
        lineNo,
        column,
        `unknown client key '${visibleToken(key)}'`,
        CLIENT_KEYS.join(', '),
      );
    }
    if (!colon) this.fail(lineNo, column + key.length, `missing ':' after '${key}'`, "':'");
    const value = rawValue.trim();
    const valueColumn = line.length - rawValue.length + 1;
    if (value === '') this.fail(lineNo, valueColumn, `missing value for '${key}'`, 'a value');
    const definition = this.definition as NonNullable<typeof this.definition>;
    if (definition.keys.has(key)) {
      this.fail(lineNo, column, `duplicate key '${key}'`, 'each key at most once');
    }
    definition.keys.add(key);
    const problem = assignKey(definition.client, key, value);
    if (problem) this.fail(lineNo, valueColumn, problem.message, problem.expected);
    return index + 1;
  }

  /** Consecutive indented, non-blank lines from `index`. */
  private block(index: number): Block {
    let end = index;
    while (end < this.lines.length && isIndented(this.lines[end] as string)) end += 1;
    const first = this.lines[index] as string;
    return {
      text: this.lines.slice(index, end).join('\n'),
      line: index + 1,
      column: indentOf(first) + 1,
      end,
    };
  }

  private action(index: number): number {
    const line = (this.lines[index] as string).trimEnd();
    const lineNo = index + 1;
    this.inActions = true;
    const words = [...line.matchAll(/\S+/g)];
    if (words.length < 2) {
      this.fail(
        lineNo,
        line.length + 1,
        `'${visibleToken(line)}' is not an action`,
        `a verb after the client name (${VERBS.join(', ')})`,
      );
    }
    const last = words.at(-1) as RegExpMatchArray;
    const nothing = words.length >= 3 && last[0] === 'nothing';
    const verbWord = (nothing ? words.at(-2) : last) as RegExpMatchArray;
    const verb = verbWord[0].replace(/:$/, '');
    if (!(VERBS as readonly string[]).includes(verb)) {
      this.fail(
        lineNo,
        (verbWord.index ?? 0) + 1,
        `unknown verb '${visibleToken(verb)}'`,
        VERBS.join(', '),
      );
    }
    const kind = verb as ActionKind;
    const client = line.slice(0, verbWord.index).trim();
    if (!this.clients.has(client)) {
      const known = [...this.clients.keys()].join(', ') || 'none defined';
      this.fail(
        lineNo,
        1,
        `unknown client '${visibleToken(client)}'`,
        `a defined client (${known})`,
      );
    }
    if (nothing && kind !== 'receives') {
      this.fail(
        lineNo,
        (last.index ?? 0) + 1,
        `'nothing' can only follow 'receives'`,
        'end of line',
      );
    }
    const action: Action = { kind, client, line: lineNo, column: 1, narration: this.narration };
    if (nothing) action.nothing = true;
    this.narration = [];
    this.script.actions.push(action);
    const next = this.actionBlock(action, index + 1, line.length + 1);
    this.track(action);
    return next;
  }

  /** After the block, so that a block's own error is reported first. */
  private track(action: Action): void {
    const { client, kind, line } = action;
    if (kind === 'sends' && this.order.isDisconnected(client)) {
      this.warn(line, 1, `${client} sends after disconnecting: the step is skipped`);
    }
    const problem = this.order.follow(client, kind, line);
    if (problem) {
      this.fail(line, 1, problem, `'${client} connects' and 'disconnects' in turn, sends between`);
    }
  }

  private actionBlock(action: Action, next: number, endColumn: number): number {
    const hasBlock = next < this.lines.length && isIndented(this.lines[next] as string);
    const label = `${action.client} ${action.kind}`;
    if (!hasBlock) {
      if (action.kind === 'sends') {
        this.fail(
          action.line,
          endColumn,
          `'${label}' has no XML block`,
          'an indented XML stanza on the next line',
        );
      }
      if (action.kind === 'receives' && !action.nothing) {
        this.fail(
          action.line,
          endColumn,
          `'${label}' has no XML block`,
          "an indented XML stanza on the next line or 'nothing'",
        );
      }
      return next;
    }
    const block = this.block(next);
    if (action.nothing) {
      this.fail(
        block.line,
        block.column,
        "'receives: nothing' takes no XML block",
        'a blank line or the next action',
      );
    }
    if (action.kind === 'connects' || action.kind === 'disconnects') {
      this.warn(
        block.line,
        block.column,
        `indented block after '${label}' ignored: ${action.kind} takes no stanza`,
      );
      return block.end;
    }
    const stanza = this.checkXml(block);
    if (action.kind === 'sends') {
      const problem = sentStanzaProblem(stanza);
      if (problem) this.fail(block.line, block.column, problem, 'a <message>, <presence> or <iq>');
    }
    this.checkVariables(block, stanza);
    action.xml = block.text;
    action.xmlLine = block.line;
    return block.end;
  }

  private checkXml(block: Block): Element {
    const result = parseBlock(block.text);
    if (!result.ok) {
      const { line, column, message, expected } = result.error;
      this.fail(block.line + line - 1, column, `invalid XML: ${message}`, expected);
    }
    return result.element;
  }

  /** The variables the runner will substitute: in the values, once entities are decoded. */
  private checkVariables(block: Block, stanza: Element): void {
    const problem = unknownVariable(block.text, stanza, (name) => this.clients.has(name));
    if (!problem) return;
    const before = block.text.slice(0, problem.offset ?? 0);
    const line = block.line + before.split('\n').length - 1;
    const column =
      problem.offset === undefined ? block.column : problem.offset - before.lastIndexOf('\n');
    this.fail(line, column, problem.message, problem.expected);
  }
}
