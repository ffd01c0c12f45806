// Prosody's 12 MUC scripts, played by an independent scansion runner (test/serve-scansion, no code shared with src/scansion) over TCP against mucsim serve — and against a real Prosody for comparison (XEP-0045 §7–§10)
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findProsody, withProsody } from './helpers/prosody.js';
import { spawnServe } from './helpers/serve.js';
import { prosodySuiteDir, scriptsIn } from './helpers/suite.js';
import { playScansion } from './serve-scansion/play.js';

const scripts = scriptsIn(prosodySuiteDir());
if (scripts.length === 0) {
  console.warn(
    `skipped: no Prosody conformance suite at ${prosodySuiteDir()} (MUCSIM_PROSODY_SUITE)`,
  );
}

describe.skipIf(scripts.length === 0)(
  'the independent runner against mucsim serve over TCP',
  () => {
    it('finds the 12 scripts', () => {
      expect(scripts).toHaveLength(12);
    });
    for (const path of scripts) {
      it(basename(path), async () => {
        const server = await spawnServe();
        try {
          const outcome = await playScansion(
            readFileSync(path, 'utf8'),
            `xmpp://127.0.0.1:${server.port}`,
          );
          expect(outcome.failure ?? 'passed').toBe('passed');
        } finally {
          expect(await server.stop('SIGTERM')).toBe(0);
        }
      });
    }
  },
);

describe.skipIf(scripts.length === 0 || !findProsody())(
  'the same runner against a real Prosody (it must pass there too, or it proves nothing)',
  () => {
    for (const path of scripts) {
      it(basename(path), async () => {
        const outcome = await withProsody((prosody) =>
          playScansion(readFileSync(path, 'utf8'), prosody.service),
        );
        expect(outcome.failure ?? 'passed').toBe('passed');
      });
    }
  },
);
