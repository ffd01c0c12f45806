// The help overlay's content, generated from the one key table and the command table, with the legend of the marks; sections are never split across the two columns — the debugger's controls for XEP-0045 scenarios (§7–§10)
import { COMMANDS, TYPED_COMMAND_HELP } from './command-line.js';
import { CONTEXT_TITLES, KEY_BINDINGS, type KeyContext, keyLabel } from './keys.js';
import { MARK_LEGEND } from './marks.js';
import { wrapLine } from './wrap.js';

export interface HelpLine {
  text: string;
  heading: boolean;
}

export interface HelpSection {
  title: string;
  /** Unwrapped lines; the overlay wraps them to its column. */
  lines: string[];
  /** Where continuation rows start: under the description, after the keys or the mark. */
  hang: number;
}

/** Every binding of the key table by context, the legend of the marks, then every `:` command. */
export function helpSections(): HelpSection[] {
  const sections: HelpSection[] = [];
  const contexts = [...new Set(KEY_BINDINGS.map((binding) => binding.context))] as KeyContext[];
  for (const context of contexts) {
    const lines = KEY_BINDINGS.filter((binding) => binding.context === context).map((binding) => {
      const keys = binding.keys.map(keyLabel).join(' / ');
      return `  ${keys.padEnd(14)} ${binding.description}`;
    });
    sections.push({ title: CONTEXT_TITLES[context], lines, hang: 19 });
  }
  sections.push({
    title: 'Marks beside the stanzas',
    lines: MARK_LEGEND.map(({ mark, meaning }) => `  ${mark}  ${meaning}`),
    hang: 5,
  });
  sections.push({
    title: 'Commands (:), from the command table',
    lines: [...COMMANDS, TYPED_COMMAND_HELP].flatMap((spec) => [
      `  ${spec.usage}`,
      `      ${spec.description}`,
    ]),
    hang: 6,
  });
  return sections;
}

/** A section's lines wrapped to `width`, its title first; a blank line closes it. */
function sectionRows(section: HelpSection, width: number): HelpLine[] {
  return [
    { text: section.title, heading: true },
    ...section.lines.flatMap((line) =>
      wrapLine(line, width, section.hang).map((text) => ({ text, heading: false })),
    ),
    { text: '', heading: false },
  ];
}

/**
 * The overlay's columns at this inner width: two from 120 columns, each section whole in one
 * column, the first column filled until it holds about half the rows.
 */
export function helpColumns(width: number): HelpLine[][] {
  const two = width >= 120;
  const columnWidth = two ? Math.floor((width - 2) / 2) - 1 : width - 2;
  const blocks = helpSections().map((section) => sectionRows(section, columnWidth));
  if (!two) return [blocks.flat()];
  const total = blocks.reduce((sum, block) => sum + block.length, 0);
  const left: HelpLine[] = [];
  const right: HelpLine[] = [];
  for (const block of blocks) {
    const target = right.length === 0 && left.length + block.length / 2 <= total / 2 ? left : right;
    target.push(...block);
  }
  return [left, right];
}

/** How far the overlay scrolls: the taller column's rows. */
export function helpRowCount(width: number): number {
  return Math.max(...helpColumns(width).map((column) => column.length));
}
