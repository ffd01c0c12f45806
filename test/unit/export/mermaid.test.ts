// The sequence-diagram export on a small hand-made trace: participants, arrows, notes, escaping — XEP-0045 §7.1 (order of events), §9.4 (321)
import { describe, expect, it } from 'vitest';
import { type SequenceInput, sequenceDiagram } from '../../../src/export/mermaid.js';
import type { TraceEntry } from '../../../src/muc/trace.js';
import { checkSequenceDiagram, decodeMermaid } from '../../helpers/mermaid-syntax.js';
import { stanza } from '../../helpers/stanza.js';

const ROMEO = 'user@localhost/r1';
const JULIET = 'user2@localhost/j1';
const ROOM = 'room@conference.localhost';

function trace(): TraceEntry[] {
  return [
    { seq: 1, kind: 'connect', time: 0, jid: ROMEO },
    { seq: 2, kind: 'connect', time: 0, jid: JULIET },
    {
      seq: 3,
      kind: 'input',
      time: 1,
      sender: ROMEO,
      origin: 'client',
      stanza: stanza(
        `<iq type='set' id='a1' from='${ROMEO}' to='${ROOM}'><query xmlns='http://jabber.org/protocol/muc#admin'><item affiliation='none' jid='user2@localhost'/></query></iq>`,
      ),
    },
    {
      seq: 4,
      kind: 'event',
      time: 1,
      cause: 3,
      event: {
        kind: 'affiliation',
        room: ROOM,
        jid: 'user2@localhost',
        from: 'member',
        to: 'none',
        actor: ROMEO,
        reason: undefined,
        by: 'admin',
      },
    },
    {
      seq: 5,
      kind: 'event',
      time: 1,
      cause: 3,
      event: {
        kind: 'role',
        room: ROOM,
        nick: 'Juliet',
        jid: 'user2@localhost',
        from: 'participant',
        to: 'none',
        codes: ['321'],
        by: 'admin',
      },
    },
    {
      seq: 6,
      kind: 'delivery',
      time: 1,
      cause: 3,
      to: JULIET,
      by: 'admin',
      stanza: stanza(
        `<presence type='unavailable' from='${ROOM}/Juliet' to='${JULIET}'><x xmlns='http://jabber.org/protocol/muc#user'><status code='321'/><item affiliation='none' role='none'/><status code='110'/></x></presence>`,
      ),
    },
    {
      seq: 7,
      kind: 'input',
      time: 2,
      sender: ROMEO,
      origin: 'client',
      stanza: stanza(
        `<message type='groupchat' from='${ROMEO}' to='${ROOM}'><body>a;b #c "d" &lt;e&gt;</body></message>`,
      ),
    },
    {
      seq: 8,
      kind: 'dropped',
      time: 2,
      cause: 7,
      to: 'user3@localhost/gone',
      reason: 'session not connected',
      stanza: stanza(
        `<message type='groupchat' from='${ROOM}/Romeo' to='user3@localhost/gone'><body>hi</body></message>`,
      ),
    },
    { seq: 9, kind: 'crash', time: 2, cause: 7, message: 'boom', stack: 'Error: boom' },
    { seq: 10, kind: 'disconnect', time: 3, jid: JULIET },
  ];
}

function input(overrides: Partial<SequenceInput> = {}): SequenceInput {
  return {
    title: 'Kick; by #affiliation',
    clients: [
      { name: 'Romeo', jid: 'user@localhost', bound: [ROMEO] },
      { name: 'Juliet', jid: 'user2@localhost', bound: [JULIET] },
    ],
    trace: trace(),
    notes: [
      { before: 3, text: 'Romeo removes Juliet; she is no longer a member' },
      { before: 99, text: 'The end' },
    ],
    ...overrides,
  };
}

describe('sequenceDiagram', () => {
  it('is well-formed: every line a known statement, labels escaped and short', () => {
    const checked = checkSequenceDiagram(sequenceDiagram(input()));
    expect(checked.errors).toEqual([]);
  });

  it('declares the clients by script name first, then the room and other JIDs as they appear', () => {
    const checked = checkSequenceDiagram(sequenceDiagram(input()));
    expect(checked.participants).toEqual(['Romeo', 'Juliet', ROOM, 'user3@localhost']);
  });

  it('draws inputs as ->> and deliveries as -->>, drops as --x', () => {
    const lines = sequenceDiagram(input()).split('\n');
    expect(lines).toContain('  Romeo->>room: iq set muc#35;admin item none Juliet id=a1');
    expect(
      lines.some((line) => /^ {2}room-->>Juliet: presence unavailable Juliet 321/.test(line)),
    ).toBe(true);
    expect(lines.some((line) => line.startsWith('  room--xuser3: message groupchat'))).toBe(true);
    expect(lines.some((line) => line.includes('(dropped: session not connected)'))).toBe(true);
  });

  it('merges an affiliation change with the role change it caused into one note, with the codes', () => {
    const { notes } = checkSequenceDiagram(sequenceDiagram(input()));
    expect(notes).toContain('Juliet: member → none, participant → none (321), by Romeo');
    expect(notes.filter((note) => note.startsWith('Juliet: participant'))).toEqual([]);
  });

  it('puts narration before the entry it is anchored to, over all participants', () => {
    const lines = sequenceDiagram(input()).split('\n');
    const narration = lines.findIndex((line) => line.includes('Romeo removes Juliet'));
    const arrow = lines.findIndex((line) => line.startsWith('  Romeo->>room: iq set'));
    expect(narration).toBeGreaterThan(0);
    expect(narration).toBeLessThan(arrow);
    expect(lines[narration]).toMatch(/^ {2}Note over Romeo,user3: /);
    expect(lines.at(-2)).toMatch(/Note over Romeo,user3: The end$/);
  });

  it('notes connects, disconnects and crashes', () => {
    const { notes } = checkSequenceDiagram(sequenceDiagram(input()));
    expect(notes).toContain(`connects as ${ROMEO}`);
    expect(notes).toContain('disconnects');
    expect(notes).toContain('crash: boom');
  });

  it('escapes a body full of Mermaid syntax, and the title', () => {
    const text = sequenceDiagram(input());
    const body = checkSequenceDiagram(text).labels.find((label) => label.startsWith('message'));
    expect(body).toBeDefined();
    expect(decodeMermaid(body as string)).toBe('message groupchat “a;b #c "d" <e>”');
    expect(text).toContain('  title Kick, by affiliation');
  });

  it('fences the diagram for Markdown on request', () => {
    const text = sequenceDiagram(input({ markdown: true }));
    expect(text.startsWith('```mermaid\nsequenceDiagram\n')).toBe(true);
    expect(text.endsWith('\n```\n')).toBe(true);
    expect(checkSequenceDiagram(text).errors).toEqual([]);
  });

  it('gives participants safe, unique ids, away from Mermaid keywords', () => {
    const text = sequenceDiagram(
      input({
        clients: [
          { name: 'end', jid: 'user@localhost', bound: [ROMEO] },
          { name: 'Juliet 2', jid: 'user2@localhost', bound: [JULIET] },
        ],
      }),
    );
    expect(text).toContain('participant end_ as end');
    expect(text).toContain('participant Juliet_2 as Juliet 2');
    expect(checkSequenceDiagram(text).errors).toEqual([]);
  });

  it('is the same text for the same input', () => {
    expect(sequenceDiagram(input())).toBe(sequenceDiagram(input()));
  });
});
