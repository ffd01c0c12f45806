#!/usr/bin/env node
// Generates src/fuzz/live/prosody-differences.ts from the machine-readable block of
// docs/prosody-differences.md: the differences between mucsim and Prosody 13 that
// `mucsim fuzz --server` reports as explained. The block is a fenced code block whose info
// string is `json mucsim:explained-differences`, holding an array of
// {"id", "reason", "simulator"?, "server"?} (regular expressions over normalised stanzas).
// The file is then formatted as the rest of the code (biome). src/fuzz/live/prosody-differences.test.ts
// fails when the two disagree.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(repoRoot, 'docs', 'prosody-differences.md');
const target = join(repoRoot, 'src', 'fuzz', 'live', 'prosody-differences.ts');

const markdown = existsSync(source) ? readFileSync(source, 'utf8') : '';
const block = /```json mucsim:explained-differences\n([\s\S]*?)\n```/.exec(markdown);
const entries = block ? JSON.parse(block[1]) : [];
const text = `// Generated from docs/prosody-differences.md by scripts/generate-prosody-differences.mjs (npm run generate:differences) — the differences between mucsim and Prosody 13 that mucsim fuzz --server reports as explained
import type { ExplainedDifference } from './explained.js';

export const PROSODY_DIFFERENCES: readonly ExplainedDifference[] = ${JSON.stringify(entries, null, 2)};
`;
writeFileSync(target, text);
spawnSync(join(repoRoot, 'node_modules', '.bin', 'biome'), ['format', '--write', target], { stdio: 'inherit' });
