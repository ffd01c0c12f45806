// `mucsim tui --record` without a terminal: the recording appended after every step, then written exactly once at the end — XEP-0045 sessions as .scs bug reports

import type { DebugSession } from '../debugger/debug-session.js';
import { RecordingAppender, recordingHead } from '../debugger/recorder.js';
import type { SessionStep } from '../debugger/session-api.js';
import { GrowingFile, replaceFile } from './output-file.js';

/**
 * Appends what each executed step adds, so a long session costs what `run` costs and a kill
 * leaves a valid script; the file appears with the first written step (a script has steps).
 * `finish` replaces it with the session's exact recording (captures resolved).
 */
export class AppendedRecording {
  private file: GrowingFile | undefined;
  private readonly appender: RecordingAppender;

  constructor(
    private readonly path: string,
    private readonly shown: string,
    private readonly session: DebugSession,
  ) {
    this.appender = new RecordingAppender(recordingHead(session.script, session.script.clients));
  }

  afterStep(step: SessionStep): void {
    const text = this.appender.step(step, this.session.trace);
    if (text === '') return;
    if (this.file) this.file.append(text);
    else this.file = new GrowingFile(this.path, this.shown, `${this.appender.head()}${text}`);
  }

  finish(): void {
    this.file?.finish();
    replaceFile(this.path, this.session.recording(), this.shown);
  }
}
