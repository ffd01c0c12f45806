// --record: the served session as a .scs that grows with every step and is valid after each — XEP-0045 scenarios from real clients, replayable with mucsim run
import { appendFileSync, renameSync, writeFileSync } from 'node:fs';
import { recordSession } from '../debugger/recorder.js';
import type { ServedWorld } from './served-world.js';

export const RECORDING_TITLE = 'mucsim serve: real clients in the simulated world';

/**
 * After every step the recorder writes the whole session again; what is only longer is
 * appended to the file, and anything else (a new client's definition, a capture an earlier
 * step must now declare) replaces the file at once through a rename. Either way a kill
 * between two steps leaves a complete script.
 */
export class RecordingFile {
  private written = '';

  constructor(
    private readonly path: string,
    private readonly served: ServedWorld,
  ) {}

  /** Rewrites or extends the file to hold the session so far. */
  update(): void {
    const text = recordSession({
      title: RECORDING_TITLE,
      description: `Recorded by mucsim serve on ${this.served.domain}; replay it with mucsim run.`,
      clients: this.served.clientDefinitions(),
      steps: this.served.steps,
      trace: this.served.world.trace.entries,
    });
    if (text === this.written) return;
    if (this.written !== '' && text.startsWith(this.written)) {
      appendFileSync(this.path, text.slice(this.written.length));
    } else {
      writeFileSync(`${this.path}.partial`, text);
      renameSync(`${this.path}.partial`, this.path);
    }
    this.written = text;
  }
}
