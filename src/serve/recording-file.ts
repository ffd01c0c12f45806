// mucsim serve --record: the served session as a .scs that grows with every step and is valid after each — XEP-0045 scenarios from real clients, replayable with mucsim run
import { GrowingRecording, type RecordingText } from '../debugger/growing-recording.js';
import type { ServedWorld } from './served-world.js';

export const RECORDING_TITLE = 'mucsim serve: real clients in the simulated world';

/**
 * Writes a recording's latest text to its file (the debugger's `--record` writer: appended to
 * while the session only grows, cut back to a changed action, else written beside and renamed,
 * so that a kill between two steps leaves a complete script); may throw.
 */
export type PersistRecording = (path: string, recording: RecordingText) => void;

/** `mucsim serve --record`: the served world's steps, kept on disk after every one. */
export class RecordingFile {
  private readonly recording = new GrowingRecording();

  constructor(
    private readonly path: string,
    private readonly served: ServedWorld,
    private readonly persist: PersistRecording,
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
    this.persist(this.path, latest);
  }
}
