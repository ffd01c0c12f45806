// The files a growing recording is kept in: appended to as it grows, cut back where a later step changed it, written whole otherwise — XEP-0045 sessions kept as replayable .scs while they run
import type { RecordingText } from './growing-recording.js';

/** How a file is written; `shown` names it in errors. */
export interface FileWrites {
  /** Adds the text at the end of the file. */
  append(path: string, text: string, shown: string): void;
  /** Puts the text in the file's place. */
  replace(path: string, text: string, shown: string): void;
  /** Cuts the file to its first `bytes`; false when it cannot (a device, a pipe). */
  truncate?(path: string, bytes: number, shown: string): boolean;
}

/**
 * The files a recording is kept in (`--record`, `:save`): each file is brought to the
 * recording's latest text with what changed since the text it holds, so a long session costs
 * what its last step changed. A file that held another recording, or one too many texts back,
 * is written whole; so is a file whose last write failed.
 */
export class RecordingFiles {
  private readonly held = new Map<string, { recording: unknown; version: number }>();

  constructor(private readonly writes: FileWrites) {}

  write(path: string, latest: RecordingText, shown = path): void {
    const { recording, version, text } = latest;
    const before = this.held.get(path);
    this.held.delete(path);
    const change =
      version === recording.version && before?.recording === recording
        ? recording.changeSince(before.version)
        : undefined;
    if (!change) this.writes.replace(path, text, shown);
    else if (!change.cut) {
      if (change.rest !== '') this.writes.append(path, change.rest, shown);
    } else if (this.writes.truncate?.(path, change.keptBytes, shown))
      this.writes.append(path, change.rest, shown);
    else this.writes.replace(path, text, shown);
    this.held.set(path, { recording, version });
  }
}
