// Finding and reading .scs scripts named on the command line — scenarios of XEP-0045 use cases
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { InputError } from './io.js';

/** Expands files and directories (recursively, sorted) into the .scs files they hold. */
export async function collectScripts(paths: readonly string[], cwd: string): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) throw new InputError(`${path}: no such file or directory`);
    if (info.isDirectory()) files.push(...(await scriptsIn(absolute)));
    else files.push(absolute);
  }
  if (files.length === 0) throw new InputError(`no .scs scripts found in ${paths.join(', ')}`);
  return files;
}

async function scriptsIn(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const found: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) found.push(...(await scriptsIn(path)));
    else if (entry.name.endsWith('.scs')) found.push(path);
  }
  return found;
}

export async function readScript(path: string): Promise<string> {
  return readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new InputError(`${path}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
}

/** The shorter of the path relative to the working directory and the absolute path. */
export function displayPath(path: string, cwd: string): string {
  const shown = relative(cwd, path);
  return shown.length < path.length ? shown : path;
}
