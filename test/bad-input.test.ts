// Bad input everywhere: the corpus of bad scripts, stanzas and command lines, the world's size and depth limits, and property tests of the readers (XEP-0045 scenarios)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { Element } from 'ltx';
import { describe, expect, it } from 'vitest';
import { parseScript } from '../src/scansion/parser.js';
import { ScriptSyntaxError } from '../src/scansion/syntax-error.js';
import type { Session } from '../src/sim/session.js';
import { World } from '../src/sim/world.js';
import { NS } from '../src/xmpp/namespaces.js';
import { parseXml } from '../src/xmpp/xml.js';
import { BAD_DIR, corpusFiles, observe, readExpectation } from './helpers/bad-input.js';
import { REPO_ROOT } from './helpers/suite.js';
import { createRoom, join as joinRoom, take } from './helpers/world.js';

const STACK_LINE = /^\s+at /m;
const ROOM = 'room@conference.localhost';

describe('the bad-input corpus (test/fixtures/bad)', () => {
  const files = corpusFiles();

  it('pairs every input with an .expected file, and covers scripts, stanzas and command lines', () => {
    const expectations = readdirSync(BAD_DIR).filter((name) => name.endsWith('.expected'));
    expect(expectations.map((name) => name.replace(/\.expected$/, '')).sort()).toEqual(
      files.map((name) => name.replace(/\.(scs|xml|args)$/, '')).sort(),
    );
    for (const kind of ['.scs', '.xml', '.args']) {
      expect(files.filter((name) => name.endsWith(kind)).length).toBeGreaterThanOrEqual(10);
    }
  });

  it.each(files)('%s', async (file) => {
    const expected = readExpectation(file);
    const seen = await observe(file);
    expect(seen.crashes).toEqual([]);
    expect(seen.message).not.toMatch(STACK_LINE);
    expect(seen.code).toBe(expected.code);
    if (expected.exact !== undefined) expect(seen.message).toBe(expected.exact);
    for (const part of expected.contains) expect(seen.message).toContain(part);
    if (file.endsWith('.scs')) {
      // A script error is reported at file:line:column, by `check` and by `run` alike.
      expect(expected.exact).toMatch(
        new RegExp(`^test/fixtures/bad/${file.replace('.', '\\.')}:\\d+:\\d+: `),
      );
      const run = seen.alsoShownBy!;
      expect(run.code).toBe(2);
      expect(run.output).toContain(expected.exact!);
      expect(run.output).not.toMatch(STACK_LINE);
    }
  });
});

describe('the world refuses stanzas over its limits', () => {
  function openRoom(options: ConstructorParameters<typeof World>[0] = {}) {
    const world = new World(options);
    const romeo = world.connect('romeo@localhost/pda');
    const juliet = world.connect('juliet@localhost/balcony');
    createRoom(world, romeo, `${ROOM}/Romeo`);
    joinRoom(world, juliet, `${ROOM}/Juliet`);
    take(world, romeo);
    take(world, juliet);
    return { world, romeo, juliet };
  }

  function groupchat(body: string): Element {
    const message = new Element('message', { to: ROOM, type: 'groupchat', id: 'big' });
    message.c('body').t(body);
    return message;
  }

  function errorOf(
    world: World,
    session: Session,
  ): { condition: string | undefined; text: string | undefined } {
    const [reply] = take(world, session);
    const error = reply?.getChild('error');
    const condition = error?.getChildElements().find((child) => child.name !== 'text')?.name;
    return { condition, text: error?.getChildText('text') ?? undefined };
  }

  it('refuses a stanza over 256 KiB with policy-violation naming the limit; the room never sees it', () => {
    const { world, romeo, juliet } = openRoom();
    world.send(romeo.jid, groupchat('x'.repeat(300 * 1024)));
    expect(errorOf(world, romeo)).toEqual({
      condition: 'policy-violation',
      text: 'Stanza larger than the limit of 262144 bytes',
    });
    expect(take(world, juliet)).toEqual([]);
    expect(world.service.room(ROOM)?.state.history).toEqual([]);
  });

  it('counts bytes, not characters, and lets a stanza under the limit through', () => {
    const { world, romeo, juliet } = openRoom({ maxStanzaBytes: 1000 });
    world.send(romeo.jid, groupchat('é'.repeat(300)));
    expect(take(world, juliet)).toHaveLength(1);
    take(world, romeo);
    world.send(romeo.jid, groupchat('é'.repeat(500)));
    expect(errorOf(world, romeo).text).toBe('Stanza larger than the limit of 1000 bytes');
    expect(take(world, juliet)).toEqual([]);
  });

  function nested(depth: number): Element {
    const message = groupchat('deep');
    let element = message;
    for (let level = 2; level <= depth; level += 1)
      element = element.c('n', { xmlns: 'urn:example:deep' });
    return message;
  }

  it('accepts 64 levels of nesting and refuses 65', () => {
    const { world, romeo, juliet } = openRoom();
    world.send(romeo.jid, nested(64));
    expect(take(world, juliet)).toHaveLength(1);
    take(world, romeo);
    world.send(romeo.jid, nested(65));
    expect(errorOf(world, romeo)).toEqual({
      condition: 'policy-violation',
      text: 'Stanza nested deeper than the limit of 64 levels',
    });
    expect(take(world, juliet)).toEqual([]);
  });

  it('survives 100,000 levels of nesting without walking them recursively', () => {
    const { world, romeo } = openRoom();
    world.send(romeo.jid, nested(100_000));
    expect(errorOf(world, romeo).condition).toBe('policy-violation');
  });

  it('does not create a room for an oversized join, and never answers an oversized error', () => {
    const { world, romeo } = openRoom({ maxStanzaBytes: 200 });
    const join = new Element('presence', { to: 'new@conference.localhost/Romeo' });
    join.c('x', { xmlns: NS.muc });
    join.c('status').t('s'.repeat(300));
    world.send(romeo.jid, join);
    expect(world.service.room('new@conference.localhost')).toBeUndefined();
    expect(errorOf(world, romeo).condition).toBe('policy-violation');
    const error = new Element('message', { to: ROOM, type: 'error' });
    error
      .c('error', { type: 'cancel' })
      .c('undefined-condition', { xmlns: NS.stanzas })
      .up()
      .c('text', { xmlns: NS.stanzas })
      .t('e'.repeat(300));
    world.send(romeo.jid, error);
    expect(take(world, romeo)).toEqual([]);
    expect(world.service.room(ROOM)?.occupantBySession(romeo.jid)).toBeDefined();
  });
});

/** The scripts we ship, to mutate. */
const SAMPLES = ['scenarios/xep0045', 'scenarios/tutorial'].flatMap((directory) =>
  readdirSync(join(REPO_ROOT, directory))
    .filter((name) => name.endsWith('.scs'))
    .slice(0, 6)
    .map((name) => readFileSync(join(REPO_ROOT, directory, name), 'utf8')),
);

/** Applies a random edit: delete, insert, duplicate, swap or re-indent. */
const mutation: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    kind: fc.constant('delete' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.string({ maxLength: 8, unit: 'binary' }),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.constantFrom(
      '<',
      '>',
      '&',
      '\t',
      '\n',
      '"',
      "'",
      '${',
      '-----\n',
      '[Client] X\n',
      ' nothing',
      '</x>',
      '<x>',
    ),
  }),
  fc.record({ kind: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('indent' as const), line: fc.nat() }),
);

type Edit =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'swap'; a: number; b: number }
  | { kind: 'indent'; line: number };

function mutate(text: string, edits: readonly Edit[]): string {
  let result = text;
  for (const edit of edits) {
    const length = Math.max(result.length, 1);
    if (edit.kind === 'delete') {
      const at = edit.at % length;
      result = result.slice(0, at) + result.slice(at + edit.length);
    } else if (edit.kind === 'insert') {
      const at = edit.at % length;
      result = result.slice(0, at) + edit.text + result.slice(at);
    } else {
      const lines = result.split('\n');
      if (edit.kind === 'swap') {
        const a = edit.a % lines.length;
        const b = edit.b % lines.length;
        [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      } else {
        const at = edit.line % lines.length;
        lines[at] = lines[at]!.startsWith('\t') ? lines[at]!.slice(1) : `\t${lines[at]}`;
      }
      result = lines.join('\n');
    }
  }
  return result;
}

/** Parses, and lets through only the documented failure. */
function parsesOrSyntaxError(text: string): boolean {
  try {
    parseScript(text, 'fuzzed.scs');
    return true;
  } catch (error) {
    if (!(error instanceof ScriptSyntaxError)) throw error;
    expect(error.line).toBeGreaterThanOrEqual(1);
    expect(error.column).toBeGreaterThanOrEqual(1);
    expect(error.toString()).toMatch(/^fuzzed\.scs:\d+:\d+: .+ \(expected .+\)$/s);
    return false;
  }
}

const SCRIPT_LINES = fc.constantFrom(
  '[Client] Romeo',
  '[Client] Juliet',
  '\tjid: romeo@localhost',
  '\tjid: juliet@localhost/balcony',
  '\tpassword: x',
  '-----',
  '',
  '# a comment',
  'Romeo connects',
  'Juliet disconnects',
  'Romeo sends:',
  'Juliet receives:',
  'Romeo receives: nothing',
  "\t<presence to='room@conference.localhost/Romeo'>",
  "\t\t<x xmlns='http://jabber.org/protocol/muc'/>",
  '\t</presence>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: scansion's own ${…} syntax
  '\t<message to="${Juliet\'s full JID}"><body>{scansion:any}</body></message>',
  '\t<iq type="get" id="{scansion:capture:id}"/>',
);

describe('property: the .scs parser throws nothing but ScriptSyntaxError', () => {
  it('on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        parsesOrSyntaxError(text);
      }),
      { numRuns: 500 },
    );
  });

  it('on scripts assembled from script-like lines', () => {
    fc.assert(
      fc.property(fc.array(SCRIPT_LINES, { maxLength: 40 }), (lines) => {
        parsesOrSyntaxError(lines.join('\n'));
      }),
      { numRuns: 500 },
    );
  });

  it('on mutated scripts we ship', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SAMPLES),
        fc.array(mutation, { minLength: 1, maxLength: 5 }),
        (text, edits) => {
          parsesOrSyntaxError(mutate(text, edits));
        },
      ),
      { numRuns: 400 },
    );
  });
});

const XML_SAMPLES = [
  "<presence to='room@conference.localhost/Romeo'><x xmlns='http://jabber.org/protocol/muc'><history maxstanzas='2'/></x></presence>",
  '<message type="groupchat" to="room@conference.localhost" xml:lang="en"><body>a &amp; b &#x1F600;</body><!-- c --></message>',
  "<iq type='set' id='1'><query xmlns='http://jabber.org/protocol/muc#admin' xmlns:p='urn:p'><p:item p:nick='x'/><![CDATA[<raw>]]></query></iq>",
];

describe('property: the XML reader never throws', () => {
  function readsOrReports(text: string): void {
    const result = parseXml(text);
    if (!result.ok) {
      expect(result.error.line).toBeGreaterThanOrEqual(1);
      expect(result.error.column).toBeGreaterThanOrEqual(1);
      expect(result.error.message).not.toBe('');
    }
  }

  it('on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), readsOrReports), {
      numRuns: 1000,
    });
  });

  it('on mutated stanzas', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...XML_SAMPLES),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (text, edits) => {
          readsOrReports(mutate(text, edits));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('reports nesting deeper than 1,000 levels instead of exhausting the stack', () => {
    const nest = (levels: number) => `${'<a>'.repeat(levels)}${'</a>'.repeat(levels)}`;
    expect(parseXml(nest(1000)).ok).toBe(true);
    const deep = parseXml(nest(100_000));
    expect(deep.ok).toBe(false);
    if (!deep.ok)
      expect(deep.error).toMatchObject({
        line: 1,
        column: 3001,
        message: 'elements nested deeper than 1000 levels',
      });
  });
});

/** Random stanza-shaped ltx trees: names, attributes and namespaces the service knows, and others. */
const NAMES = [
  'presence',
  'message',
  'iq',
  'x',
  'item',
  'query',
  'body',
  'subject',
  'error',
  'invite',
  'decline',
  'destroy',
  'history',
  'password',
  'field',
  'value',
  'actor',
  'reason',
  'status',
  'command',
  'remove',
  'ping',
  'bogus',
];
const XMLNS = [
  NS.muc,
  NS.mucUser,
  NS.mucAdmin,
  NS.mucOwner,
  NS.dataForms,
  NS.register,
  NS.discoInfo,
  NS.discoItems,
  NS.commands,
  NS.stanzas,
  NS.ping,
  NS.mucRequest,
  'urn:bogus',
];
const VALUES = [
  'room@conference.localhost',
  'room@conference.localhost/Romeo',
  'room@conference.localhost/Juliet',
  'room@conference.localhost/',
  'conference.localhost',
  'juliet@localhost',
  'localhost',
  '',
  ' ',
  '😀',
  'get',
  'set',
  'result',
  'error',
  'groupchat',
  'chat',
  'unavailable',
  'probe',
  'submit',
  'cancel',
  'none',
  'visitor',
  'participant',
  'moderator',
  'owner',
  'admin',
  'member',
  'outcast',
  'muc#roomconfig_membersonly',
  'FORM_TYPE',
  '1',
  '0',
  '-1',
  'x-roomuser-item',
  'http://prosody.im/protocol/muc#destroy',
];
const ATTRS = [
  'to',
  'type',
  'id',
  'xmlns',
  'nick',
  'role',
  'affiliation',
  'jid',
  'var',
  'code',
  'node',
  'from',
  'maxstanzas',
  'since',
];

const attrs = fc.dictionary(
  fc.constantFrom(...ATTRS),
  fc.oneof(fc.constantFrom(...VALUES), fc.constantFrom(...XMLNS), fc.string({ maxLength: 6 })),
  { maxKeys: 5 },
);
const { tree } = fc.letrec<{ tree: Element }>((tie) => ({
  tree: fc
    .tuple(
      fc.constantFrom(...NAMES),
      attrs,
      fc.array(
        fc.oneof({ depthSize: 'small', maxDepth: 4 }, fc.string({ maxLength: 8 }), tie('tree')),
        { maxLength: 4 },
      ),
    )
    .map(([name, attributes, children]) => {
      const element = new Element(name, attributes);
      for (const child of children)
        element.append(typeof child === 'string' ? child : (child as Element));
      return element;
    }),
}));
const stanza = fc
  .tuple(fc.constantFrom('presence', 'message', 'iq'), attrs, fc.array(tree, { maxLength: 3 }))
  .map(([name, attributes, children]) => {
    const element = new Element(name, attributes);
    for (const child of children) element.append(child);
    return element;
  });

describe('property: the world never crashes on generated stanzas', () => {
  it('answers or ignores every random stanza, without a crash or internal-server-error', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(0, 1, 2), stanza), { minLength: 1, maxLength: 12 }),
        (sends) => {
          const world = new World();
          const romeo = world.connect('romeo@localhost/pda');
          const juliet = world.connect('juliet@localhost/balcony');
          const nurse = world.connect('nurse@localhost/home');
          createRoom(world, romeo, `${ROOM}/Romeo`);
          joinRoom(world, juliet, `${ROOM}/Juliet`);
          const sessions = [romeo, juliet, nurse];
          for (const [who, element] of sends) world.send(sessions[who]!.jid, element);
          const crashes = world.trace.entries.filter((entry) => entry.kind === 'crash');
          expect(crashes).toEqual([]);
          for (const session of sessions) {
            for (const received of take(world, session)) {
              expect(
                received.getChild('error')?.getChild('internal-server-error', NS.stanzas),
              ).toBeUndefined();
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
