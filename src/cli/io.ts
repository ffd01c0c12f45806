// Where commands write, so tests can capture it, and what happens when the output goes away — the CLI around XEP-0045 scenarios
import { fsReason } from './fs-errors.js';

export interface CliIo {
  /** Never throws: a failed write is remembered and reported by `flush`. */
  out(text: string): void;
  /** Never throws (an error message has nowhere else to go). */
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
  cwd: string;
  /**
   * Waits until what was written to standard output has gone out; then throws OutputClosed
   * if the reader went away, OutputError if writing failed. Long commands call it between
   * pieces of work so that they stop early.
   */
  flush?(): Promise<void>;
}

/** An error the user caused (bad argument, missing file): exit code 2, no stack trace. */
export class InputError extends Error {}

/** Writing failed (a full disk, an unwritable file): exit code 2, never a failed test. */
export class OutputError extends Error {}

/** The reader of standard output closed it (`mucsim run … | head -1`): stop, quietly. */
export class OutputClosed extends Error {}

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A write error as the user should read it. */
export function outputFailure(error: unknown, what: string): OutputClosed | OutputError {
  if ((error as NodeJS.ErrnoException).code === 'EPIPE') return new OutputClosed(what);
  return new OutputError(`cannot write to ${what}: ${fsReason(error)}`);
}

/** A stream whose write errors are kept instead of crashing the process. */
function guarded(stream: NodeJS.WriteStream, what: string) {
  let failure: OutputClosed | OutputError | undefined;
  const keep = (error: Error | null | undefined) => {
    if (error) failure ??= outputFailure(error, what);
  };
  stream.on('error', keep);
  return {
    write(text: string): void {
      if (failure) return;
      try {
        stream.write(text, keep);
      } catch (error) {
        keep(error as Error);
      }
    },
    async flush(): Promise<void> {
      if (!failure) await new Promise<void>((resolve) => stream.write('', () => resolve()));
      if (failure) throw failure;
    },
  };
}

export function processIo(): CliIo {
  const stdout = guarded(process.stdout, 'standard output');
  const stderr = guarded(process.stderr, 'standard error');
  return {
    out: stdout.write,
    err: stderr.write,
    env: process.env,
    isTTY: process.stdout.isTTY === true,
    cwd: process.cwd(),
    flush: stdout.flush,
  };
}
