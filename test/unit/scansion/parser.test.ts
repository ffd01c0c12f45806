// Tests of the .scs parser: the grammar and errors at file:line:column — scripts of XEP-0045 scenarios
import { describe, expect, it } from 'vitest';
import { parseScript } from '../../../src/scansion/parser.js';
import { ScriptSyntaxError } from '../../../src/scansion/syntax-error.js';

const HEAD = `[Client] Romeo
\tjid: romeo@localhost
\tpassword: password

[Client] Juliet's phone
\tjid: juliet@localhost/phone

-----
`;

function syntaxError(text: string): ScriptSyntaxError {
  try {
    parseScript(text, 'test.scs');
  } catch (error) {
    if (error instanceof ScriptSyntaxError) return error;
    throw error;
  }
  throw new Error('expected a syntax error');
}

describe('parseScript: a good script', () => {
  const text = `# MUC: a title
# A description
## muc
## smoke

${HEAD}
# Romeo joins
# the room
Romeo connects

Romeo sends:
\t<presence to="room@conference.localhost/Romeo">
\t\t<x xmlns="http://jabber.org/protocol/muc"/>
\t</presence>

Romeo receives:
\t<presence from='room@conference.localhost/Romeo' scansion:strict='false'/>

// not narration
Juliet's phone receives: nothing

Romeo disconnects

# recording ended
`;

  it('reads the title, description and tags', () => {
    const script = parseScript(text, 'a.scs');

    expect(script).toMatchObject({
      file: 'a.scs',
      title: 'MUC: a title',
      description: 'A description',
      tags: ['muc', 'smoke'],
    });
  });

  it('reads the client definitions, names with spaces and apostrophes included', () => {
    const script = parseScript(text, 'a.scs');

    expect(script.clients).toEqual([
      { name: 'Romeo', jid: 'romeo@localhost', password: 'password', line: 6 },
      { name: "Juliet's phone", jid: 'juliet@localhost/phone', line: 10 },
    ]);
  });

  it('reads the actions with their positions, blocks and narration', () => {
    const script = parseScript(text, 'a.scs');

    expect(script.actions.map((a) => [a.kind, a.client, a.line, a.nothing ?? false])).toEqual([
      ['connects', 'Romeo', 17, false],
      ['sends', 'Romeo', 19, false],
      ['receives', 'Romeo', 24, false],
      ['receives', "Juliet's phone", 28, true],
      ['disconnects', 'Romeo', 30, false],
    ]);
    expect(script.actions[0]?.narration).toEqual(['Romeo joins', 'the room']);
    expect(script.actions[1]?.xml).toBe(
      '\t<presence to="room@conference.localhost/Romeo">\n\t\t<x xmlns="http://jabber.org/protocol/muc"/>\n\t</presence>',
    );
    expect(script.actions[1]?.xmlLine).toBe(20);
    expect(script.actions[3]?.narration).toEqual([]);
  });

  it('keeps every comment and the comments after the last action', () => {
    const script = parseScript(text, 'a.scs');

    expect(script.comments.map((c) => c.line)).toEqual([15, 16, 27, 32]);
    expect(script.epilogue).toEqual(['recording ended']);
    expect(script.warnings).toEqual([]);
  });

  it('accepts space indentation, CRLF, optional colons and optional keys', () => {
    const crlf = [
      '[Client] Romeo',
      '    jid: romeo@localhost',
      '    resource: balcony',
      '    connect_host: 127.0.0.1',
      '    connect_port: 5222',
      'Romeo connects',
      'Romeo sends',
      '  <message to="a@b"/>',
      'Romeo receives nothing',
    ].join('\r\n');

    const script = parseScript(crlf, 'b.scs');

    expect(script.clients[0]).toMatchObject({
      resource: 'balcony',
      connectHost: '127.0.0.1',
      connectPort: 5222,
    });
    expect(script.actions.map((a) => a.kind)).toEqual(['connects', 'sends', 'receives']);
    expect(script.actions[2]?.nothing).toBe(true);
  });
});

describe('parseScript: tolerated oddities', () => {
  it('warns about a stray indented block without an action line', () => {
    const script = parseScript(`${HEAD}Romeo connects\n\n\t<presence/>\n`, 'w.scs');

    expect(script.warnings).toEqual([
      { line: 11, column: 2, message: 'indented block without an action line: ignored' },
    ]);
    expect(script.actions).toHaveLength(1);
  });

  it('warns about a sends after the client disconnected', () => {
    const script = parseScript(
      `${HEAD}Romeo connects\nRomeo disconnects\nRomeo sends:\n\t<presence/>\n`,
      'w.scs',
    );

    expect(script.warnings).toEqual([
      { line: 11, column: 1, message: 'Romeo sends after disconnecting: the step is skipped' },
    ]);
  });

  it('does not warn when the client connected again', () => {
    const script = parseScript(
      `${HEAD}Romeo connects\nRomeo disconnects\nRomeo connects\nRomeo sends:\n\t<presence/>\n`,
      'w.scs',
    );

    expect(script.warnings).toEqual([]);
  });
});

describe('parseScript: errors at line:column', () => {
  it.each([
    [
      'unknown client',
      `${HEAD}Mercutio connects\n`,
      9,
      1,
      "a defined client (Romeo, Juliet's phone)",
    ],
    [
      'unknown verb',
      `${HEAD}Romeo snds:\n\t<presence/>\n`,
      9,
      7,
      'connects, disconnects, sends, receives',
    ],
    [
      'no verb',
      `${HEAD}Romeo\n`,
      9,
      6,
      'a verb after the client name (connects, disconnects, sends, receives)',
    ],
    [
      'receives without block',
      `${HEAD}Romeo receives:\n\nRomeo connects\n`,
      9,
      16,
      "an indented XML stanza on the next line or 'nothing'",
    ],
    [
      'sends without block',
      `${HEAD}Romeo sends:\n`,
      9,
      13,
      'an indented XML stanza on the next line',
    ],
    ['nothing after sends', `${HEAD}Romeo sends: nothing\n`, 9, 14, 'end of line'],
    [
      'block after nothing',
      `${HEAD}Romeo receives: nothing\n\t<presence/>\n`,
      10,
      2,
      'a blank line or the next action',
    ],
    [
      'unknown key',
      '[Client] Romeo\n\tjid: a@b\n\tpasword: x\n',
      3,
      2,
      'jid, password, resource, connect_host, connect_port',
    ],
    ['key without colon', '[Client] Romeo\n\tjid a@b\n', 2, 5, "':'"],
    [
      'bad port',
      '[Client] Romeo\n\tjid: a@b\n\tconnect_port: http\n',
      3,
      16,
      'a port number from 1 to 65535',
    ],
    ['missing jid', '[Client] Romeo\n\tpassword: x\n-----\n', 1, 1, "an indented 'jid: …' line"],
    ['unknown class', '[Room] garden\n', 1, 2, "'Client'"],
    [
      'duplicate client',
      '[Client] Romeo\n\tjid: a@b\n[Client] Romeo\n\tjid: c@d\n',
      3,
      10,
      'a new client name',
    ],
    [
      'definition after actions',
      `${HEAD}Romeo connects\n[Client] Tybalt\n\tjid: t@b\n`,
      10,
      1,
      'an action or a comment',
    ],
    [
      'XML: unclosed element',
      `${HEAD}Romeo sends:\n\t<presence>\n\t\t<x/>\n`,
      11,
      7,
      "'</presence>'",
    ],
    [
      'XML: mismatched tag',
      `${HEAD}Romeo sends:\n\t<presence>\n\t</message>\n`,
      11,
      2,
      "'</presence>'",
    ],
    [
      'XML: two elements',
      `${HEAD}Romeo sends:\n\t<presence/>\n\t<message/>\n`,
      11,
      2,
      'end of input',
    ],
    [
      'XML: unbound prefix',
      `${HEAD}Romeo receives:\n\t<presence foo:bar='1'/>\n`,
      10,
      12,
      'an xmlns:foo declaration',
    ],
    [
      'unknown variable',
      `${HEAD}Romeo sends:\n\t<message to="\${Mercutio's JID}"/>\n`,
      10,
      15,
      `\${Name's JID} or \${Name's full JID} of a defined client`,
    ],
    [
      'indented line before any definition',
      '# title\n\tjid: a@b\n',
      2,
      2,
      "'[Client] Name' or an action",
    ],
    [
      'JID that does not prepare',
      '[Client] Romeo\n\tjid: ro<meo@localhost\n',
      2,
      7,
      'a JID such as romeo@localhost',
    ],
    [
      'resource that does not prepare',
      '[Client] Romeo\n\tjid: romeo@localhost\n\tresource: a\u202eb\n',
      3,
      12,
      'a resource such as balcony',
    ],
    [
      'name starting a comment',
      '[Client] #evil\n\tjid: a@b\n',
      1,
      10,
      expect.stringContaining("'#'"),
    ],
    [
      'name starting a definition',
      '[Client] [x\n\tjid: a@b\n',
      1,
      10,
      expect.stringContaining("'['"),
    ],
    ['name ending a variable', '[Client] a}b\n\tjid: a@b\n', 1, 10, expect.stringContaining("'}'")],
    ['control character', `${HEAD}Romeo connects\u001b[2J\n`, 9, 15, 'printable text'],
    [
      'sends of something that is not a stanza',
      `${HEAD}Romeo connects\nRomeo sends:\n\t<foo xmlns='urn:x'/>\n`,
      11,
      2,
      'a <message>, <presence> or <iq>',
    ],
    [
      'connects twice',
      `${HEAD}Romeo connects\nRomeo connects\n`,
      10,
      1,
      "'Romeo connects' and 'disconnects' in turn, sends between",
    ],
    [
      'sends before connecting',
      `${HEAD}Romeo sends:\n\t<presence/>\n`,
      9,
      1,
      "'Romeo connects' and 'disconnects' in turn, sends between",
    ],
    [
      'disconnects twice',
      `${HEAD}Romeo connects\nRomeo disconnects\nRomeo disconnects\n`,
      11,
      1,
      "'Romeo connects' and 'disconnects' in turn, sends between",
    ],
    [
      'variable behind a character reference',
      `${HEAD}Romeo connects\nRomeo sends:\n\t<message to="&#36;{Mercutio's JID}"/>\n`,
      11,
      2,
      `\${Name's JID} or \${Name's full JID} of a defined client`,
    ],
    ['empty script', '', 1, 1, "an action such as 'Romeo connects'"],
    ['definitions without steps', HEAD, 9, 1, "an action such as 'Romeo connects'"],
  ])('%s', (_, text, line, column, expected) => {
    const error = syntaxError(text);

    expect({ line: error.line, column: error.column, expected: error.expected }).toEqual({
      line,
      column,
      expected,
    });
    expect(error.file).toBe('test.scs');
  });

  it('reads a variable written with entities as the runner does, and names what hides it', () => {
    const apostrophe = `${HEAD}Romeo connects\nRomeo sends:\n\t<message to='\${Romeo&apos;s JID}'/>\n`;
    expect(parseScript(apostrophe, 'test.scs').actions).toHaveLength(2);

    const hidden = syntaxError(
      `${HEAD}Romeo connects\nRomeo sends:\n\t<message to="&#36;{Mercutio's JID}"/>\n`,
    );
    expect(hidden.message).toBe(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: scansion's own ${…} syntax
      "unknown variable ${Mercutio's JID} (written with character references): no client 'Mercutio'",
    );
  });

  it('shows control characters and long tokens visibly in its messages', () => {
    const control = syntaxError(`${HEAD}Romeo conn\u001b[31mects\n`);
    expect(control.message).toBe('control character U+001B is not allowed in a script');

    const long = syntaxError(`${HEAD}Romeo ${'x'.repeat(100_000)}\n`);
    expect(long.message).toMatch(/^unknown verb 'x{80}… \(100,000 characters\)'$/);
  });

  it('names the problem in the message and formats file:line:column', () => {
    const error = syntaxError(`${HEAD}Romeo receives:\n\t<presence scansion:strict='true'>\n`);

    expect(error.message).toBe('invalid XML: unexpected end of input: <presence> is not closed');
    expect(String(error)).toBe(
      "test.scs:10:35: invalid XML: unexpected end of input: <presence> is not closed (expected '</presence>')",
    );
  });
});
