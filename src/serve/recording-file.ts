// mucsim serve --record: the served session as a .scs that grows with every step and is valid after each — XEP-0045 scenarios from real clients, replayable with mucsim run
import { appendFileSync, renameSync, writeFileSync } from 'node:fs';
import { GrowingRecording, WrittenTexts } from '../debugger/growing-recording.js';
import type { ServedWorld } from './served-world.js';

export const RECORDING_TITLE = 'mucsim serve: real clients in the simulated world';

/** `mucsim serve --record`: the served world's steps, kept on disk after every one. */
export class RecordingFile {
  private readonly recording = new GrowingRecording();
  private readonly written = new WrittenTexts();

  constructor(
    private readonly path: string,
    private readonly served: ServedWorld,
  ) {}

  /** Brings the file up to date with the session's steps. */
  update(): void {
    const text = this.recording.of({
      title: RECORDING_TITLE,
      description: `Recorded by mucsim serve on ${this.served.domain}; replay it with mucsim run.`,
      clients: this.served.clientDefinitions(),
      steps: this.served.steps,
      trace: this.served.world.trace.entries,
    });
    // Appended while the session only grows; else written beside and renamed, so that a kill
    // between two steps leaves a complete script.
    const addition = this.written.addition(this.path, text);
    if (addition !== undefined) appendFileSync(this.path, addition);
    else {
      writeFileSync(`${this.path}.partial`, text);
      renameSync(`${this.path}.partial`, this.path);
    }
    this.written.wrote(this.path, text);
  }
}
