// Generated from docs/prosody-differences.md by scripts/generate-prosody-differences.ts (npm run generate:differences) — the differences between mucsim and Prosody 13 that mucsim fuzz --server reports as explained
import type { ExplainedDifference } from './explained.js';

export const PROSODY_DIFFERENCES: readonly ExplainedDifference[] = [];
