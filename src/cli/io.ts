// Where commands write, so tests can capture it — the CLI around XEP-0045 scenarios
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
  cwd: string;
}

export function processIo(): CliIo {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    env: process.env,
    isTTY: process.stdout.isTTY === true,
    cwd: process.cwd(),
  };
}

/** An error the user caused (bad argument, missing file): exit code 2, no stack trace. */
export class InputError extends Error {}

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
