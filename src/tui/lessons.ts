// The lessons beside a script: the .scs files of its folder in name order, each with its title — moving between the XEP-0045 tutorial's lessons
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export interface Lesson {
  path: string;
  /** The script's `# title` line, else its file name. */
  title: string;
}

/** What the debugger needs to move between lessons; the App switches to the session `open` makes. */
export interface LessonLibrary {
  /** The lesson open now (undefined for an empty world). */
  readonly current: string | undefined;
  /** The scripts of the current lesson's folder (or of the tutorial), in order. */
  list(): Lesson[];
  /** Opens a script in place of the session; rejects with a message for a bad path or script. */
  open(path: string): Promise<void>;
}

/** The first line of a script, when it is a `# title` comment (the scansion convention). */
function titleOf(path: string): string {
  try {
    const first = readFileSync(path, 'utf8').slice(0, 4096).split('\n', 1)[0] ?? '';
    const title = /^#\s*(.+)$/.exec(first.trim())?.[1];
    return title ?? basename(path);
  } catch {
    return basename(path);
  }
}

/** The `.scs` scripts of `folder`, sorted by name, with their titles (read once per call, a few bytes each). */
export function lessonsIn(folder: string): Lesson[] {
  let names: string[];
  try {
    names = readdirSync(folder).filter((name) => name.endsWith('.scs'));
  } catch {
    return [];
  }
  return names.sort().map((name) => {
    const path = join(folder, name);
    return { path, title: titleOf(path) };
  });
}

/** The folder whose lessons `]`, `[` and `o` offer: the current script's, else `fallback`. */
export function lessonFolder(current: string | undefined, fallback: string): string {
  return current === undefined ? fallback : dirname(resolve(current));
}
