// What a person types into a debugger session: command lines and raw XML, checked and turned into steps — driving a XEP-0045 room by hand (§7–§10)
import { parseBlock } from '../scansion/block.js';
import type { ScriptStepper } from '../scansion/runner.js';
import type { Action, ClientDefinition } from '../scansion/script.js';
import { normalizeXml, prettyXml } from '../xmpp/xml.js';
import { type Command, parseCommand } from './command-language.js';
import { buildStanza } from './command-stanzas.js';
import type { CommandOutcome, SessionStep, SessionWorld } from './session-api.js';

const STANZA_NAMES = ['message', 'presence', 'iq'];
/** Typed clients get a password so that a recording also runs against a real server. */
const TYPED_PASSWORD = 'password';

export interface TypedInputDeps {
  /** The session's clients: a typed `connect` of a new user adds one. */
  clients: ClientDefinition[];
  stepper(): ScriptStepper;
  world: SessionWorld;
  /** Inserts the step at the cursor and executes it. */
  insert(step: SessionStep): Promise<SessionStep>;
  /** Runs after the session's queued operations. */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  /** How a real client (mucsim serve) is connected: nobody types for it. */
  realClient(name: string): string | undefined;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Why nothing can be typed as a real client, if `name` is one. */
function realClientRefusal(name: string, deps: TypedInputDeps): string | undefined {
  const via = deps.realClient(name);
  if (via === undefined) return undefined;
  return `${name} is a real client (${via}): it sends its own stanzas; type as a virtual user`;
}

function action(kind: Action['kind'], client: string): Action {
  return { kind, client, line: 0, column: 0, narration: [] };
}

/** Turns typed lines and XML into steps of the session, or into an error message (never thrown). */
export class TypedInput {
  private nextTypedId = 1;

  constructor(private readonly deps: TypedInputDeps) {}

  /** Executes a typed command line such as `juliet join room@conference.localhost/Juliet`. */
  command(line: string): Promise<CommandOutcome> {
    return this.deps.exclusive(async () => {
      const parsed = parseCommand(line, {
        clients: this.deps.clients,
        ...this.deps.world.domains(),
      });
      if (!parsed.ok) {
        return {
          ok: false,
          message: `column ${parsed.column}: ${parsed.message}`,
          column: parsed.column,
        };
      }
      const typed = this.actionFor(parsed.command);
      if (typeof typed === 'string') return { ok: false, message: typed };
      return this.run(typed, line.trim());
    });
  }

  /** Sends raw XML as a client, after validating it. */
  sendRaw(client: string, xml: string): Promise<CommandOutcome> {
    return this.deps.exclusive(async () => {
      const { clients } = this.deps;
      const name = clients.find(
        (candidate) => candidate.name.toLowerCase() === client.toLowerCase(),
      )?.name;
      if (name === undefined) {
        const known = clients.map((candidate) => candidate.name).join(', ') || 'none';
        return { ok: false, message: `unknown user '${client}' (known users: ${known})` };
      }
      const real = realClientRefusal(name, this.deps);
      if (real) return { ok: false, message: real };
      if (!this.deps.stepper().isConnected(name))
        return { ok: false, message: `${name} is not connected` };
      const parsed = parseBlock(xml);
      if (!parsed.ok) {
        const { line, column, message, expected } = parsed.error;
        return {
          ok: false,
          message: `invalid XML at ${line}:${column}: ${message} (expected ${expected})`,
          column,
        };
      }
      if (!STANZA_NAMES.includes(parsed.element.name)) {
        return {
          ok: false,
          message: `<${parsed.element.name}> is not a stanza: send a message, presence or iq`,
        };
      }
      const sends = action('sends', name);
      sends.xml = prettyXml(normalizeXml(parsed.element));
      return this.run(sends, undefined);
    });
  }

  /** The step a parsed command stands for, or why it cannot run now. */
  private actionFor(command: Command): Action | string {
    const { user } = command;
    const real = realClientRefusal(user, this.deps);
    if (real) return real;
    const stepper = this.deps.stepper();
    const connected = stepper.isConnected(user);
    if (command.verb === 'connect') {
      if (connected) return `${user} is already connected as ${stepper.fullJid(user)}`;
      if (command.newUser) {
        const client: ClientDefinition = {
          name: user,
          jid: command.jid,
          password: TYPED_PASSWORD,
          line: 0,
        };
        this.deps.clients.push(client);
        stepper.addClient(client);
      }
      return action('connects', user);
    }
    if (!connected) return `${user} is not connected (type: ${user.toLowerCase()} connect)`;
    if (command.verb === 'disconnect') return action('disconnects', user);
    const full = stepper.fullJid(user) as string;
    const built = buildStanza(command, {
      nextId: () => `${command.verb}${this.nextTypedId++}`,
      nickIn: (room) => this.deps.world.nickIn(full, room),
    });
    if (!built.ok) return built.message;
    const sends = action('sends', user);
    sends.xml = prettyXml(normalizeXml(built.stanza));
    return sends;
  }

  /** Executes a typed step and says what it did. */
  private async run(typedAction: Action, command: string | undefined): Promise<CommandOutcome> {
    const draft: SessionStep = { index: 0, action: typedAction, origin: 'typed' };
    if (command !== undefined) draft.command = command;
    const step = await this.deps.insert(draft);
    const result = step.result;
    const range = step.traceRange;
    if (result?.status === 'failed') {
      // A step that did nothing (e.g. an unknown ${…} variable) is an error message, not history.
      const message = result.reason ?? 'the step failed';
      return range === undefined ? { ok: false, message } : { ok: false, message, step };
    }
    const trace = this.deps.world.trace;
    let delivered = 0;
    if (range) {
      for (const entry of trace) {
        if (entry.kind === 'delivery' && entry.seq >= range.first && entry.seq <= range.last)
          delivered += 1;
      }
    }
    const what =
      typedAction.kind === 'sends'
        ? `sent, ${plural(delivered, 'stanza')} ${this.deps.world.arrivalWord}`
        : typedAction.kind;
    return { ok: true, message: `step ${step.index + 1}: ${typedAction.client} ${what}`, step };
  }
}
