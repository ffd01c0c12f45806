// A copy of src/ with a fault written into it, for proving that the fuzzer's invariants catch real bugs in the MUC core — XEP-0045 §5, §7, §17
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** One edit of one source file: `find` must occur exactly once. */
export interface Edit {
  /** Path under src/, e.g. `muc/room.ts`. */
  file: string;
  find: string;
  replace: string;
}

export interface Fault {
  name: string;
  edits: readonly Edit[];
}

export interface CoreCopy {
  dir: string;
  /** The copy's fuzzer, running the copy's core. */
  fuzz: typeof import('../../src/fuzz/index.js');
  remove(): void;
}

/**
 * Copies src/ into a temporary directory (its node_modules a link to the repository's), applies
 * the fault's edits and imports the copy's fuzzer. An edit whose text is not found exactly once
 * throws, naming the file: the fault must then be rewritten for the code as it now is.
 */
export async function coreWithFault(fault: Fault): Promise<CoreCopy> {
  const dir = mkdtempSync(join(tmpdir(), `mucsim-fault-${fault.name}-`));
  cpSync(join(REPO, 'src'), join(dir, 'src'), {
    recursive: true,
    filter: (path) => !path.endsWith('.test.ts') && !path.endsWith('.test.tsx'),
  });
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  for (const edit of fault.edits) {
    const path = join(dir, 'src', edit.file);
    const source = readFileSync(path, 'utf8');
    const count = source.split(edit.find).length - 1;
    if (count !== 1) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(
        `fault '${fault.name}': the text to replace occurs ${count} times in src/${edit.file}, not once`,
      );
    }
    writeFileSync(path, source.replace(edit.find, edit.replace));
  }
  const fuzz = (await import(join(dir, 'src/fuzz/index.ts'))) as CoreCopy['fuzz'];
  return { dir, fuzz, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
