// Tests of the typed command language: every verb, good and bad input, the stanzas built — XEP-0045 §7–§10 as typed by virtual users
import { describe, expect, it } from 'vitest';
import {
  COMMAND_VERBS,
  type Command,
  type CommandContext,
  type CommandParse,
  parseCommand,
  type StanzaCommand,
} from '../../../src/debugger/command-language.js';
import { buildStanza } from '../../../src/debugger/command-stanzas.js';
import { FEATURES } from '../../../src/muc/features/index.js';
import { parseBlock } from '../../../src/scansion/block.js';
import { canonicalXml } from '../../../src/xmpp/xml.js';

const CONTEXT: CommandContext = {
  clients: [
    { name: 'Romeo', jid: 'user@localhost' },
    { name: 'Juliet', jid: 'user2@localhost' },
    { name: "Juliet's phone", jid: 'user2@localhost/phone' },
  ],
};

const VERBS = COMMAND_VERBS.join(', ');

function parse(line: string): CommandParse {
  return parseCommand(line, CONTEXT);
}

function command(line: string): Command {
  const result = parse(line);
  if (!result.ok) throw new Error(`${line}: ${result.message} (column ${result.column})`);
  return result.command;
}

function stanzaOf(line: string, nick?: string): string {
  const parsed = command(line);
  let next = 0;
  const built = buildStanza(parsed as StanzaCommand & { user: string }, {
    nextId: () => `id${++next}`,
    nickIn: () => nick,
  });
  if (!built.ok) throw new Error(built.message);
  return canonicalXml(built.stanza);
}

function xml(text: string): string {
  const parsed = parseBlock(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return canonicalXml(parsed.element);
}

describe('parseCommand: users', () => {
  it('matches a defined client case-insensitively', () => {
    expect(command('romeo disconnect')).toEqual({
      verb: 'disconnect',
      user: 'Romeo',
      newUser: false,
    });
    expect(command('ROMEO disconnect').user).toBe('Romeo');
  });

  it('matches the longest client name, spaces and apostrophes included', () => {
    expect(command("juliet's phone disconnect").user).toBe("Juliet's phone");
    expect(command('juliet disconnect').user).toBe('Juliet');
  });

  it('connects a new user with <name>@localhost, capitalising the name', () => {
    expect(command('mercutio connect')).toEqual({
      verb: 'connect',
      jid: 'mercutio@localhost',
      user: 'Mercutio',
      newUser: true,
    });
  });

  it('connects a new user with the given JID', () => {
    expect(command('nurse connect angelica@localhost')).toEqual({
      verb: 'connect',
      jid: 'angelica@localhost',
      user: 'Nurse',
      newUser: true,
    });
  });

  it('connects a defined client with its own JID', () => {
    expect(command('romeo connect')).toEqual({
      verb: 'connect',
      jid: 'user@localhost',
      user: 'Romeo',
      newUser: false,
    });
    expect(command('romeo connect user@localhost').verb).toBe('connect');
  });

  it('refuses another JID for a defined client', () => {
    expect(parse('romeo connect other@localhost')).toEqual({
      ok: false,
      message: 'connect: Romeo is defined with jid user@localhost',
      column: 15,
    });
  });

  it('refuses a JID of another server', () => {
    expect(parse('nurse connect nurse@example.com')).toEqual({
      ok: false,
      message: "connect: 'nurse@example.com' is not an account of localhost",
      column: 15,
    });
  });

  it('refuses an invalid JID', () => {
    expect(parse('nurse connect a@b@c')).toEqual({
      ok: false,
      message: "connect: 'a@b@c' is not a valid JID",
      column: 15,
    });
    expect(parse("o'brien connect")).toEqual({
      ok: false,
      message: "connect: 'o'brien@localhost' is not a valid JID; give one: o'brien connect <jid>",
      column: 16,
    });
  });

  it('names the known users when the user is unknown', () => {
    expect(parse('bob say room hi')).toEqual({
      ok: false,
      message:
        "unknown user 'bob' (known users: Romeo, Juliet, Juliet's phone); add one with: bob connect [jid]",
      column: 1,
    });
    expect(parseCommand('bob join room', { clients: [] })).toEqual({
      ok: false,
      message: "unknown user 'bob' (no users yet); add one with: bob connect [jid]",
      column: 1,
    });
  });

  it('lists the verbs for an unknown or missing verb', () => {
    expect(parse('romeo dance room')).toEqual({
      ok: false,
      message: `unknown verb 'dance': use one of ${VERBS}`,
      column: 7,
    });
    expect(parse('romeo')).toEqual({
      ok: false,
      message: `missing verb after 'romeo': use one of ${VERBS}`,
      column: 6,
    });
    expect(parse('   ')).toEqual({
      ok: false,
      message: `empty command: type <user> <verb> …, verbs: ${VERBS}`,
      column: 1,
    });
  });

  it('reports an unterminated quote', () => {
    expect(parse('romeo kick room "Juliet')).toEqual({
      ok: false,
      message: 'unterminated quote',
      column: 17,
    });
  });

  it('reads a quoted user name with a space, and a quote left open inside typed text', () => {
    expect(command('"two words" connect tw@localhost')).toMatchObject({
      verb: 'connect',
      user: 'Two words',
      jid: 'tw@localhost',
      newUser: true,
    });
    expect(parse('"two words" connect')).toMatchObject({
      message: expect.stringContaining('give one: "two words" connect <jid>'),
    });
    expect(command('romeo say room He said "hi')).toMatchObject({ text: 'He said "hi' });
  });

  it.each([
    [
      '#evil connect',
      "client name '#evil' would start a comment on its action lines: a recording could not hold it",
      1,
    ],
    [
      '[x connect',
      "client name '[x' would start a definition on its action lines: a recording could not hold it",
      1,
    ],
    [
      '"a}b" connect',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: scansion's own ${…} syntax
      "client name 'A}b' contains '}', which ends a ${…} variable: a recording could not hold it",
      1,
    ],
    [
      // biome-ignore lint/suspicious/noTemplateCurlyInString: scansion's own ${…} syntax
      "romeo say room ${Juliet's JID}",
      "'${' cannot be typed: a recording would read it as scansion syntax, not as text",
      16,
    ],
    [
      'romeo say room {scansion:any}',
      "'{scansion:' cannot be typed: a recording would read it as scansion syntax, not as text",
      16,
    ],
  ])('refuses what a recording cannot hold: %s', (line, message, column) => {
    expect(parse(line)).toEqual({ ok: false, message, column });
  });

  it('echoes what it quotes visibly', () => {
    expect(parse('romeo \u001b[2J room')).toMatchObject({
      ok: false,
      message: expect.stringContaining("unknown verb '\\x1b[2J'"),
    });
  });

  it('rejects arguments to disconnect', () => {
    expect(parse('romeo disconnect now')).toEqual({
      ok: false,
      message: "disconnect: unexpected 'now' (usage: disconnect)",
      column: 18,
    });
  });
});

describe('parseCommand: verbs', () => {
  it('join: room@service/Nick, a bare room name, the user name as default nick, a password', () => {
    expect(command('romeo join room@conference.localhost/Romeo')).toMatchObject({
      verb: 'join',
      room: 'room@conference.localhost',
      nick: 'Romeo',
    });
    expect(command('juliet join garden/Jules secret')).toMatchObject({
      room: 'garden@conference.localhost',
      nick: 'Jules',
      password: 'secret',
    });
    expect(command('juliet join garden')).toMatchObject({ nick: 'Juliet' });
    expect(parse('juliet join')).toEqual({
      ok: false,
      message: 'join: missing <room@service/Nick> (usage: join <room@service/Nick> [password])',
      column: 12,
    });
    expect(parse('juliet join @x/y')).toEqual({
      ok: false,
      message: "join: '@x/y' is not a valid room JID",
      column: 13,
    });
    expect(parse('juliet join garden/J secret extra')).toEqual({
      ok: false,
      message: "join: unexpected 'extra' (usage: join <room@service/Nick> [password])",
      column: 29,
    });
  });

  it('leave: a room, an occupant JID, a status text', () => {
    expect(command('juliet leave garden')).toEqual({
      verb: 'leave',
      room: 'garden@conference.localhost',
      user: 'Juliet',
      newUser: false,
    });
    expect(command('juliet leave garden/Jules Gone to bed')).toMatchObject({
      nick: 'Jules',
      status: 'Gone to bed',
    });
  });

  it('say and subject: the rest of the line as typed', () => {
    expect(command('romeo say room  Hello,   world ')).toMatchObject({
      verb: 'say',
      room: 'room@conference.localhost',
      text: 'Hello,   world',
    });
    expect(command('romeo subject room@conference.localhost Fire & brimstone')).toMatchObject({
      verb: 'subject',
      text: 'Fire & brimstone',
    });
    expect(parse('romeo say room')).toEqual({
      ok: false,
      message: 'say: missing <text…> (usage: say <room> <text…>)',
      column: 15,
    });
    expect(parse('romeo say room/Romeo hi')).toEqual({
      ok: false,
      message: "say: 'room/Romeo' is an occupant JID: give the room without /Romeo",
      column: 11,
    });
  });

  it('pm: room/Nick and a text', () => {
    expect(command('romeo pm room/Juliet psst')).toMatchObject({
      verb: 'pm',
      room: 'room@conference.localhost',
      nick: 'Juliet',
      text: 'psst',
    });
    expect(parse('romeo pm room psst')).toEqual({
      ok: false,
      message: "pm: 'room' has no nick: give room/Nick",
      column: 10,
    });
    expect(parse('romeo pm room/Juliet')).toEqual({
      ok: false,
      message: 'pm: missing <text…> (usage: pm <room/Nick> <text…>)',
      column: 21,
    });
  });

  it('nick and register: one nick', () => {
    expect(command('juliet nick room Jules')).toMatchObject({ verb: 'nick', nick: 'Jules' });
    expect(command('juliet register room Jules')).toMatchObject({
      verb: 'register',
      nick: 'Jules',
    });
    expect(parse('juliet nick room')).toEqual({
      ok: false,
      message: 'nick: missing <NewNick> (usage: nick <room> <NewNick>)',
      column: 17,
    });
    expect(parse('juliet register room')).toEqual({
      ok: false,
      message: 'register: missing <Nick> (usage: register <room> <Nick>)',
      column: 21,
    });
  });

  it('invite and ban: a JID or a client name, an optional reason', () => {
    expect(command('romeo invite room juliet Come in')).toMatchObject({
      verb: 'invite',
      jid: 'user2@localhost',
      reason: 'Come in',
    });
    expect(command('romeo invite room nurse@localhost/kitchen')).toMatchObject({
      jid: 'nurse@localhost/kitchen',
    });
    expect(command('romeo ban room nurse@localhost/kitchen Treason')).toMatchObject({
      verb: 'ban',
      jid: 'nurse@localhost',
      reason: 'Treason',
    });
    expect(parse('romeo ban room tybalt')).toEqual({
      ok: false,
      message: "ban: unknown user 'tybalt': give a JID such as tybalt@localhost",
      column: 16,
    });
    expect(parse('romeo invite room')).toEqual({
      ok: false,
      message: 'invite: missing <jid> (usage: invite <room> <jid> [reason…])',
      column: 18,
    });
  });

  it('kick: a nick (quoted when it has spaces) and a reason', () => {
    expect(command('romeo kick room "Juliet\'s phone" Avaunt')).toMatchObject({
      verb: 'kick',
      nick: "Juliet's phone",
      reason: 'Avaunt',
    });
    expect(command('romeo kick room Juliet')).not.toHaveProperty('reason');
  });

  it('voice: on or off', () => {
    expect(command('romeo voice room Juliet on')).toMatchObject({ verb: 'voice', on: true });
    expect(command('romeo voice room Juliet OFF')).toMatchObject({ on: false });
    expect(parse('romeo voice room Juliet maybe')).toEqual({
      ok: false,
      message: "voice: 'maybe' is not on or off",
      column: 25,
    });
    expect(parse('romeo voice room Juliet')).toEqual({
      ok: false,
      message: 'voice: missing on|off (usage: voice <room> <Nick> on|off)',
      column: 24,
    });
  });

  it('affiliate: a JID, an affiliation and a nick', () => {
    expect(command('romeo affiliate room juliet member Jules')).toMatchObject({
      verb: 'affiliate',
      jid: 'user2@localhost',
      affiliation: 'member',
      nick: 'Jules',
    });
    expect(command('romeo affiliate room nurse@localhost OWNER')).toMatchObject({
      affiliation: 'owner',
    });
    expect(parse('romeo affiliate room juliet boss')).toEqual({
      ok: false,
      message: "affiliate: 'boss' is not an affiliation: use owner, admin, member, none, outcast",
      column: 29,
    });
  });

  it('config: short names, full names, instant', () => {
    expect(command('romeo config room instant')).toMatchObject({ verb: 'config', fields: [] });
    expect(
      command(
        'romeo config room membersonly=1 moderated=yes whois=anyone password=secret persistent=0 public=1 changesubject=true presencebroadcast=moderator,participant maxusers=10 name="The Garden"',
      ),
    ).toMatchObject({
      fields: [
        { var: 'muc#roomconfig_membersonly', values: ['1'] },
        { var: 'muc#roomconfig_moderatedroom', values: ['1'] },
        { var: 'muc#roomconfig_whois', values: ['anyone'] },
        { var: 'muc#roomconfig_roomsecret', values: ['secret'] },
        { var: 'muc#roomconfig_persistentroom', values: ['0'] },
        { var: 'muc#roomconfig_publicroom', values: ['1'] },
        { var: 'muc#roomconfig_changesubject', values: ['1'] },
        { var: 'muc#roomconfig_presencebroadcast', values: ['moderator', 'participant'] },
        { var: 'muc#roomconfig_maxusers', values: ['10'] },
        { var: 'muc#roomconfig_roomname', values: ['The Garden'] },
      ],
    });
    expect(command('romeo config room muc#roomconfig_membersonly=1')).toMatchObject({
      fields: [{ var: 'muc#roomconfig_membersonly', values: ['1'] }],
    });
    expect(command('romeo config room muc#roomconfig_custom=a,b')).toMatchObject({
      fields: [{ var: 'muc#roomconfig_custom', values: ['a', 'b'] }],
    });
  });

  it('config: clear errors', () => {
    expect(parse('romeo config room')).toEqual({
      ok: false,
      message:
        'config: missing <field>=<value> or instant (usage: config <room> <field>=<value>… | config <room> instant)',
      column: 18,
    });
    expect(parse('romeo config room membersonly')).toEqual({
      ok: false,
      message: "config: 'membersonly' is not <field>=<value>",
      column: 19,
    });
    expect(parse('romeo config room colour=red')).toMatchObject({
      ok: false,
      message: expect.stringMatching(
        /^config: unknown field 'colour': use name, description, .*, maxusers or a full field name$/,
      ),
      column: 19,
    });
    expect(parse('romeo config room membersonly=perhaps')).toEqual({
      ok: false,
      message: "config: membersonly must be 1 or 0, not 'perhaps'",
      column: 19,
    });
    expect(parse('romeo config room whois=everyone')).toEqual({
      ok: false,
      message: "config: whois must be one of moderators, anyone, not 'everyone'",
      column: 19,
    });
    expect(parse('romeo config room maxusers=ten')).toEqual({
      ok: false,
      message: "config: maxusers must be a whole number or none, not 'ten'",
      column: 19,
    });
    expect(parse('romeo config room presencebroadcast=moderator,owner')).toEqual({
      ok: false,
      message:
        "config: presencebroadcast takes values among none, visitor, participant, moderator, not 'owner'",
      column: 19,
    });
  });

  it("config: the features' words, each value checked as the room's form offers it", () => {
    expect(command('romeo config room allowpm=affiliated archiving=off maxusers=15')).toMatchObject(
      {
        fields: [
          { var: 'muc#roomconfig_allowpm', values: ['affiliated'] },
          { var: 'muc#roomconfig_enablearchiving', values: ['0'] },
          { var: 'muc#roomconfig_maxusers', values: ['15'] },
        ],
      },
    );
    expect(parse('romeo config room allowpm=everyone')).toMatchObject({
      ok: false,
      message:
        "config: allowpm must be one of visitor, participant, moderator, affiliated, none, not 'everyone'",
    });
    const words = FEATURES.flatMap((feature) => feature.config ?? []).flatMap((field) =>
      field.word === undefined ? [] : [[field.word, field.field.var] as const],
    );
    expect(words.length).toBeGreaterThan(12);
    for (const [word, name] of words) {
      const typed = parse(`romeo config room ${word}=1`);
      const fields = typed.ok && typed.command.verb === 'config' ? typed.command.fields : [];
      expect(
        fields.map((field) => field.var),
        word,
      ).toEqual(typed.ok ? [name] : []);
      if (!typed.ok) expect(typed.message).toMatch(new RegExp(`^config: ${word} (must be|takes)`));
    }
  });

  it('destroy: a room and a reason', () => {
    expect(command('romeo destroy room Macbeth doth murder sleep')).toMatchObject({
      verb: 'destroy',
      room: 'room@conference.localhost',
      reason: 'Macbeth doth murder sleep',
    });
    expect(parse('romeo destroy')).toEqual({
      ok: false,
      message: 'destroy: missing <room> (usage: destroy <room> [reason…])',
      column: 14,
    });
  });
});

describe('buildStanza', () => {
  it('join (§7.2.1) and join with a password (§7.2.5)', () => {
    expect(stanzaOf('juliet join room/Juliet')).toBe(
      xml(
        `<presence to='room@conference.localhost/Juliet'><x xmlns='http://jabber.org/protocol/muc'/></presence>`,
      ),
    );
    expect(stanzaOf('juliet join room/Juliet cauldron')).toBe(
      xml(
        `<presence to='room@conference.localhost/Juliet'><x xmlns='http://jabber.org/protocol/muc'><password>cauldron</password></x></presence>`,
      ),
    );
  });

  it('leave (§7.14) to the current nick, with a status', () => {
    expect(stanzaOf('juliet leave room Bye', 'Jules')).toBe(
      xml(
        `<presence to='room@conference.localhost/Jules' type='unavailable'><status>Bye</status></presence>`,
      ),
    );
  });

  it('leave and nick refuse a room the user is not in', () => {
    const context = { nextId: () => 'x', nickIn: () => undefined };
    expect(
      buildStanza(command('juliet leave room') as StanzaCommand & { user: string }, context),
    ).toEqual({
      ok: false,
      message: 'Juliet is not in room@conference.localhost',
    });
    expect(
      buildStanza(command('juliet nick room Jules') as StanzaCommand & { user: string }, context),
    ).toEqual({ ok: false, message: 'Juliet is not in room@conference.localhost' });
  });

  it('say (§7.4), pm (§7.5), nick (§7.6), subject (§8.1)', () => {
    expect(stanzaOf('romeo say room Hello')).toBe(
      xml(
        `<message to='room@conference.localhost' type='groupchat' id='id1'><body>Hello</body></message>`,
      ),
    );
    expect(stanzaOf('romeo pm room/Juliet psst')).toBe(
      xml(
        `<message to='room@conference.localhost/Juliet' type='chat' id='id1'><body>psst</body><x xmlns='http://jabber.org/protocol/muc#user'/></message>`,
      ),
    );
    expect(stanzaOf('romeo nick room Montague', 'Romeo')).toBe(
      xml(`<presence to='room@conference.localhost/Montague'/>`),
    );
    expect(stanzaOf('romeo subject room Fire Burn')).toBe(
      xml(
        `<message to='room@conference.localhost' type='groupchat' id='id1'><subject>Fire Burn</subject></message>`,
      ),
    );
  });

  it('invite (§7.8.2) and register (§7.10)', () => {
    expect(stanzaOf('romeo invite room juliet Come')).toBe(
      xml(
        `<message to='room@conference.localhost' id='id1'><x xmlns='http://jabber.org/protocol/muc#user'><invite to='user2@localhost'><reason>Come</reason></invite></x></message>`,
      ),
    );
    expect(stanzaOf('juliet register room Jules')).toBe(
      xml(`<iq type='set' to='room@conference.localhost' id='id1'>
        <query xmlns='jabber:iq:register'>
          <x xmlns='jabber:x:data' type='submit'>
            <field var='FORM_TYPE'><value>http://jabber.org/protocol/muc#register</value></field>
            <field var='muc#register_roomnick'><value>Jules</value></field>
          </x>
        </query>
      </iq>`),
    );
  });

  it('kick (§8.2), voice (§8.3, §8.4), ban (§9.1), affiliate (§9.3)', () => {
    const admin = (item: string) =>
      xml(
        `<iq type='set' to='room@conference.localhost' id='id1'><query xmlns='http://jabber.org/protocol/muc#admin'>${item}</query></iq>`,
      );
    expect(stanzaOf('romeo kick room Juliet Avaunt')).toBe(
      admin(`<item nick='Juliet' role='none'><reason>Avaunt</reason></item>`),
    );
    expect(stanzaOf('romeo voice room Juliet on')).toBe(
      admin(`<item nick='Juliet' role='participant'/>`),
    );
    expect(stanzaOf('romeo voice room Juliet off')).toBe(
      admin(`<item nick='Juliet' role='visitor'/>`),
    );
    expect(stanzaOf('romeo ban room juliet Treason')).toBe(
      admin(`<item affiliation='outcast' jid='user2@localhost'><reason>Treason</reason></item>`),
    );
    expect(stanzaOf('romeo affiliate room juliet member Jules')).toBe(
      admin(`<item affiliation='member' jid='user2@localhost' nick='Jules'/>`),
    );
  });

  it('config: a form (§10.2), an instant room (§10.1.2); destroy (§10.9)', () => {
    const owner = (query: string) =>
      xml(
        `<iq type='set' to='room@conference.localhost' id='id1'><query xmlns='http://jabber.org/protocol/muc#owner'>${query}</query></iq>`,
      );
    expect(stanzaOf('romeo config room instant')).toBe(
      owner(`<x xmlns='jabber:x:data' type='submit'/>`),
    );
    expect(
      stanzaOf('romeo config room membersonly=1 presencebroadcast=moderator,participant'),
    ).toBe(
      owner(`<x xmlns='jabber:x:data' type='submit'>
        <field var='FORM_TYPE'><value>http://jabber.org/protocol/muc#roomconfig</value></field>
        <field var='muc#roomconfig_membersonly'><value>1</value></field>
        <field var='muc#roomconfig_presencebroadcast'><value>moderator</value><value>participant</value></field>
      </x>`),
    );
    expect(stanzaOf('romeo destroy room Gone')).toBe(
      owner(`<destroy><reason>Gone</reason></destroy>`),
    );
  });
});
