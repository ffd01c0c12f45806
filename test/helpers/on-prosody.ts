// Test helper: a describe block for the tests that need Prosody 13, skipped with the reason when it is missing — XEP-0045 on the reference server
import { describe } from 'vitest';
import { findProsody, prosodyMissing } from './prosody.js';

/** `describe(title, body)` when Prosody 13 is installed; else skipped, the reason in its title and a warning. */
export function describeOnProsody(title: string, body: () => void): void {
  if (findProsody()) {
    describe(title, body);
    return;
  }
  const reason = prosodyMissing();
  console.warn(`${title}: skipped, ${reason}`);
  describe.skip(`${title} (${reason})`, body);
}
