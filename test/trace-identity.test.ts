// Every script's trace is the one recorded in test/fixtures/trace-hashes.json: a change to the MUC core that is not meant to change behaviour changes no byte — XEP-0045 scenarios (§7–§10)
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HASHES_FILE, hashOf, tracedScripts, traceOf } from './helpers/trace-identity.js';

const recorded = JSON.parse(readFileSync(HASHES_FILE, 'utf8')) as Record<string, string>;
const scripts = tracedScripts();

describe('trace identity (regenerate with `npx tsx test/helpers/trace-identity.ts hashes`)', () => {
  it('covers every script it records, and only those', () => {
    const suiteRecorded = Object.keys(recorded).filter((name) => name.startsWith('prosody/'));
    const local = scripts.filter((script) => !script.name.startsWith('prosody/'));
    expect(local.map((script) => script.name).sort()).toEqual(
      Object.keys(recorded)
        .filter((name) => !name.startsWith('prosody/'))
        .sort(),
    );
    if (scripts.length > local.length)
      expect(scripts.length - local.length).toBe(suiteRecorded.length);
  });

  it.each(scripts.map((script) => [script.name, script] as const))(
    '%s traces as recorded',
    async (name, script) => {
      expect(hashOf(await traceOf(script)), name).toBe(recorded[name]);
    },
  );
});
