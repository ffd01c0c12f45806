// The same script gives the same trace, byte for byte: simulated clock and seeded ids (XEP-0045 scenarios)
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { traceToJsonLines } from '../src/muc/trace-json.js';
import { parseScript } from '../src/scansion/parser.js';
import { runScript } from '../src/scansion/runner.js';
import { SimTarget } from '../src/sim/sim-target.js';
import { prosodySuiteDir, scriptsIn } from './helpers/suite.js';

async function traceOf(path: string, seed: number): Promise<string> {
  const target = new SimTarget({ seed });
  await runScript(parseScript(readFileSync(path, 'utf8'), basename(path)), target, {});
  return traceToJsonLines(target.world.trace.entries);
}

const scripts = scriptsIn(prosodySuiteDir());

describe.skipIf(scripts.length === 0)('determinism', () => {
  it.each(scripts.map((path) => [basename(path), path]))(
    '%s traces identically twice',
    async (_name, path) => {
      const first = await traceOf(path, 7);
      const second = await traceOf(path, 7);
      expect(first.length).toBeGreaterThan(100);
      expect(second).toBe(first);
    },
  );

  it('a different seed changes generated ids', async () => {
    const path = scripts.find((candidate) => candidate.endsWith('issue1224.scs')) ?? scripts[0]!;
    expect(await traceOf(path, 1)).not.toBe(await traceOf(path, 2));
  });
});
