// Which characters XML 1.0 allows in text, and what an entity or character reference stands for (XML 1.0 §2.2, §4.1) — the stanza syntax of every XEP-0045 example (§2, §16)
import { codePointName, visibleToken } from './visible.js';

/** Why the text cannot be read at some offset, and what was expected there. */
export interface CharacterProblem {
  message: string;
  expected: string;
}

const PREDEFINED_ENTITIES: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  apos: "'",
  quot: '"',
};
const REFERENCE = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|([^\s&;<]+));/y;
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 forbids
const FORBIDDEN_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** What is wrong with the character at `pos` (half of a surrogate pair counts as one), if anything. */
export function characterProblem(src: string, pos: number): CharacterProblem | undefined {
  const code = src.charCodeAt(pos);
  if (code >= 0xd800 && code <= 0xdfff) {
    const paired =
      code <= 0xdbff
        ? isLowSurrogate(src.charCodeAt(pos + 1))
        : isHighSurrogate(src.charCodeAt(pos - 1));
    if (!paired) {
      return {
        message: `unpaired surrogate ${codePointName(src.charAt(pos))}: the text is not valid Unicode`,
        expected: 'a valid XML character',
      };
    }
  }
  const char = src[pos] as string;
  if (FORBIDDEN_CHAR.test(char)) {
    return {
      message: `character ${codePointName(char)} is not allowed in XML`,
      expected: 'a valid XML character',
    };
  }
  return undefined;
}

/** The reference starting at `pos` (an `&`): the text it stands for and where it ends, or why it cannot be read. */
export function readReference(
  src: string,
  pos: number,
): { text: string; end: number } | CharacterProblem {
  REFERENCE.lastIndex = pos;
  const match = REFERENCE.exec(src);
  if (!match) {
    return {
      message: "'&' must start an entity reference",
      expected: "an entity reference such as '&amp;'",
    };
  }
  const [, hex, decimal, entity] = match;
  if (entity !== undefined) {
    const replacement = PREDEFINED_ENTITIES[entity];
    if (replacement === undefined) {
      return {
        message: `unknown entity '&${visibleToken(entity)};'`,
        expected: '&lt; &gt; &amp; &apos; &quot; or a character reference',
      };
    }
    return { text: replacement, end: REFERENCE.lastIndex };
  }
  const code = Number.parseInt(hex ?? decimal ?? '', hex === undefined ? 10 : 16);
  if (!isXmlChar(code)) {
    return {
      message: `invalid character reference '${visibleToken(match[0])}'`,
      expected: 'a valid XML character',
    };
  }
  return { text: String.fromCodePoint(code), end: REFERENCE.lastIndex };
}
