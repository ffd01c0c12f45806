// `mucsim diff` against a real Prosody 13 on every bundled scenario and every conformance script: no difference beyond volatile values — XEP-0045 as the reference server answers it
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { expect, it } from 'vitest';
import { diffScript } from '../src/diff/diff-script.js';
import { formatText } from '../src/diff/format.js';
import { parseScript } from '../src/scansion/parser.js';
import { bundledScenarios, suiteScripts } from './helpers/live-scripts.js';
import { describeOnProsody } from './helpers/on-prosody.js';
import { withProsody } from './helpers/prosody.js';

describeOnProsody('mucsim diff against Prosody 13, a fresh server per script', () => {
  const cases = [...suiteScripts(), ...bundledScenarios()].map(
    ({ key, path }) => [key, path] as const,
  );
  it.each(cases)('%s: no difference', async (key, path) => {
    const script = parseScript(readFileSync(path, 'utf8'), basename(path));
    const comparison = await withProsody((server) =>
      diffScript(script, { server: server.service, timeoutMs: 2000 }),
    );
    const report = formatText(
      {
        script: key,
        server: 'Prosody 13',
        steps: script.actions.map(({ line, client, kind }) => ({ line, client, kind })),
      },
      comparison,
    );
    expect(comparison.agree, report).toBe(true);
  });
});
