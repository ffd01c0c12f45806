// Our own scenarios, written from the XEP: scenarios/xep0045 (§6–§11) and scenarios/tutorial must pass
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeFailure, REPO_ROOT, runFile, scriptsIn } from './helpers/suite.js';

for (const folder of ['xep0045', 'tutorial', 'regressions']) {
  const scripts = scriptsIn(join(REPO_ROOT, 'scenarios', folder));
  if (scripts.length === 0) continue;
  describe(`scenarios/${folder}`, () => {
    it.each(scripts.map((path) => [basename(path), path]))('%s passes', async (_name, path) => {
      const result = await runFile(path);
      expect(result.passed, describeFailure(result)).toBe(true);
    });
  });
}
