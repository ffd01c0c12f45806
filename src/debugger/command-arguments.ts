// The words of a typed debugger command: tokens with their positions, quotes, and the arguments a verb reads — XEP-0045 §7–§10 as typed by virtual users
import { visibleToken } from '../xmpp/visible.js';

export interface Token {
  text: string;
  /** 0-based offset of the token's first character. */
  start: number;
  /** 0-based offset just after the token (its closing quote included). */
  end: number;
  /** Offset of a quote that is never closed: an error only where the token is read as a word. */
  openQuote?: number;
}

export class CommandError {
  constructor(
    readonly message: string,
    /** 0-based offset. */
    readonly offset: number,
  ) {}
}

/**
 * Splits on whitespace; `"…"` inside a token keeps spaces (`kick room "Juliet's phone"`). A
 * quote left open is kept on its token: text read to the end of the line may hold one.
 */
export function tokenize(line: string, from: number): Token[] {
  const tokens: Token[] = [];
  let index = from;
  while (index < line.length) {
    if (/\s/.test(line[index] as string)) {
      index += 1;
      continue;
    }
    const start = index;
    let text = '';
    let openQuote: number | undefined;
    while (index < line.length && !/\s/.test(line[index] as string)) {
      const close = line[index] === '"' ? line.indexOf('"', index + 1) : -1;
      if (line[index] === '"' && close !== -1) {
        text += line.slice(index + 1, close);
        index = close + 1;
      } else {
        if (line[index] === '"') openQuote ??= index;
        text += line[index];
        index += 1;
      }
    }
    tokens.push({ text, start, end: index, ...(openQuote === undefined ? {} : { openQuote }) });
  }
  return tokens;
}

/** A token read as one word: an unclosed quote in it is an error. */
export function word(token: Token): Token {
  if (token.openQuote !== undefined) throw new CommandError('unterminated quote', token.openQuote);
  return token;
}

/**
 * What a recording could not hold: scansion reads `${…}` as a variable and `{scansion:…}` as a
 * pattern in any block, so typed text must not carry them (a name rule comes with `connect`).
 */
export function scansionSyntax(line: string): CommandError | undefined {
  const at = line.search(/\$\{|\{scansion:/);
  if (at === -1) return undefined;
  const what = line.startsWith('${', at) ? "'${'" : "'{scansion:'";
  return new CommandError(
    `${what} cannot be typed: a recording would read it as scansion syntax, not as text`,
    at,
  );
}

/** Reads a command's arguments, remembering where the line ends for "missing" errors. */
export class Arguments {
  private next = 0;

  constructor(
    private readonly line: string,
    private readonly tokens: Token[],
    private readonly verb: string,
    /** How the verb is used, e.g. `kick <room> <Nick> [reason…]`. */
    private readonly usageLine: string,
  ) {}

  private usage(): string {
    return `usage: ${this.usageLine}`;
  }

  fail(message: string, token?: Token): never {
    const offset = token ? token.start : this.line.trimEnd().length;
    throw new CommandError(`${this.verb}: ${message}`, offset);
  }

  required(name: string): Token {
    const token = this.tokens[this.next];
    if (!token) this.fail(`missing ${name} (${this.usage()})`);
    this.next += 1;
    return word(token);
  }

  optional(): Token | undefined {
    const token = this.tokens[this.next];
    if (token) this.next += 1;
    return token && word(token);
  }

  /** Everything from the next token to the end of the line, as typed. */
  rest(): string | undefined {
    const token = this.tokens[this.next];
    if (!token) return undefined;
    this.next = this.tokens.length;
    const raw = this.line.slice(token.start).trim();
    const quoted = /^"([^"]*)"$/.exec(raw);
    return quoted ? (quoted[1] as string) : raw;
  }

  requiredRest(name: string): string {
    const text = this.rest();
    if (text === undefined || text === '') this.fail(`missing ${name} (${this.usage()})`);
    return text;
  }

  remaining(): Token[] {
    const tokens = this.tokens.slice(this.next);
    this.next = this.tokens.length;
    return tokens.map(word);
  }

  end(): void {
    const token = this.tokens[this.next];
    if (token) this.fail(`unexpected '${visibleToken(token.text)}' (${this.usage()})`, token);
  }
}
