// --record and :save in the debugger: the session's .scs appended to while it only grows, cut back to a changed action, else replaced whole — XEP-0045 sessions kept as replayable scripts
import { resolve } from 'node:path';
import type { RecordingText } from '../debugger/growing-recording.js';
import { RecordingFiles } from '../debugger/recording-files.js';
import { visibleToken } from '../xmpp/visible.js';
import { appendToFile, replaceFile, truncateFile } from './output-file.js';

/**
 * The debugger's `persist(file, text)` (and `tui --record` without a terminal): when the
 * session's recording extends what was last written to the file, only the rest is appended (a
 * long session costs what its last step adds); when one of its last actions changed, the file
 * is cut there and appended to; otherwise it is written beside and renamed. Failures are
 * OutputErrors.
 */
export function recordingWriter(cwd: string): (file: string, recording: RecordingText) => void {
  const files = new RecordingFiles({
    append: appendToFile,
    replace: replaceFile,
    truncate: truncateFile,
  });
  return (file, recording) => files.write(resolve(cwd, file), recording, visibleToken(file));
}
