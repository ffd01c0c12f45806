// Which subcommand a command line asks for, found before anything is loaded — the mucsim command line around XEP-0045 scenarios

/**
 * The subcommand that `args` (without node and the script) asks for, found as commander finds
 * it: the first operand, or the one after `help`. The root's own options take no value, so the
 * operands are the arguments that do not start with `-`.
 */
export function requestedCommand(args: readonly string[]): string | undefined {
  const [first, second] = args.filter((arg) => !arg.startsWith('-'));
  return first === 'help' ? second : first;
}
