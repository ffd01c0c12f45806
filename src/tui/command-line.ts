// The `:` commands as one table (like the key table): :open, :save, :break, :xml, :serve, :help, :q, and typed commands handed to the engine — driving a XEP-0045 room by hand (§7–§10)
import { COMMAND_VERBS } from '../debugger/command-language.js';
import type { ActionContext } from './actions.js';
import { serveCommand } from './door-actions.js';
import { openScript } from './lesson-actions.js';

export interface CommandSpec {
  /** The first word of the line, and its aliases. */
  names: readonly string[];
  /** How it is typed, for `:help` and the `?` overlay. */
  usage: string;
  description: string;
  run(argument: string, words: readonly string[], ctx: ActionContext): Promise<void> | void;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function save(path: string, _words: readonly string[], ctx: ActionContext): void {
  if (!path) return ctx.say(false, 'usage: :save file.scs');
  try {
    ctx.persist(path, ctx.session.recordingText());
  } catch (error) {
    return ctx.say(false, `could not write ${path}: ${errorText(error)}`);
  }
  ctx.dispatch({ type: 'savePath', path });
  ctx.say(true, `saved to ${path} (rewritten after every step from now on)`);
}

function toggleBreak(_argument: string, words: readonly string[], ctx: ActionContext): void {
  const [kind, ...rest] = words;
  const filter = rest.join(' ');
  const { session } = ctx;
  if ((kind === 'stanza' || kind === 'transition') && filter) {
    session.toggleBreakpoint({ kind, filter });
    const on = session.breakpoints.some((mark) => mark.kind === kind && mark.filter === filter);
    return ctx.say(true, `${kind} breakpoint "${filter}" ${on ? 'set' : 'removed'}`);
  }
  const index = Number(filter) - 1;
  if (kind === 'step' && Number.isInteger(index) && index >= 0) {
    session.toggleBreakpoint({ kind: 'step', index });
    const on = session.breakpoints.some((mark) => mark.kind === 'step' && mark.index === index);
    return ctx.say(true, `breakpoint ${on ? 'set on' : 'removed from'} step ${index + 1}`);
  }
  ctx.say(false, 'usage: :break stanza <text> | :break transition <text> | :break step <n>');
}

function openXml(argument: string, _words: readonly string[], ctx: ActionContext): void {
  const names = ctx.session.clientNames();
  const client = names.find((name) => name.toLowerCase() === argument.toLowerCase());
  if (client) return ctx.dispatch({ type: 'openXml', client });
  const known = names.join(', ') || '(no client yet: connect one with a typed command)';
  ctx.say(false, `usage: :xml <client>, one of ${known}`);
}

function open(path: string, _words: readonly string[], ctx: ActionContext): Promise<void> | void {
  if (!path) return ctx.say(false, 'usage: :open file.scs (o: the lesson menu)');
  return openScript(ctx, path);
}

/** The only table of `:` commands: the line dispatches on it, `:help` and `?` are made from it. */
export const COMMANDS: readonly CommandSpec[] = [
  {
    names: ['open', 'e'],
    usage: ':open file.scs',
    description: 'open a script (a lesson) in place of this one',
    run: open,
  },
  {
    names: ['save', 'w'],
    usage: ':save file.scs',
    description: 'save the session as a script, rewritten after every step',
    run: save,
  },
  {
    names: ['break'],
    usage: ':break stanza|transition <text>',
    description: 'stop a run after a stanza or transition containing the text',
    run: toggleBreak,
  },
  {
    names: [],
    usage: ':break step <n>',
    description: 'stop a run before step n',
    run: toggleBreak,
  },
  {
    names: ['xml'],
    usage: ':xml <client>',
    description: 'type raw XML and send it as the client',
    run: openXml,
  },
  {
    names: ['serve'],
    usage: ':serve [--port N] [--ws-port N]',
    description: 'open the door to real XMPP clients (TCP 5222, WebSocket 5280; 0: any free port)',
    run: serveCommand,
  },
  {
    names: ['help'],
    usage: ':help',
    description: 'list these commands in the message line',
    run: (_argument, _words, ctx) => ctx.say(true, commandHelp()),
  },
  {
    names: ['q', 'q!', 'quit'],
    usage: ':q',
    description: 'quit',
    run: (_a, _w, ctx) => ctx.exit(),
  },
];

/** What any other line is: a typed command for the engine. */
export const TYPED_COMMAND_HELP = {
  usage: 'romeo join room@conference.localhost/Romeo',
  description: `a typed command as a user: ${COMMAND_VERBS.join(', ')}`,
};

/** `:save file.scs · :break stanza|transition <text> · …`, from the table. */
export function commandHelp(): string {
  const usages = COMMANDS.map((spec) => spec.usage);
  return `${usages.join(' · ')} · or a typed command such as "${TYPED_COMMAND_HELP.usage}"`;
}

/** Executes one command line; every outcome, error included, ends up in the message line. */
export async function runCommandLine(line: string, ctx: ActionContext): Promise<void> {
  const [verb = '', ...words] = line.split(/\s+/);
  if (verb === '') return;
  const spec = COMMANDS.find((candidate) => candidate.names.includes(verb));
  if (spec) return spec.run(words.join(' '), words, ctx);
  const outcome = await ctx.session.command(line);
  ctx.say(outcome.ok, outcome.message);
  if (outcome.ok) ctx.afterStep(ctx.session.steps[ctx.session.cursor - 1]);
}
