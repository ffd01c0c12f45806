// The explained differences mucsim ships are those docs/prosody-differences.md lists in its machine-readable block — XEP-0045 as mucsim and Prosody 13 differ on purpose
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../test/helpers/suite.js';
import { Explanations, readExplainedDifferences } from './explained.js';
import { PROSODY_DIFFERENCES } from './prosody-differences.js';

const DOC = join(REPO_ROOT, 'docs', 'prosody-differences.md');

describe('PROSODY_DIFFERENCES', () => {
  it('is the machine-readable block of docs/prosody-differences.md (npm run generate:differences)', () => {
    const listed = existsSync(DOC) ? readExplainedDifferences(readFileSync(DOC, 'utf8')) : [];
    expect(PROSODY_DIFFERENCES).toEqual(listed);
  });

  it('has unique ids and patterns that compile', () => {
    const ids = PROSODY_DIFFERENCES.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(() => new Explanations(PROSODY_DIFFERENCES)).not.toThrow();
  });
});
