// The explained differences mucsim ships are those docs/prosody-differences.md lists in its machine-readable block — XEP-0045 as mucsim and Prosody 13 differ on purpose
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClientComparison } from '../../../../src/diff/compare.js';
import { Explanations, readExplainedDifferences } from '../../../../src/fuzz/live/explained.js';
import { PROSODY_DIFFERENCES } from '../../../../src/fuzz/live/prosody-differences.js';
import { REPO_ROOT } from '../../../helpers/suite.js';

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

  it('explains an item-not-found whose address is another of the session’s, and no lone one', () => {
    const shipped = new Explanations(PROSODY_DIFFERENCES);
    const gone = (nick: string) =>
      `<presence from="r2@conference.localhost/${nick}" to="{U8's full JID}" type="error"><error by="conference.localhost" type="cancel"><item-not-found xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></presence>`;
    const side = (kind: 'simulator' | 'server', xml: string, partner?: number) => ({
      kind: kind === 'simulator' ? ('simulator-only' as const) : ('server-only' as const),
      side: kind,
      position: 0,
      step: 1,
      xml,
      ...(partner !== undefined && { partner }),
    });
    const client = (differences: ClientComparison['differences']): ClientComparison => ({
      name: 'U8',
      simulator: 1,
      server: 1,
      differences,
    });
    const left = side('simulator', gone('😀'), 0);
    const right = side('server', gone('U8'), 0);
    expect(shipped.explain(client([left, right]), left)?.id).toBe('directed-unavailable-order');
    const moved = { ...side('simulator', gone('U2')), kind: 'moved' as const };
    expect(shipped.explain(client([moved]), moved)?.id).toBe('directed-unavailable-order');
    const lone = side('simulator', gone('U2'));
    expect(shipped.explain(client([lone]), lone)).toBeUndefined();
  });
});
