// Generates src/fuzz/live/prosody-differences.ts from the machine-readable blocks of
// docs/prosody-differences.md (read as `mucsim fuzz --explained` reads any such document): the
// differences between mucsim and Prosody 13 that `mucsim fuzz --server` reports as explained.
// The file is then formatted as the rest of the code (biome);
// test/unit/fuzz/live/prosody-differences.test.ts fails when the two disagree.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readExplainedDifferences } from '../src/fuzz/live/explained.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(repoRoot, 'docs', 'prosody-differences.md');
const target = join(repoRoot, 'src', 'fuzz', 'live', 'prosody-differences.ts');

const entries = existsSync(source) ? readExplainedDifferences(readFileSync(source, 'utf8')) : [];
const text = `// Generated from docs/prosody-differences.md by scripts/generate-prosody-differences.ts (npm run generate:differences) — the differences between mucsim and Prosody 13 that mucsim fuzz --server reports as explained
import type { ExplainedDifference } from './explained.js';

export const PROSODY_DIFFERENCES: readonly ExplainedDifference[] = ${JSON.stringify(entries, null, 2)};
`;
writeFileSync(target, text);
spawnSync(join(repoRoot, 'node_modules', '.bin', 'biome'), ['format', '--write', target], {
  stdio: 'inherit',
});
