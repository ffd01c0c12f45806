// Entry point: runs the command tree and turns every failure into a message and an exit code (0 ok, 1 failed, 2 usage) — mucsim for XEP-0045
import { CommanderError } from 'commander';
import { visibleText } from '../xmpp/visible.js';
import { type CliIo, EXIT, InputError, OutputClosed, OutputError, processIo } from './io.js';
import { makeProgram } from './program.js';

export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exitCode: number = EXIT.ok;
  try {
    const program = await makeProgram(argv, io, (code) => {
      exitCode = code;
    });
    await program.parseAsync([...argv]);
    await io.flush?.();
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // `mucsim` alone shows the help as an error (exit code 1 from commander): a usage error.
      const informational =
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help';
      return informational && error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof OutputClosed) return EXIT.ok;
    if (error instanceof InputError || error instanceof OutputError) {
      io.err(`mucsim: ${visibleText(error.message)}\n`);
      return EXIT.usage;
    }
    const failure = error instanceof Error ? error : new Error(String(error));
    io.err(
      `mucsim: internal error: ${visibleText(failure.message)}\n(this is a bug in mucsim; please report it with the command you ran)\n`,
    );
    if (io.env.MUCSIM_DEBUG) io.err(`${failure.stack}\n`);
    return EXIT.usage;
  }
}
