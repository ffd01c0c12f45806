// Entry point: runs the command tree and turns every failure into a message and an exit code (0 ok, 1 failed, 2 usage) — mucsim for XEP-0045
import { CommanderError } from 'commander';
import { type CliIo, EXIT, InputError, processIo } from './io.js';
import { makeProgram } from './program.js';

export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = makeProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      const informational =
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help';
      return informational ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof InputError) {
      io.err(`mucsim: ${error.message}\n`);
      return EXIT.usage;
    }
    const failure = error instanceof Error ? error : new Error(String(error));
    io.err(
      `mucsim: internal error: ${failure.message}\n(this is a bug in mucsim; please report it with the command you ran)\n`,
    );
    if (io.env.MUCSIM_DEBUG) io.err(`${failure.stack}\n`);
    return EXIT.usage;
  }
}
