// Generated from docs/prosody-differences.md by scripts/generate-prosody-differences.mjs — do not edit: the differences between mucsim and Prosody 13 a differential run reports as explained
import type { ExplainedDifference } from './explained.js';

export const PROSODY_DIFFERENCES: readonly ExplainedDifference[] = [];
