// --record and :save in the debugger: the session's .scs appended to while it only grows, else replaced whole — XEP-0045 sessions kept as replayable scripts
import { resolve } from 'node:path';
import { WrittenTexts } from '../debugger/growing-recording.js';
import { visibleToken } from '../xmpp/visible.js';
import { appendToFile, replaceFile } from './output-file.js';

/**
 * The debugger's `persist(file, text)`: when the session's recording extends what was last
 * written to the file, only the rest is appended (a long session costs what its last step
 * adds); otherwise the file is written beside and renamed. Failures are OutputErrors.
 */
export function recordingWriter(cwd: string): (file: string, text: string) => void {
  const written = new WrittenTexts();
  return (file, text) => {
    const path = resolve(cwd, file);
    const shown = visibleToken(file);
    const addition = written.addition(path, text);
    if (addition === undefined) replaceFile(path, text, shown);
    else if (addition !== '') appendToFile(path, addition, shown);
    written.wrote(path, text);
  };
}
