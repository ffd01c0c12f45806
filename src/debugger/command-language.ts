// The debugger's typed command language: `<user> <verb> <args…>` parsed into what a client does — XEP-0045 §7 (occupants), §8 (moderators), §9 (admins), §10 (owners)
import { AFFILIATIONS, type Affiliation, isAffiliation } from '../muc/model/affiliation.js';
import { clientNameProblem } from '../scansion/script-checks.js';
import { bareJid, domainOf, prepJid, resourceOf } from '../xmpp/jid.js';
import { visibleToken } from '../xmpp/visible.js';
import {
  Arguments,
  CommandError,
  scansionSyntax,
  type Token,
  tokenize,
  word,
} from './command-arguments.js';
import { type ConfigValue, configValue } from './command-config.js';

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

/** The verbs of moderators (§8), admins (§9) and owners (§10): a muc#admin or muc#owner set. */
const ROOM_ADMIN_VERBS = ['kick', 'voice', 'ban', 'affiliate', 'config', 'destroy'] as const;
export type RoomAdminVerb = (typeof ROOM_ADMIN_VERBS)[number];

export function isRoomAdminVerb(verb: string): verb is RoomAdminVerb {
  return (ROOM_ADMIN_VERBS as readonly string[]).includes(verb);
}

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
    const syntax = scansionSyntax(line);
    if (syntax) throw syntax;
    const client = findClient(trimmed, this.context.clients);
    const userToken = client
      ? { text: trimmed.slice(0, client.name.length), start: lead, end: lead + client.name.length }
      : word(tokenize(line, lead)[0] as Token);
    const tokens = tokenize(line, userToken.end);
    const verbToken = tokens.shift();
    if (!verbToken) {
      throw new CommandError(
        `missing verb after '${visibleToken(userToken.text)}': use one of ${VERB_LIST}`,
        line.trimEnd().length,
      );
    }
    const verb = verbToken.text.toLowerCase();
    if (!isVerb(verb)) {
      throw new CommandError(
        `unknown verb '${visibleToken(verbToken.text)}': use one of ${VERB_LIST}`,
        verbToken.start,
      );
    }
    if (!client && verb !== 'connect') {
      const known = this.context.clients.map((candidate) => candidate.name).join(', ');
      const users = known === '' ? 'no users yet' : `known users: ${known}`;
      throw new CommandError(
        `unknown user '${visibleToken(userToken.text)}' (${users}); add one with: ${visibleToken(userToken.text)} connect [jid]`,
        userToken.start,
      );
    }
    const user = client?.name ?? capitalise(userToken.text);
    const badName = client ? undefined : clientNameProblem(user);
    if (badName)
      throw new CommandError(`${badName}: a recording could not hold it`, userToken.start);
    const args = new Arguments(line, tokens, verb, COMMAND_USAGE[verb]);
    const action = this.action(verb, args, user, client);
    return { ...action, user, newUser: client === undefined };
  }

  private action(
    verb: CommandVerb,
    args: Arguments,
    user: string,
    client: CommandClient | undefined,
  ): CommandAction {
    if (isRoomAdminVerb(verb)) return this.adminAction(verb, args);
    switch (verb) {
      case 'connect':
        return this.connect(args, user, client);
      case 'disconnect':
        args.end();
        return { verb };
      default:
        return this.occupantAction(verb, args, user);
    }
  }

  /** What an occupant does (§7): enter, leave, speak, change nick, invite, register. */
  private occupantAction(
    verb: Exclude<CommandVerb, RoomAdminVerb | 'connect' | 'disconnect'>,
    args: Arguments,
    user: string,
  ): CommandAction {
    switch (verb) {
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
        if (nick === undefined)
          args.fail(`'${visibleToken(token.text)}' has no nick: give room/Nick`, token);
        return { verb, room, nick, text: args.requiredRest('<text…>') };
      }
      case 'invite':
        return this.roomJidReason(verb, args);
      case 'nick':
      case 'register': {
        const room = this.room(args, args.required('<room>'));
        const nick = args.required(verb === 'nick' ? '<NewNick>' : '<Nick>').text;
        args.end();
        return { verb, room, nick };
      }
    }
  }

  /** `<room> <jid> [reason…]`: an invitation (any JID) or a ban (a bare JID). */
  private roomJidReason(verb: 'invite' | 'ban', args: Arguments): CommandAction {
    const room = this.room(args, args.required('<room>'));
    const jid = this.jid(args, args.required('<jid>'), verb === 'invite');
    const reason = args.rest();
    return { verb, room, jid, ...(reason === undefined ? {} : { reason }) };
  }

  /** What a moderator, an admin or an owner does (§8–§10). */
  private adminAction(verb: RoomAdminVerb, args: Arguments): CommandAction {
    switch (verb) {
      case 'ban':
        return this.roomJidReason(verb, args);
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
        if (value !== 'on' && value !== 'off')
          args.fail(`'${visibleToken(token.text)}' is not on or off`, token);
        args.end();
        return { verb, room, nick, on: value === 'on' };
      }
      case 'affiliate': {
        const room = this.room(args, args.required('<room>'));
        const jid = this.jid(args, args.required('<jid>'), false);
        const token = args.required('owner|admin|member|none|outcast');
        const affiliation = token.text.toLowerCase();
        if (!isAffiliation(affiliation)) {
          args.fail(
            `'${visibleToken(token.text)}' is not an affiliation: use ${AFFILIATIONS.join(', ')}`,
            token,
          );
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
      const typed = /\s/.test(user) ? `"${user.toLowerCase()}"` : user.toLowerCase();
      const hint = token ? '' : `; give one: ${typed} connect <jid>`;
      args.fail(`'${visibleToken(jid)}' is not a valid JID${hint}`, token);
    }
    if (domainOf(prepared) !== this.domain) {
      args.fail(`'${visibleToken(jid)}' is not an account of ${this.domain}`, token);
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
      args.fail(`'${visibleToken(text)}' is not a valid room JID`, token);
    }
    const nick = resourceOf(prepared);
    return { room: bareJid(prepared), ...(nick === undefined ? {} : { nick }) };
  }

  private room(args: Arguments, token: Token): string {
    const { room, nick } = this.roomOrOccupant(args, token);
    if (nick !== undefined) {
      args.fail(
        `'${visibleToken(token.text)}' is an occupant JID: give the room without /${nick}`,
        token,
      );
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
        `unknown user '${visibleToken(text)}': give a JID such as ${text.toLowerCase()}@${this.domain}`,
        token,
      );
    }
    const prepared = prepJid(text);
    if (!prepared) args.fail(`'${visibleToken(text)}' is not a valid JID`, token);
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
    const fields = tokens.map((token) => configValue(args, token));
    return { verb: 'config', room, fields };
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
