// The mucsim command tree: one file per subcommand — a simulator and debugger of XEP-0045 Multi-User Chat
import { Command } from 'commander';
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
  const program = new Command('mucsim')
    .description('Simulate and debug XMPP Multi-User Chat (XEP-0045) with scansion scripts')
    .version(VERSION)
    .showHelpAfterError('(run mucsim --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
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
    program.addCommand(
      command.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err }),
    );
  }
  return program;
}
