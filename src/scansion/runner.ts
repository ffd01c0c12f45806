// scansion runner: plays a script's steps against a target and checks each client's inbox — XEP-0045 scenarios (§7–§10)
import type { Element } from 'ltx';
import { bareJid } from '../xmpp/jid.js';
import { parseBlock } from './block.js';
import { Inbox, type InboxCheckpoint, ReceivedLog } from './inbox.js';
import { diffStanzas, matchStanza, scansionDirective, similarity } from './matcher.js';
import type { Action, ClientDefinition, Script, ScriptWarning } from './script.js';
import type { ReceivedRecord, ScriptTarget } from './target.js';
import { substituteCaptures, substituteVariables } from './variables.js';

export interface RunOptions {
  /** Any stanza skipped by a `receives` fails the step. */
  strictOrder?: boolean;
  /** For callers running several scripts: stop after the first failed script. A script always stops at its first failed step. */
  bail?: boolean;
  /** Live targets: how long a `receives` waits for a match (default 2000 ms). */
  timeoutMs?: number;
}

export interface StepResult {
  /** Index of the action in `script.actions`. */
  index: number;
  action: Action;
  status: 'passed' | 'failed';
  /** Stanzas passed over by a `receives` (or left unmatched when it failed). */
  skipped: Element[];
  matched?: Element;
  /** The expected stanza of a `receives`, after variable substitution. */
  expected?: Element;
  /** The stanza a `sends` sent, after substitution. */
  sent?: Element;
  /** The received stanza closest to the expected one, when the step failed. */
  closest?: Element;
  diff?: string;
  reason?: string;
  /** Why a passed step did nothing (a `sends` after the client disconnected). */
  note?: string;
}

export interface ScriptResult {
  file: string;
  title?: string;
  passed: boolean;
  steps: StepResult[];
  warnings: ScriptWarning[];
}

type Prepared = { ok: true; element: Element } | { ok: false; message: string };

const DEFAULT_TIMEOUT_MS = 2000;
const NOTHING_GRACE_MS = 200;

function replace<K, V>(map: Map<K, V>, entries: ReadonlyMap<K, V>): void {
  map.clear();
  for (const [key, value] of entries) map.set(key, value);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs the script's actions in order and stops at the first failure. Never throws for a
 * failing script or target; the caller owns the target and closes it.
 */
export async function runScript(
  script: Script,
  target: ScriptTarget,
  options: RunOptions = {},
): Promise<ScriptResult> {
  const stepper = new ScriptStepper(script.clients, target, options);
  const steps: StepResult[] = [];
  for (const [index, action] of script.actions.entries()) {
    const step = await stepper.step(action, index);
    steps.push(step);
    if (step.status === 'failed') break;
  }
  const result: ScriptResult = {
    file: script.file,
    passed: steps.every((step) => step.status === 'passed'),
    steps,
    warnings: script.warnings,
  };
  if (script.title !== undefined) result.title = script.title;
  return result;
}

/** What a stepper keeps between steps, at one moment (its clients' definitions aside). */
export interface StepperCheckpoint {
  readonly inboxes: ReadonlyMap<string, InboxCheckpoint>;
  readonly full: ReadonlyMap<string, string>;
  readonly captures: ReadonlyMap<string, string>;
  readonly disconnected: ReadonlySet<string>;
}

/**
 * Executes a script's actions one at a time against a target, keeping what scansion keeps
 * between steps: what each client has not read yet (positions in the target's record of what
 * it received, or in the stepper's own log for a target that keeps none), bound full JIDs and
 * captures. `runScript` is a loop over `step`; the debugger steps it by hand and adds the
 * clients of typed commands.
 */
export class ScriptStepper {
  private readonly inboxes = new Map<string, Inbox>();
  /** The stepper's own record, when the target keeps none (a live server). */
  private readonly log: ReceivedLog | undefined;
  private readonly record: ReceivedRecord;
  private readonly clients = new Map<string, ClientDefinition>();
  private readonly bare = new Map<string, string>();
  private readonly full = new Map<string, string>();
  private readonly captures = new Map<string, string>();
  private readonly disconnected = new Set<string>();
  private readonly timeoutMs: number;

  constructor(
    clients: readonly ClientDefinition[],
    private readonly target: ScriptTarget,
    private readonly options: RunOptions = {},
  ) {
    for (const client of clients) this.addClient(client);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.log = target.received ? undefined : new ReceivedLog();
    this.record = target.received ?? (this.log as ReceivedLog);
  }

  /** Defines (or redefines) a client, e.g. a user created by a typed command. */
  addClient(client: ClientDefinition): void {
    this.clients.set(client.name, client);
    this.bare.set(client.name, bareJid(client.jid));
  }

  /** The full JID bound by the client's last `connects`, if it ever connected. */
  fullJid(client: string): string | undefined {
    return this.full.get(client);
  }

  /** Connected and not disconnected since. */
  isConnected(client: string): boolean {
    return this.full.has(client) && !this.disconnected.has(client);
  }

  /** Stanzas the client received that no `receives` has consumed yet. */
  unread(client: string): readonly Element[] {
    return this.inboxes.get(client)?.stanzas ?? [];
  }

  /**
   * What it keeps between steps: what each client has read, bound JIDs, captures. Only for a
   * target that keeps its own record (the simulator), whose checkpoint goes with it.
   */
  checkpoint(): StepperCheckpoint {
    const inboxes = new Map([...this.inboxes].map(([name, inbox]) => [name, inbox.checkpoint()]));
    return {
      inboxes,
      full: new Map(this.full),
      captures: new Map(this.captures),
      disconnected: new Set(this.disconnected),
    };
  }

  /** Back to a checkpoint; an inbox made since goes (the delivery listener it woke went with the world's). */
  restore(checkpoint: StepperCheckpoint): void {
    for (const [name, inbox] of this.inboxes) {
      const saved = checkpoint.inboxes.get(name);
      if (saved) inbox.restore(saved);
      else this.inboxes.delete(name);
    }
    replace(this.full, checkpoint.full);
    replace(this.captures, checkpoint.captures);
    this.disconnected.clear();
    for (const name of checkpoint.disconnected) this.disconnected.add(name);
  }

  /** Performs one action; never throws: a target error fails the step. */
  async step(action: Action, index: number): Promise<StepResult> {
    const step: StepResult = { index, action, status: 'passed', skipped: [] };
    try {
      await this.perform(action, step);
    } catch (error) {
      this.fail(step, `${action.client} ${action.kind}: ${messageOf(error)}`);
    }
    return step;
  }

  private fail(step: StepResult, reason: string): void {
    step.status = 'failed';
    step.reason = reason;
  }

  private inbox(client: string): Inbox {
    let inbox = this.inboxes.get(client);
    if (!inbox) {
      inbox = new Inbox(this.record, client);
      this.inboxes.set(client, inbox);
    }
    return inbox;
  }

  private perform(action: Action, step: StepResult): Promise<void> {
    switch (action.kind) {
      case 'connects':
        return this.connect(action);
      case 'disconnects':
        return this.disconnect(action);
      case 'sends':
        return this.send(action, step);
      case 'receives':
        return action.nothing ? this.receiveNothing(action, step) : this.receive(action, step);
    }
  }

  private async connect(action: Action): Promise<void> {
    const inbox = this.inbox(action.client);
    const client = this.clients.get(action.client);
    if (!client) throw new Error(`no client '${action.client}' is defined`);
    const jid = await this.target.connect(client, (stanza) => {
      this.log?.add(action.client, stanza);
      inbox.wake();
    });
    this.full.set(action.client, jid);
    this.disconnected.delete(action.client);
  }

  private async disconnect(action: Action): Promise<void> {
    await this.target.disconnect(action.client);
    this.disconnected.add(action.client);
  }

  /** The action's block, parsed, with `${…}` variables substituted. */
  private stanza(action: Action): Prepared {
    const parsed = parseBlock(action.xml ?? '');
    if (!parsed.ok) return { ok: false, message: `invalid XML: ${parsed.error.message}` };
    return substituteVariables(parsed.element, { bare: this.bare, full: this.full });
  }

  private async send(action: Action, step: StepResult): Promise<void> {
    if (this.disconnected.has(action.client)) {
      step.note = `not sent: ${action.client} has disconnected`;
      return;
    }
    const substituted = this.stanza(action);
    const stanza: Prepared = substituted.ok
      ? substituteCaptures(substituted.element, this.captures)
      : substituted;
    if (!stanza.ok) return this.fail(step, stanza.message);
    step.sent = stanza.element;
    await this.target.send(action.client, stanza.element);
  }

  private async receive(action: Action, step: StepResult): Promise<void> {
    const substituted = this.stanza(action);
    if (!substituted.ok) return this.fail(step, substituted.message);
    const expected = substituted.element;
    step.expected = expected;
    const inbox = this.inbox(action.client);
    let scanned = 0;
    const find = (): number | undefined => {
      for (; scanned < inbox.size; scanned += 1) {
        if (matchStanza(expected, inbox.at(scanned) as Element, this.captures).ok) return scanned;
      }
      return undefined;
    };
    const at = this.target.live ? await inbox.waitFor(find, this.timeoutMs) : find();
    if (at === undefined) return this.noMatch(action, step, expected, inbox.stanzas);
    if (scansionDirective(expected, 'order') === 'any') {
      // `scansion:order='any'`: the stanza may come after others the script still expects (a
      // server sends occupant presences in no fixed order): take it, leave those before it.
      step.matched = inbox.takeAt(at);
      return;
    }
    step.skipped = inbox.take(at);
    step.matched = inbox.take(1)[0];
    const first = step.skipped[0];
    if (this.options.strictOrder && first) {
      this.fail(
        step,
        `strict order: ${step.skipped.length} stanza(s) arrived before the expected one`,
      );
      step.closest = first;
      step.diff = diffStanzas(expected, first);
    }
  }

  private noMatch(action: Action, step: StepResult, expected: Element, received: Element[]): void {
    step.skipped = [...received];
    let closest: Element | undefined;
    let best = -1;
    for (const stanza of received) {
      const score = similarity(expected, stanza);
      if (score > best) {
        best = score;
        closest = stanza;
      }
    }
    if (!closest) {
      const wait = this.target.live ? ` within ${this.timeoutMs} ms` : '';
      this.fail(step, `nothing arrived for ${action.client}${wait}`);
      return;
    }
    const mismatch = matchStanza(expected, closest, new Map(this.captures));
    const why = mismatch.ok ? '' : `; closest: ${mismatch.reason}`;
    this.fail(step, `no matching stanza among ${received.length} received${why}`);
    step.closest = closest;
    step.diff = diffStanzas(expected, closest);
  }

  private async receiveNothing(action: Action, step: StepResult): Promise<void> {
    const inbox = this.inbox(action.client);
    const grace = Math.min(this.timeoutMs, NOTHING_GRACE_MS);
    if (this.target.live) await inbox.waitFor(() => (inbox.size > 0 ? true : undefined), grace);
    const unread = inbox.stanzas;
    const first = unread[0];
    if (!first) return;
    step.skipped = unread;
    step.closest = first;
    this.fail(
      step,
      `expected nothing for ${action.client}, but ${unread.length} stanza(s) arrived`,
    );
  }
}
