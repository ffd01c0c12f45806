// The trace as one JSON document: parseable, causes kept, one entry per line, the same bytes for the same trace — XEP-0045 §7.1
import { describe, expect, it } from 'vitest';
import { traceDocument } from '../../../src/export/trace-document.js';
import type { TraceEntry } from '../../../src/muc/trace.js';
import { stanza } from '../../helpers/stanza.js';

const entries: TraceEntry[] = [
  { seq: 1, kind: 'connect', time: 0, jid: 'user@localhost/r1' },
  {
    seq: 2,
    kind: 'input',
    time: 1,
    sender: 'user@localhost/r1',
    origin: 'client',
    stanza: stanza(`<presence to='room@conference.localhost/Romeo'/>`),
  },
  {
    seq: 3,
    kind: 'delivery',
    time: 1,
    cause: 2,
    to: 'user@localhost/r1',
    by: 'enter',
    stanza: stanza(`<presence from='room@conference.localhost/Romeo'/>`),
  },
];

const document = () =>
  traceDocument({
    script: 'x.scs',
    seed: 7,
    passed: true,
    clients: [{ name: 'Romeo', jid: 'user@localhost', bound: ['user@localhost/r1'] }],
    entries,
  });

describe('traceDocument', () => {
  it('is one JSON document with the script, seed, clients and entries with their causes', () => {
    const parsed = JSON.parse(document());
    expect(parsed.script).toBe('x.scs');
    expect(parsed.seed).toBe(7);
    expect(parsed.passed).toBe(true);
    expect(parsed.clients).toEqual([
      { name: 'Romeo', jid: 'user@localhost', bound: ['user@localhost/r1'] },
    ]);
    expect(parsed.entries).toHaveLength(3);
    expect(parsed.entries[2]).toMatchObject({ seq: 3, kind: 'delivery', cause: 2, by: 'enter' });
    expect(parsed.entries[1].stanza).toBe(`<presence to="room@conference.localhost/Romeo"/>`);
  });

  it('writes one entry per line and the same bytes every time', () => {
    const text = document();
    expect(text).toBe(document());
    expect(text.split('\n').filter((line) => line.startsWith('    {"seq":'))).toHaveLength(3);
  });

  it('writes an empty trace as an empty list', () => {
    const text = traceDocument({
      script: 'x.scs',
      seed: 1,
      passed: false,
      clients: [],
      entries: [],
    });
    expect(JSON.parse(text).entries).toEqual([]);
  });
});
