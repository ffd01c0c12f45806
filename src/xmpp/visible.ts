// Text from outside (scripts, stanzas, file names, arguments) made safe to echo on a terminal: invisible characters escaped, long tokens cut — messages about XEP-0045 scripts and stanzas

/**
 * Characters a terminal acts on or hides instead of showing: C0 and C1 controls (ESC starts
 * escape sequences, CSI is U+009B), DEL, the bidirectional overrides and isolates that reorder
 * what is shown (U+202A–U+202E, U+2066–U+2069), the line and paragraph separators, the
 * zero-width no-break space, and unpaired surrogates.
 */
const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters to escape
  /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** The same, with tab and newline allowed: for multi-line text such as a pretty-printed stanza. */
const INVISIBLE_IN_TEXT =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters to escape
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const NAMED: Readonly<Record<string, string>> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** The longest token echoed in a message, in UTF-16 code units. */
export const TOKEN_LIMIT = 80;

function escapeCharacter(char: string): string {
  const named = NAMED[char];
  if (named) return named;
  const code = char.charCodeAt(0);
  return code < 0x100
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * One token or line from input, as an error message may quote it: every invisible character
 * written as an escape (`\x1b`, `\u202e`, `\n`), and at most `limit` characters followed by how
 * long the whole was.
 */
export function visibleToken(text: string, limit = TOKEN_LIMIT): string {
  if (text.length <= limit) return text.replace(INVISIBLE, escapeCharacter);
  // Never cut a surrogate pair in two.
  const end = /[\ud800-\udbff]/.test(text.charAt(limit - 1)) ? limit - 1 : limit;
  const shown = text.slice(0, end).replace(INVISIBLE, escapeCharacter);
  return `${shown}… (${text.length.toLocaleString('en')} characters)`;
}

/** Multi-line text (a stanza, a report): tabs and newlines kept, every other invisible character escaped. */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE_IN_TEXT, escapeCharacter);
}

/** `U+001B`: how a message names one character. */
export function codePointName(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A message written by a library that quotes its input: each line visible and cut to `limit`. */
export function visibleLines(text: string, limit = 4 * TOKEN_LIMIT): string {
  return text
    .split('\n')
    .map((line) => (line.length > limit ? visibleToken(line, limit) : visibleText(line)))
    .join('\n');
}
