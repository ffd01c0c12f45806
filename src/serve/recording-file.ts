// mucsim serve --record: the served session as a .scs that grows with every step and is valid after each — XEP-0045 scenarios from real clients, replayable with mucsim run
import { appendFileSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { GrowingRecording } from '../debugger/growing-recording.js';
import { RecordingFiles } from '../debugger/recording-files.js';
import type { ServedWorld } from './served-world.js';

export const RECORDING_TITLE = 'mucsim serve: real clients in the simulated world';

/**
 * Appended to while the session only grows, cut back to a changed action; else written beside
 * and renamed, so that a kill between two steps leaves a complete script.
 */
const SERVED_FILE_WRITES = {
  append: (path: string, text: string) => appendFileSync(path, text),
  truncate: (path: string, bytes: number) => {
    truncateSync(path, bytes);
    return true;
  },
  replace: (path: string, text: string) => {
    writeFileSync(`${path}.partial`, text);
    renameSync(`${path}.partial`, path);
  },
};

/** `mucsim serve --record`: the served world's steps, kept on disk after every one. */
export class RecordingFile {
  private readonly recording = new GrowingRecording();
  private readonly file = new RecordingFiles(SERVED_FILE_WRITES);

  constructor(
    private readonly path: string,
    private readonly served: ServedWorld,
  ) {}

  /** Brings the file up to date with the session's steps. */
  update(): void {
    const latest = this.recording.update({
      title: RECORDING_TITLE,
      description: `Recorded by mucsim serve on ${this.served.domain}; replay it with mucsim run.`,
      clients: this.served.clientDefinitions(),
      steps: this.served.steps,
      trace: this.served.world.trace.entries,
    });
    this.file.write(this.path, latest);
  }
}
