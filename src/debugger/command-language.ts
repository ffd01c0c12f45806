// The debugger's typed command language: `<user> <verb> <args…>` → the stanza a client sends — XEP-0045 §7 (occupants), §8 (moderators), §9 (admins), §10 (owners)
import { Element } from 'ltx';
import { AFFILIATIONS, type Affiliation, isAffiliation } from '../muc/model/affiliation.js';
import { bareJid, domainOf, prepJid, resourceOf } from '../xmpp/jid.js';
import { NS } from '../xmpp/namespaces.js';

export const COMMAND_VERBS = [
  'connect',
  'disconnect',
  'join',
  'leave',
  'say',
  'pm',
  'nick',
  'subject',
  'invite',
  'register',
  'kick',
  'voice',
  'ban',
  'affiliate',
  'config',
  'destroy',
] as const;
export type CommandVerb = (typeof COMMAND_VERBS)[number];

/** One line of help per verb, as shown in error messages and the help overlay. */
export const COMMAND_USAGE: Readonly<Record<CommandVerb, string>> = {
  connect: 'connect [jid]',
  disconnect: 'disconnect',
  join: 'join <room@service/Nick> [password]',
  leave: 'leave <room> [status text…]',
  say: 'say <room> <text…>',
  pm: 'pm <room/Nick> <text…>',
  nick: 'nick <room> <NewNick>',
  subject: 'subject <room> <text…>',
  invite: 'invite <room> <jid> [reason…]',
  register: 'register <room> <Nick>',
  kick: 'kick <room> <Nick> [reason…]',
  voice: 'voice <room> <Nick> on|off',
  ban: 'ban <room> <jid> [reason…]',
  affiliate: 'affiliate <room> <jid> owner|admin|member|none|outcast [nick]',
  config: 'config <room> <field>=<value>… | config <room> instant',
  destroy: 'destroy <room> [reason…]',
};

const VERB_LIST = COMMAND_VERBS.join(', ');

interface ConfigFieldSpec {
  var: string;
  kind: 'boolean' | 'text' | 'number' | 'roles' | 'choice';
  choices?: readonly string[];
}

const ROOMCONFIG = 'muc#roomconfig_';
const BROADCAST_ROLES = ['moderator', 'participant', 'visitor', 'none'] as const;

/** Short names for the muc#roomconfig fields (§10.2, §16.5.3) and Prosody's allowmemberinvites. */
export const CONFIG_FIELDS: Readonly<Record<string, ConfigFieldSpec>> = {
  name: { var: `${ROOMCONFIG}roomname`, kind: 'text' },
  description: { var: `${ROOMCONFIG}roomdesc`, kind: 'text' },
  lang: { var: `${ROOMCONFIG}lang`, kind: 'text' },
  persistent: { var: `${ROOMCONFIG}persistentroom`, kind: 'boolean' },
  public: { var: `${ROOMCONFIG}publicroom`, kind: 'boolean' },
  membersonly: { var: `${ROOMCONFIG}membersonly`, kind: 'boolean' },
  allowinvites: {
    var: '{http://prosody.im/protocol/muc}roomconfig_allowmemberinvites',
    kind: 'boolean',
  },
  moderated: { var: `${ROOMCONFIG}moderatedroom`, kind: 'boolean' },
  whois: { var: `${ROOMCONFIG}whois`, kind: 'choice', choices: ['moderators', 'anyone'] },
  password: { var: `${ROOMCONFIG}roomsecret`, kind: 'text' },
  changesubject: { var: `${ROOMCONFIG}changesubject`, kind: 'boolean' },
  presencebroadcast: { var: `${ROOMCONFIG}presencebroadcast`, kind: 'roles' },
  historylength: { var: `${ROOMCONFIG}historylength`, kind: 'number' },
  defaulthistorymessages: { var: `${ROOMCONFIG}defaulthistorymessages`, kind: 'number' },
  allowpm: {
    var: `${ROOMCONFIG}allowpm`,
    kind: 'choice',
    choices: ['visitor', 'participant', 'moderator', 'none'],
  },
  maxusers: { var: `${ROOMCONFIG}maxusers`, kind: 'number' },
};

export interface CommandClient {
  name: string;
  /** The client's JID as defined (bare, or full when it fixes the resource). */
  jid: string;
}

export interface CommandContext {
  /** Clients defined so far; `<user>` matches one of them case-insensitively. */
  clients: readonly CommandClient[];
  /** The users' server (default `localhost`). */
  domain?: string;
  /** The MUC service that bare room names belong to (default `conference.<domain>`). */
  mucDomain?: string;
}

export interface ConfigValue {
  var: string;
  values: string[];
}

export type StanzaCommand =
  | { verb: 'join'; room: string; nick: string; password?: string }
  | { verb: 'leave'; room: string; nick?: string; status?: string }
  | { verb: 'say'; room: string; text: string }
  | { verb: 'pm'; room: string; nick: string; text: string }
  | { verb: 'nick'; room: string; nick: string }
  | { verb: 'subject'; room: string; text: string }
  | { verb: 'invite'; room: string; jid: string; reason?: string }
  | { verb: 'register'; room: string; nick: string }
  | { verb: 'kick'; room: string; nick: string; reason?: string }
  | { verb: 'voice'; room: string; nick: string; on: boolean }
  | { verb: 'ban'; room: string; jid: string; reason?: string }
  | { verb: 'affiliate'; room: string; jid: string; affiliation: Affiliation; nick?: string }
  /** No fields: an instant room (§10.1.2). */
  | { verb: 'config'; room: string; fields: ConfigValue[] }
  | { verb: 'destroy'; room: string; reason?: string };

export type CommandAction =
  /** `jid`: the client's defined JID, the one given, or `<name>@<domain>`. */
  { verb: 'connect'; jid: string } | { verb: 'disconnect' } | StanzaCommand;

/** A parsed command: who (a defined client, or a new one for `connect`) and what. */
export type Command = CommandAction & {
  /** The client name: as defined, or the typed name capitalised for a new user. */
  user: string;
  /** True when `connect` introduces a client that is not defined yet. */
  newUser: boolean;
};

export type CommandParse =
  | { ok: true; command: Command }
  /** `column`: 1-based position of the problem in the line. */
  | { ok: false; message: string; column: number };

interface Token {
  text: string;
  /** 0-based offset of the token's first character. */
  start: number;
}

class CommandError {
  constructor(
    readonly message: string,
    /** 0-based offset. */
    readonly offset: number,
  ) {}
}

/** Splits on whitespace; `"…"` inside a token keeps spaces (`kick room "Juliet's phone"`). */
function tokenize(line: string, from: number): Token[] {
  const tokens: Token[] = [];
  let index = from;
  while (index < line.length) {
    if (/\s/.test(line[index] as string)) {
      index += 1;
      continue;
    }
    const start = index;
    let text = '';
    while (index < line.length && !/\s/.test(line[index] as string)) {
      if (line[index] === '"') {
        const close = line.indexOf('"', index + 1);
        if (close === -1) throw new CommandError('unterminated quote', index);
        text += line.slice(index + 1, close);
        index = close + 1;
      } else {
        text += line[index];
        index += 1;
      }
    }
    tokens.push({ text, start });
  }
  return tokens;
}

function capitalise(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** The client named at the start of the line: the longest defined name, case-insensitively. */
function findClient(line: string, clients: readonly CommandClient[]): CommandClient | undefined {
  const lower = line.toLowerCase();
  const sorted = [...clients].sort((a, b) => b.name.length - a.name.length);
  return sorted.find((client) => {
    const name = client.name.toLowerCase();
    return (
      lower.startsWith(name) &&
      (lower.length === name.length || /\s/.test(line[name.length] as string))
    );
  });
}

function isVerb(word: string): word is CommandVerb {
  return (COMMAND_VERBS as readonly string[]).includes(word);
}

/** Reads a command's arguments, remembering where the line ends for "missing" errors. */
class Arguments {
  private next = 0;

  constructor(
    private readonly line: string,
    private readonly tokens: Token[],
    private readonly verb: CommandVerb,
  ) {}

  private usage(): string {
    return `usage: ${COMMAND_USAGE[this.verb]}`;
  }

  fail(message: string, token?: Token): never {
    const offset = token ? token.start : this.line.trimEnd().length;
    throw new CommandError(`${this.verb}: ${message}`, offset);
  }

  required(name: string): Token {
    const token = this.tokens[this.next];
    if (!token) this.fail(`missing ${name} (${this.usage()})`);
    this.next += 1;
    return token;
  }

  optional(): Token | undefined {
    const token = this.tokens[this.next];
    if (token) this.next += 1;
    return token;
  }

  /** Everything from the next token to the end of the line, as typed. */
  rest(): string | undefined {
    const token = this.tokens[this.next];
    if (!token) return undefined;
    this.next = this.tokens.length;
    const raw = this.line.slice(token.start).trim();
    const quoted = /^"([^"]*)"$/.exec(raw);
    return quoted ? (quoted[1] as string) : raw;
  }

  requiredRest(name: string): string {
    const text = this.rest();
    if (text === undefined || text === '') this.fail(`missing ${name} (${this.usage()})`);
    return text;
  }

  remaining(): Token[] {
    const tokens = this.tokens.slice(this.next);
    this.next = this.tokens.length;
    return tokens;
  }

  end(): void {
    const token = this.tokens[this.next];
    if (token) this.fail(`unexpected '${token.text}' (${this.usage()})`, token);
  }
}

class CommandParser {
  private readonly domain: string;
  private readonly mucDomain: string;

  constructor(private readonly context: CommandContext) {
    this.domain = context.domain ?? 'localhost';
    this.mucDomain = context.mucDomain ?? `conference.${this.domain}`;
  }

  parse(line: string): Command {
    const trimmed = line.trimStart();
    const lead = line.length - trimmed.length;
    if (trimmed.trim() === '') {
      throw new CommandError(`empty command: type <user> <verb> …, verbs: ${VERB_LIST}`, 0);
    }
    const client = findClient(trimmed, this.context.clients);
    const userToken = client
      ? { text: trimmed.slice(0, client.name.length), start: lead }
      : (tokenize(line, lead)[0] as Token);
    const tokens = tokenize(line, userToken.start + userToken.text.length);
    const verbToken = tokens.shift();
    if (!verbToken) {
      throw new CommandError(
        `missing verb after '${userToken.text}': use one of ${VERB_LIST}`,
        line.trimEnd().length,
      );
    }
    const verb = verbToken.text.toLowerCase();
    if (!isVerb(verb)) {
      throw new CommandError(
        `unknown verb '${verbToken.text}': use one of ${VERB_LIST}`,
        verbToken.start,
      );
    }
    if (!client && verb !== 'connect') {
      const known = this.context.clients.map((candidate) => candidate.name).join(', ');
      const users = known === '' ? 'no users yet' : `known users: ${known}`;
      throw new CommandError(
        `unknown user '${userToken.text}' (${users}); add one with: ${userToken.text} connect [jid]`,
        userToken.start,
      );
    }
    const user = client?.name ?? capitalise(userToken.text);
    const args = new Arguments(line, tokens, verb);
    const action = this.action(verb, args, user, client);
    return { ...action, user, newUser: client === undefined };
  }

  private action(
    verb: CommandVerb,
    args: Arguments,
    user: string,
    client: CommandClient | undefined,
  ): CommandAction {
    switch (verb) {
      case 'connect':
        return this.connect(args, user, client);
      case 'disconnect':
        args.end();
        return { verb };
      case 'join': {
        const token = args.required('<room@service/Nick>');
        const { room, nick } = this.roomOrOccupant(args, token);
        const password = args.optional()?.text;
        args.end();
        // A join without a nick uses the user's name.
        return { verb, room, nick: nick ?? user, ...(password === undefined ? {} : { password }) };
      }
      case 'leave': {
        const { room, nick } = this.roomOrOccupant(args, args.required('<room>'));
        const status = args.rest();
        return {
          verb,
          room,
          ...(nick === undefined ? {} : { nick }),
          ...(status === undefined ? {} : { status }),
        };
      }
      case 'say':
      case 'subject': {
        const room = this.room(args, args.required('<room>'));
        return { verb, room, text: args.requiredRest('<text…>') };
      }
      case 'pm': {
        const token = args.required('<room/Nick>');
        const { room, nick } = this.roomOrOccupant(args, token);
        if (nick === undefined) args.fail(`'${token.text}' has no nick: give room/Nick`, token);
        return { verb, room, nick, text: args.requiredRest('<text…>') };
      }
      case 'nick':
      case 'register': {
        const room = this.room(args, args.required('<room>'));
        const nick = args.required(verb === 'nick' ? '<NewNick>' : '<Nick>').text;
        args.end();
        return { verb, room, nick };
      }
      case 'invite':
      case 'ban': {
        const room = this.room(args, args.required('<room>'));
        const jid = this.jid(args, args.required('<jid>'), verb === 'invite');
        const reason = args.rest();
        return { verb, room, jid, ...(reason === undefined ? {} : { reason }) };
      }
      case 'kick': {
        const room = this.room(args, args.required('<room>'));
        const nick = args.required('<Nick>').text;
        const reason = args.rest();
        return { verb, room, nick, ...(reason === undefined ? {} : { reason }) };
      }
      case 'voice': {
        const room = this.room(args, args.required('<room>'));
        const nick = args.required('<Nick>').text;
        const token = args.required('on|off');
        const value = token.text.toLowerCase();
        if (value !== 'on' && value !== 'off') args.fail(`'${token.text}' is not on or off`, token);
        args.end();
        return { verb, room, nick, on: value === 'on' };
      }
      case 'affiliate': {
        const room = this.room(args, args.required('<room>'));
        const jid = this.jid(args, args.required('<jid>'), false);
        const token = args.required('owner|admin|member|none|outcast');
        const affiliation = token.text.toLowerCase();
        if (!isAffiliation(affiliation)) {
          args.fail(`'${token.text}' is not an affiliation: use ${AFFILIATIONS.join(', ')}`, token);
        }
        const nick = args.rest();
        return { verb, room, jid, affiliation, ...(nick === undefined ? {} : { nick }) };
      }
      case 'config':
        return this.config(args);
      case 'destroy': {
        const room = this.room(args, args.required('<room>'));
        const reason = args.rest();
        return { verb, room, ...(reason === undefined ? {} : { reason }) };
      }
    }
  }

  private connect(args: Arguments, user: string, client: CommandClient | undefined): CommandAction {
    const token = args.optional();
    args.end();
    if (client) {
      if (token && bareJid(prepJid(token.text) ?? token.text) !== bareJid(client.jid)) {
        args.fail(`${client.name} is defined with jid ${client.jid}`, token);
      }
      return { verb: 'connect', jid: client.jid };
    }
    const jid = token?.text ?? `${user.toLowerCase()}@${this.domain}`;
    const prepared = prepJid(jid);
    if (!prepared || !jid.includes('@')) {
      const hint = token ? '' : `; give one: ${user.toLowerCase()} connect <jid>`;
      args.fail(`'${jid}' is not a valid JID${hint}`, token);
    }
    if (domainOf(prepared) !== this.domain) {
      args.fail(`'${jid}' is not an account of ${this.domain}`, token);
    }
    return { verb: 'connect', jid: prepared };
  }

  /** `room`, `room@service` or `room@service/Nick`; a bare name is on the MUC service. */
  private roomOrOccupant(args: Arguments, token: Token): { room: string; nick?: string } {
    const text = token.text;
    const slash = text.indexOf('/');
    const roomPart = slash === -1 ? text : text.slice(0, slash);
    const withService = roomPart.includes('@') ? roomPart : `${roomPart}@${this.mucDomain}`;
    const full = slash === -1 ? withService : `${withService}${text.slice(slash)}`;
    const prepared = prepJid(full);
    if (!prepared || roomPart === '' || !withService.includes('@')) {
      args.fail(`'${text}' is not a valid room JID`, token);
    }
    const nick = resourceOf(prepared);
    return { room: bareJid(prepared), ...(nick === undefined ? {} : { nick }) };
  }

  private room(args: Arguments, token: Token): string {
    const { room, nick } = this.roomOrOccupant(args, token);
    if (nick !== undefined) {
      args.fail(`'${token.text}' is an occupant JID: give the room without /${nick}`, token);
    }
    return room;
  }

  /** A JID, or a client's name standing for its bare JID. */
  private jid(args: Arguments, token: Token, fullAllowed: boolean): string {
    const text = token.text;
    if (!text.includes('@') && !text.includes('.')) {
      const client = this.context.clients.find(
        (candidate) => candidate.name.toLowerCase() === text.toLowerCase(),
      );
      if (client) return bareJid(client.jid);
      args.fail(
        `unknown user '${text}': give a JID such as ${text.toLowerCase()}@${this.domain}`,
        token,
      );
    }
    const prepared = prepJid(text);
    if (!prepared) args.fail(`'${text}' is not a valid JID`, token);
    return fullAllowed ? prepared : bareJid(prepared);
  }

  private config(args: Arguments): CommandAction {
    const room = this.room(args, args.required('<room>'));
    const tokens = args.remaining();
    if (tokens.length === 0)
      args.fail(`missing <field>=<value> or instant (usage: ${COMMAND_USAGE.config})`);
    if (tokens.length === 1 && tokens[0]?.text.toLowerCase() === 'instant') {
      return { verb: 'config', room, fields: [] };
    }
    const fields = tokens.map((token) => this.configValue(args, token));
    return { verb: 'config', room, fields };
  }

  private configValue(args: Arguments, token: Token): ConfigValue {
    const equals = token.text.indexOf('=');
    if (equals <= 0) args.fail(`'${token.text}' is not <field>=<value>`, token);
    const name = token.text.slice(0, equals);
    const value = token.text.slice(equals + 1);
    const key = name.toLowerCase().replace(/^muc#roomconfig_/, '');
    const spec = CONFIG_FIELDS[key];
    if (!spec) {
      if (name.includes('#') || name.startsWith('{'))
        return { var: name, values: value.split(',') };
      args.fail(
        `unknown field '${name}': use ${Object.keys(CONFIG_FIELDS).join(', ')} or a full field name`,
        token,
      );
    }
    return { var: spec.var, values: this.configValues(args, token, key, spec, value) };
  }

  private configValues(
    args: Arguments,
    token: Token,
    key: string,
    spec: ConfigFieldSpec,
    value: string,
  ): string[] {
    switch (spec.kind) {
      case 'text':
        return [value];
      case 'boolean': {
        const lower = value.toLowerCase();
        if (['1', 'true', 'yes', 'on'].includes(lower)) return ['1'];
        if (['0', 'false', 'no', 'off'].includes(lower)) return ['0'];
        return args.fail(`${key} must be 1 or 0, not '${value}'`, token);
      }
      case 'number':
        if (/^\d+$/.test(value) || (key === 'maxusers' && value === 'none')) return [value];
        return args.fail(`${key} must be a whole number, not '${value}'`, token);
      case 'choice': {
        const choices = spec.choices ?? [];
        if (choices.includes(value)) return [value];
        return args.fail(`${key} must be one of ${choices.join(', ')}, not '${value}'`, token);
      }
      case 'roles': {
        const roles = value === '' ? [] : value.split(',');
        const wrong = roles.find((role) => !(BROADCAST_ROLES as readonly string[]).includes(role));
        if (wrong !== undefined) {
          args.fail(
            `${key} takes roles among ${BROADCAST_ROLES.join(', ')}, not '${wrong}'`,
            token,
          );
        }
        return roles;
      }
    }
  }
}

/** Parses one typed line; errors are returned with their 1-based column, never thrown. */
export function parseCommand(line: string, context: CommandContext): CommandParse {
  try {
    return { ok: true, command: new CommandParser(context).parse(line) };
  } catch (failure) {
    if (!(failure instanceof CommandError)) throw failure;
    return { ok: false, message: failure.message, column: failure.offset + 1 };
  }
}

export interface StanzaContext {
  /** A fresh id for a message or an iq. */
  nextId(): string;
  /** The user's nick in `room` (bare JID) when joined. */
  nickIn(room: string): string | undefined;
}

export type StanzaBuild = { ok: true; stanza: Element } | { ok: false; message: string };

function admin(room: string, id: string, item: Record<string, string>, reason?: string): Element {
  const iq = new Element('iq', { type: 'set', to: room, id });
  const node = iq.c('query', { xmlns: NS.mucAdmin }).c('item', item);
  if (reason) node.c('reason').t(reason);
  return iq;
}

function owner(room: string, id: string): { iq: Element; query: Element } {
  const iq = new Element('iq', { type: 'set', to: room, id });
  return { iq, query: iq.c('query', { xmlns: NS.mucOwner }) };
}

function withField(form: Element, name: string, values: readonly string[]): void {
  const field = form.c('field', { var: name });
  for (const value of values) field.c('value').t(value);
}

/** The stanza a Prosody-compatible client sends for the command, as in XEP-0045's examples. */
export function buildStanza(
  command: StanzaCommand & { user: string },
  context: StanzaContext,
): StanzaBuild {
  const ok = (stanza: Element): StanzaBuild => ({ ok: true, stanza });
  const { room } = command;
  switch (command.verb) {
    case 'join': {
      // §7.2.1: presence to room/nick with an empty <x xmlns='…muc'/>; §7.2.5: the password inside it.
      const presence = new Element('presence', { to: `${room}/${command.nick}` });
      const x = presence.c('x', { xmlns: NS.muc });
      if (command.password !== undefined) x.c('password').t(command.password);
      return ok(presence);
    }
    case 'leave': {
      // §7.14: unavailable presence to room/nick, optionally with a <status/>.
      const nick = command.nick ?? context.nickIn(room);
      if (nick === undefined) return { ok: false, message: `${command.user} is not in ${room}` };
      const presence = new Element('presence', { to: `${room}/${nick}`, type: 'unavailable' });
      if (command.status) presence.c('status').t(command.status);
      return ok(presence);
    }
    case 'say': {
      // §7.4: a groupchat message to the bare room JID.
      const message = new Element('message', { to: room, type: 'groupchat', id: context.nextId() });
      message.c('body').t(command.text);
      return ok(message);
    }
    case 'pm': {
      // §7.5: type chat to room/nick, with an empty muc#user <x/> (Example 47).
      const message = new Element('message', {
        to: `${room}/${command.nick}`,
        type: 'chat',
        id: context.nextId(),
      });
      message.c('body').t(command.text);
      message.c('x', { xmlns: NS.mucUser });
      return ok(message);
    }
    case 'nick': {
      // §7.6: presence to room/NewNick from an occupant.
      if (context.nickIn(room) === undefined) {
        return { ok: false, message: `${command.user} is not in ${room}` };
      }
      return ok(new Element('presence', { to: `${room}/${command.nick}` }));
    }
    case 'subject': {
      // §8.1: a groupchat message carrying <subject/> and no body.
      const message = new Element('message', { to: room, type: 'groupchat', id: context.nextId() });
      message.c('subject').t(command.text);
      return ok(message);
    }
    case 'invite': {
      // §7.8.2: a mediated invitation, through the room.
      const message = new Element('message', { to: room, id: context.nextId() });
      const invite = message.c('x', { xmlns: NS.mucUser }).c('invite', { to: command.jid });
      if (command.reason) invite.c('reason').t(command.reason);
      return ok(message);
    }
    case 'register': {
      // §7.10: submit the muc#register form with the requested nick.
      const iq = new Element('iq', { type: 'set', to: room, id: context.nextId() });
      const form = iq
        .c('query', { xmlns: NS.register })
        .c('x', { xmlns: NS.dataForms, type: 'submit' });
      withField(form, 'FORM_TYPE', [NS.mucRegister]);
      withField(form, 'muc#register_roomnick', [command.nick]);
      return ok(iq);
    }
    case 'kick':
      // §8.2: role none for the nick, with an optional reason.
      return ok(
        admin(room, context.nextId(), { nick: command.nick, role: 'none' }, command.reason),
      );
    case 'voice':
      // §8.3 grants voice (participant), §8.4 revokes it (visitor).
      return ok(
        admin(room, context.nextId(), {
          nick: command.nick,
          role: command.on ? 'participant' : 'visitor',
        }),
      );
    case 'ban':
      // §9.1: affiliation outcast for the bare JID.
      return ok(
        admin(room, context.nextId(), { affiliation: 'outcast', jid: command.jid }, command.reason),
      );
    case 'affiliate': {
      // §9.3–9.8, §10.3–10.8: one item with the affiliation (and a nick to reserve, §9.3).
      const item: Record<string, string> = { affiliation: command.affiliation, jid: command.jid };
      if (command.nick) item.nick = command.nick;
      return ok(admin(room, context.nextId(), item));
    }
    case 'config': {
      // §10.1.2: an empty submitted form accepts the defaults (instant room); §10.2: a form.
      const { iq, query } = owner(room, context.nextId());
      const form = query.c('x', { xmlns: NS.dataForms, type: 'submit' });
      if (command.fields.length > 0) withField(form, 'FORM_TYPE', [NS.mucRoomconfig]);
      for (const field of command.fields) withField(form, field.var, field.values);
      return ok(iq);
    }
    case 'destroy': {
      // §10.9: <destroy/> in a muc#owner set, with an optional reason.
      const { iq, query } = owner(room, context.nextId());
      const destroy = query.c('destroy');
      if (command.reason) destroy.c('reason').t(command.reason);
      return ok(iq);
    }
  }
}
