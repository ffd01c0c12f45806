// The conformance suite: every Prosody MUC script must pass against the simulator (XEP-0045 §6–§10 as Prosody implements them)
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeFailure, prosodySuiteDir, runFile, scriptsIn } from './helpers/suite.js';

const directory = prosodySuiteDir();
const scripts = scriptsIn(directory);

if (scripts.length === 0) {
  describe.skip(`Prosody conformance suite (not found at ${directory}; set MUCSIM_PROSODY_SUITE)`, () => {
    it('is skipped', () => {});
  });
} else {
  describe('Prosody conformance suite', () => {
    it.each(scripts.map((path) => [basename(path), path]))('%s passes', async (_name, path) => {
      const result = await runFile(path);
      expect(result.passed, describeFailure(result)).toBe(true);
    });
  });
}
