// Files the CLI writes (--output, --record, jsonl): checked before any work, every failure an OutputError with exit code 2 — exports of XEP-0045 scenarios
import {
  appendFileSync,
  closeSync,
  lstatSync,
  openSync,
  renameSync,
  truncateSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { fsReason } from './fs-errors.js';
import { OutputError } from './io.js';

function failure(shown: string, error: unknown): OutputError {
  return new OutputError(`cannot write ${shown}: ${fsReason(error)}`);
}

/** Writes a whole file at once (`trace --output`, `fuzz --output`). */
export async function writeOutputFile(path: string, text: string, shown: string): Promise<void> {
  await writeFile(path, text).catch((error: unknown) => {
    throw failure(shown, error);
  });
}

/** A path that exists and is not a regular file (a device, a pipe, a symbolic link): written in place. */
function isSpecial(path: string): boolean {
  const info = lstatSync(path, { throwIfNoEntry: false });
  return info !== undefined && !info.isFile();
}

/**
 * Before the first step: can `replaceFile` write this path? A regular file (or a new one) is
 * written beside and renamed, so the directory must take `<path>.partial`; anything else is
 * opened in place, without truncating it. Nothing is left behind.
 */
export function checkReplaceable(path: string, shown: string): void {
  try {
    if (isSpecial(path)) closeSync(openSync(path, 'a'));
    else {
      closeSync(openSync(`${path}.partial`, 'w'));
      unlinkSync(`${path}.partial`);
    }
  } catch (error) {
    throw failure(shown, error);
  }
}

/**
 * Writes beside, then renames: a crash or a kill mid-write never leaves half a file. A device,
 * a pipe or a symbolic link is written in place instead of being replaced by a file.
 */
export function replaceFile(path: string, text: string, shown: string): void {
  try {
    if (isSpecial(path)) {
      writeFileSync(path, text);
      return;
    }
    writeFileSync(`${path}.partial`, text);
    renameSync(`${path}.partial`, path);
  } catch (error) {
    throw failure(shown, error);
  }
}

/** Cuts a regular file to its first `bytes`; false for anything else (a device, a pipe, a link). */
export function truncateFile(path: string, bytes: number, shown: string): boolean {
  if (isSpecial(path)) return false;
  try {
    truncateSync(path, bytes);
    return true;
  } catch (error) {
    throw failure(shown, error);
  }
}

/** Adds `text` at the end of the file (a recording that grew by a step). */
export function appendToFile(path: string, text: string, shown: string): void {
  try {
    appendFileSync(path, text);
  } catch (error) {
    throw failure(shown, error);
  }
}

/**
 * A file that grows while the command runs (`trace --format jsonl --output`).
 * Created (or emptied) at once, so an unwritable path stops the command before any work.
 * `append` never throws, since it may run inside the simulation: the first failure is kept,
 * later text dropped, and `finish` reports it.
 */
export class GrowingFile {
  private failed: OutputError | undefined;

  constructor(
    readonly path: string,
    private readonly shown: string,
    initial = '',
  ) {
    try {
      writeFileSync(path, initial);
    } catch (error) {
      throw failure(shown, error);
    }
  }

  append(text: string): void {
    if (this.failed) return;
    try {
      appendFileSync(this.path, text);
    } catch (error) {
      this.failed = failure(this.shown, error);
    }
  }

  /** Throws the first write failure, if there was one. */
  finish(): void {
    if (this.failed) throw this.failed;
  }
}
