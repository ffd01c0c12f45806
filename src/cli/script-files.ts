// Finding and reading .scs scripts named on the command line — scenarios of XEP-0045 use cases
import type { Dirent } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { visibleToken } from '../xmpp/visible.js';
import { fsReason } from './fs-errors.js';
import { InputError } from './io.js';
import { decodeScript } from './script-encoding.js';

/** A script file found, or something under a named directory that cannot be read as one. */
export interface ScriptEntry {
  path: string;
  /** Why it cannot be read (an unlistable directory, a FIFO, a symlink loop): that path's error; the rest still run. */
  problem?: string;
}

/**
 * Expands files and directories (recursively, sorted) into the .scs files they hold. A named
 * path that does not exist is a usage error; a directory inside that cannot be listed is kept
 * as an entry with its reason, so that every other script still runs.
 */
export async function collectScripts(
  paths: readonly string[],
  cwd: string,
): Promise<ScriptEntry[]> {
  const entries: ScriptEntry[] = [];
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    const info = await stat(absolute).catch((error: unknown) => {
      throw new InputError(`${visibleToken(path)}: ${fsReason(error)}`);
    });
    if (info.isDirectory()) entries.push(...(await scriptsIn(absolute)));
    else entries.push({ path: absolute });
  }
  if (entries.length === 0) {
    throw new InputError(
      `no .scs scripts found in ${paths.map((path) => visibleToken(path)).join(', ')}`,
    );
  }
  return entries;
}

async function scriptsIn(directory: string): Promise<ScriptEntry[]> {
  let listed: Dirent[];
  try {
    listed = await readdir(directory, { withFileTypes: true });
  } catch (error) {
    return [{ path: directory, problem: `cannot list the directory: ${fsReason(error)}` }];
  }
  const found: ScriptEntry[] = [];
  for (const entry of listed.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) found.push(...(await scriptsIn(path)));
    else if (entry.name.endsWith('.scs')) found.push(await foundFile(path));
  }
  return found;
}

/** A file met in a directory must be a regular file: reading a FIFO would wait forever. */
async function foundFile(path: string): Promise<ScriptEntry> {
  try {
    const info = await stat(path);
    return info.isFile() ? { path } : { path, problem: 'not a regular file' };
  } catch (error) {
    return { path, problem: fsReason(error) };
  }
}

/** The most a script may be: a recording of thousands of steps is a few MiB. */
export const MAX_SCRIPT_BYTES = 16 * 1024 * 1024;

/** Reads at most MAX_SCRIPT_BYTES: a device such as /dev/zero never ends. */
async function readCapped(path: string, shown: string): Promise<Buffer> {
  const tooLarge = () =>
    new InputError(`${shown}: larger than ${MAX_SCRIPT_BYTES} bytes, the most a script may be`);
  const handle = await open(path, 'r');
  try {
    const info = await handle.stat();
    if (info.isFile() && info.size > MAX_SCRIPT_BYTES) throw tooLarge();
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const { bytesRead, buffer } = await handle.read(Buffer.alloc(64 * 1024), 0, 64 * 1024, null);
      if (bytesRead === 0) return Buffer.concat(chunks, total);
      total += bytesRead;
      if (total > MAX_SCRIPT_BYTES) throw tooLarge();
      chunks.push(buffer.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
}

/** The text of a script; an unreadable file or one that is not UTF-8 is an InputError naming `shown`. */
export async function readScript(path: string, shown = path): Promise<string> {
  const bytes = await readCapped(path, shown).catch((error: unknown) => {
    throw error instanceof InputError ? error : new InputError(`${shown}: ${fsReason(error)}`);
  });
  const decoded = decodeScript(bytes, shown);
  if (!decoded.ok) throw new InputError(decoded.message);
  return decoded.text;
}

/** The text of a found entry (see collectScripts). */
export function readEntry(entry: ScriptEntry, shown: string): Promise<string> {
  if (entry.problem !== undefined) {
    return Promise.reject(new InputError(`${shown}: ${entry.problem}`));
  }
  return readScript(entry.path, shown);
}

/** The path to show: the shorter of relative and absolute, with invisible characters escaped. */
export function displayPath(path: string, cwd: string): string {
  const shown = relative(cwd, path);
  return visibleToken(shown.length < path.length ? shown : path, 4096);
}
