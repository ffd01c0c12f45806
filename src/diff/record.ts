// Recording everything each client receives while a script runs on a target, past failed steps — the raw material to compare two XEP-0045 services
import type { Element } from 'ltx';
import { type RunOptions, ScriptStepper } from '../scansion/runner.js';
import type { ClientDefinition, Script } from '../scansion/script.js';
import type { ScriptTarget } from '../scansion/target.js';
import { bareJid } from '../xmpp/jid.js';
import type { ClientRecord, RunRecord, StepOutcome } from './compare.js';

/** Wraps a target: every stanza delivered to a client is also kept, with the step it arrived in. */
export class RecordingTarget implements ScriptTarget {
  readonly live: boolean;
  /** Index of the action being performed. */
  step = -1;
  private readonly records = new Map<string, ClientRecord>();
  /** Set when the script is over: closing the target's connections is not part of the run. */
  private stopped = false;
  /** Clients whose `disconnects` has started: nothing more is recorded for them. */
  private readonly leaving = new Set<string>();

  constructor(private readonly inner: ScriptTarget) {
    this.live = inner.live;
  }

  async connect(client: ClientDefinition, deliver: (stanza: Element) => void): Promise<string> {
    const record = this.record(client);
    const session = record.jids.length;
    this.leaving.delete(client.name);
    const jid = await this.inner.connect(client, (stanza) => {
      // A real client's stream is closed once it disconnects: what the simulator still hands
      // to the session while it leaves (its own unavailable presence) is not on any wire.
      const current =
        !this.stopped && record.jids.length === session + 1 && !this.leaving.has(client.name);
      if (current) record.received.push({ stanza, step: this.step });
      deliver(stanza);
    });
    record.jids.push(jid);
    return jid;
  }

  send(clientName: string, stanza: Element): Promise<void> {
    return this.inner.send(clientName, stanza);
  }

  disconnect(clientName: string): Promise<void> {
    this.leaving.add(clientName);
    return this.inner.disconnect(clientName);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  /** Stops recording and returns the clients, in the order they first connected. */
  finish(): ClientRecord[] {
    this.stopped = true;
    return [...this.records.values()].map((record) => ({
      ...record,
      jids: [...record.jids],
      received: [...record.received],
    }));
  }

  private record(client: ClientDefinition): ClientRecord {
    let record = this.records.get(client.name);
    if (!record) {
      record = { name: client.name, bare: bareJid(client.jid), jids: [], received: [] };
      this.records.set(client.name, record);
    }
    return record;
  }
}

export interface RecordOptions extends RunOptions {
  /** Called after the last step, before the streams are read (a live target lets in-flight stanzas in). */
  settle?: () => Promise<void>;
  /** Stop at once when this returns true after a step (e.g. the server is unreachable). */
  abort?: () => boolean;
}

export interface RecordedRun extends RunRecord {
  /** Ids of the stanzas the script sent. */
  sentIds: Set<string>;
}

/**
 * Runs every step of the script (a failed step does not stop the run: the streams after it
 * are worth comparing too) and returns each client's received stanzas and each step's outcome.
 * Does not close the target.
 */
export async function recordRun(
  script: Script,
  target: ScriptTarget,
  options: RecordOptions = {},
): Promise<RecordedRun> {
  const recording = new RecordingTarget(target);
  const stepper = new ScriptStepper(script.clients, recording, options);
  const steps: StepOutcome[] = [];
  const sentIds = new Set<string>();
  for (const [index, action] of script.actions.entries()) {
    recording.step = index;
    const result = await stepper.step(action, index);
    const id = result.sent?.attrs.id;
    // An id the script echoes from what it captured was made by the service, not the script.
    const captured = /\sid=(['"])\{scansion:capture:/.test(action.xml ?? '');
    if (typeof id === 'string' && !captured) sentIds.add(id);
    steps.push({
      index,
      line: action.line,
      client: action.client,
      kind: action.kind,
      status: result.status,
      ...(result.reason !== undefined && { reason: result.reason }),
    });
    if (options.abort?.()) break;
  }
  recording.step = script.actions.length - 1;
  await options.settle?.();
  return { clients: recording.finish(), steps, sentIds };
}
