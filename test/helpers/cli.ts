// Test helper: run the mucsim CLI in-process with captured output (the command line around XEP-0045 scenarios)
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { REPO_ROOT } from './suite.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(
  args: string[],
  env: NodeJS.ProcessEnv = { NO_COLOR: '1' },
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'mucsim', ...args], {
    out: (text) => {
      stdout += text;
    },
    err: (text) => {
      stderr += text;
    },
    env,
    isTTY: false,
    cwd: REPO_ROOT,
  });
  return { code, stdout, stderr };
}

/** Writes files into a fresh temporary directory and returns its path. */
export function tempFiles(files: Record<string, string>): string {
  const directory = mkdtempSync(join(tmpdir(), 'mucsim-test-'));
  for (const [name, content] of Object.entries(files))
    writeFileSync(join(directory, name), content);
  return directory;
}
