// The mucsim command tree: one file per subcommand, each loaded only when it runs — a simulator and debugger of XEP-0045 Multi-User Chat
import { Command, type OutputConfiguration } from 'commander';
import { visibleLines } from '../xmpp/visible.js';
import type { CliIo } from './io.js';
import { requestedCommand } from './requested-command.js';

export const VERSION = '0.1.0';

type SetExit = (code: number) => void;
type CommandMaker = (io: CliIo, setExit: SetExit) => Command;

export interface CommandEntry {
  name: string;
  /** What follows the name in `mucsim --help`; a test checks it against the loaded command. */
  usage: string;
  /** One line for the command list of `mucsim --help`; the command's own help says more. */
  summary: string;
  load(): Promise<CommandMaker>;
}

/**
 * Every subcommand, in the order `mucsim --help` lists them. A command's module (and what it
 * imports: the MUC core, ink and react, @xmpp/client…) is loaded only when the command runs,
 * so `mucsim --help` and `mucsim check` do not pay for the others.
 */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'run',
    usage: '[options] <paths...>',
    summary: 'run .scs scripts on the simulator or a server',
    load: async () => (await import('./commands/run.js')).makeRunCommand,
  },
  {
    name: 'check',
    usage: '[options] <paths...>',
    summary: 'check .scs scripts without running them',
    load: async () => (await import('./commands/check.js')).makeCheckCommand,
  },
  {
    name: 'explain',
    usage: '[options] [topic...]',
    summary: 'explain a status code, error, section or role',
    load: async () => (await import('./commands/explain.js')).makeExplainCommand,
  },
  {
    name: 'tui',
    usage: '[options] [script]',
    summary: 'step through a script in the terminal debugger',
    load: async () => (await import('./commands/tui.js')).makeTuiCommand,
  },
  {
    name: 'trace',
    usage: '[options] <script>',
    summary: 'export a run: JSON trace, Mermaid diagram, .scs',
    load: async () => (await import('./commands/trace.js')).makeTraceCommand,
  },
  {
    name: 'machines',
    usage: '[options]',
    summary: 'draw the room and occupant state machines',
    load: async () => (await import('./commands/machines.js')).makeMachinesCommand,
  },
  {
    name: 'diff',
    usage: '[options] <script>',
    summary: 'compare the simulator with a real server',
    load: async () => (await import('./commands/diff.js')).makeDiffCommand,
  },
  {
    name: 'fuzz',
    usage: '[options]',
    summary: 'fuzz the simulator; shrink a failure to a .scs',
    load: async () => (await import('./commands/fuzz.js')).makeFuzzCommand,
  },
  {
    name: 'serve',
    usage: '[options]',
    summary: 'let real XMPP clients into a simulated world',
    load: async () => (await import('./commands/serve.js')).makeServeCommand,
  },
];

/** A command that was not asked for: its name and summary for the list, nothing to run. */
function placeholder(entry: CommandEntry): Command {
  return new Command(entry.name)
    .usage(entry.usage)
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      throw new Error(`the ${entry.name} command was run without being loaded`);
    });
}

/** The command tree for `argv`: the requested command in full, the others by name only. */
export async function makeProgram(
  argv: readonly string[],
  io: CliIo,
  setExit: SetExit,
): Promise<Command> {
  // Commander's errors quote the arguments: shown visibly, escape sequences never reach the terminal.
  const output: OutputConfiguration = {
    writeOut: io.out,
    writeErr: io.err,
    outputError: (message, write) => write(visibleLines(message)),
  };
  const program = new Command('mucsim')
    .description('Simulate and debug XMPP Multi-User Chat (XEP-0045) with scansion scripts')
    .version(VERSION)
    .showHelpAfterError('(run mucsim --help for usage)')
    .configureHelp({ subcommandTerm: (command) => `${command.name()} ${command.usage()}` })
    .exitOverride()
    .configureOutput(output);
  const requested = requestedCommand(argv.slice(2));
  for (const entry of COMMANDS) {
    const command =
      entry.name === requested ? (await entry.load())(io, setExit) : placeholder(entry);
    program.addCommand(command.summary(entry.summary).exitOverride().configureOutput(output));
  }
  return program;
}
