// The help overlay's lines, generated from the one key table — the debugger's controls for XEP-0045 scenarios (§7–§10)
import { COMMANDS, TYPED_COMMAND_HELP } from './command-line.js';
import { CONTEXT_TITLES, KEY_BINDINGS, type KeyContext, keyLabel } from './keys.js';

export interface HelpLine {
  text: string;
  heading: boolean;
}

/** Every binding of the key table, grouped by context, then every `:` command of the command table. */
export function helpLines(): HelpLine[] {
  const lines: HelpLine[] = [];
  const contexts = [...new Set(KEY_BINDINGS.map((binding) => binding.context))] as KeyContext[];
  for (const context of contexts) {
    lines.push({ text: CONTEXT_TITLES[context], heading: true });
    for (const binding of KEY_BINDINGS.filter((b) => b.context === context)) {
      const keys = binding.keys.map(keyLabel).join(' / ');
      lines.push({ text: `  ${keys.padEnd(14)} ${binding.description}`, heading: false });
    }
  }
  lines.push({ text: 'Commands (:), from the command table', heading: true });
  for (const spec of [...COMMANDS, TYPED_COMMAND_HELP]) {
    lines.push({ text: `  ${spec.usage}`, heading: false });
    lines.push({ text: `      ${spec.description}`, heading: false });
  }
  return lines;
}
