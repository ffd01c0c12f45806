// The mucsim command tree: one file per subcommand — a simulator and debugger of XEP-0045 Multi-User Chat
import { Command, type OutputConfiguration } from 'commander';
import { visibleLines } from '../xmpp/visible.js';
import { makeCheckCommand } from './commands/check.js';
import { makeDiffCommand } from './commands/diff.js';
import { makeExplainCommand } from './commands/explain.js';
import { makeFuzzCommand } from './commands/fuzz.js';
import { makeMachinesCommand } from './commands/machines.js';
import { makeRunCommand } from './commands/run.js';
import { makeServeCommand } from './commands/serve.js';
import { makeTraceCommand } from './commands/trace.js';
import { makeTuiCommand } from './commands/tui.js';
import type { CliIo } from './io.js';

export const VERSION = '0.1.0';

export function makeProgram(io: CliIo, setExit: (code: number) => void): Command {
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
    .exitOverride()
    .configureOutput(output);
  for (const command of [
    makeRunCommand(io, setExit),
    makeCheckCommand(io, setExit),
    makeExplainCommand(io, setExit),
    makeTuiCommand(io, setExit),
    makeTraceCommand(io, setExit),
    makeMachinesCommand(io, setExit),
    makeDiffCommand(io, setExit),
    makeFuzzCommand(io, setExit),
    makeServeCommand(io, setExit),
  ]) {
    program.addCommand(command.exitOverride().configureOutput(output));
  }
  return program;
}
