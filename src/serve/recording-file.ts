// --record: the served session as a .scs that grows with every step and is valid after each — XEP-0045 scenarios from real clients, replayable with mucsim run
import { appendFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Element } from 'ltx';
import { type RecordingSource, recordSession } from '../debugger/recorder.js';
import type { SessionStep } from '../debugger/session-api.js';
import type { TraceEntry } from '../muc/trace.js';
import type { ServedWorld } from './served-world.js';

export const RECORDING_TITLE = 'mucsim serve: real clients in the simulated world';

/** The trace entries a step produced (the trace's sequence numbers are its positions + 1). */
function entriesOf(trace: readonly TraceEntry[], step: SessionStep): TraceEntry[] {
  const range = step.traceRange;
  if (!range) return [];
  const slice = trace.slice(range.first - 1, range.last);
  if (slice[0]?.seq === range.first) return slice;
  return trace.filter((entry) => entry.seq >= range.first && entry.seq <= range.last);
}

/** Every attribute value in a stanza, its children's included. */
function attributeValues(element: Element, into: string[] = []): string[] {
  for (const value of Object.values(element.attrs))
    if (value !== undefined) into.push(String(value));
  for (const child of element.getChildElements()) attributeValues(child, into);
  return into;
}

/**
 * Writes the recorder's script of the session after every step, without writing it all again:
 * the new steps are recorded behind a `connects` for every client already known (so their
 * JIDs become variables) and only what follows those is appended. The whole script is
 * rewritten, through a rename, when its head changes (a new client's definition) or when a
 * client sends back an id the service generated in an earlier step (the recorder must then
 * capture it where it was received). A kill between two steps leaves a complete script.
 */
export class RecordingFile {
  private written = '';
  private recordedSteps = 0;
  private definitions = 0;
  /** Client name → its full JID at its last `connects`. */
  private readonly fullJids = new Map<string, string>();
  /** Ids clients sent, and ids the service made up (delivered, never sent by a client). */
  private readonly sentIds = new Set<string>();
  private readonly generatedIds = new Set<string>();

  constructor(
    private readonly path: string,
    private readonly served: ServedWorld,
  ) {}

  /** Brings the file up to date with the session's steps. */
  update(): void {
    const steps = this.served.steps.slice(this.recordedSteps);
    const trace = this.served.world.trace.entries;
    const clients = this.served.clientDefinitions();
    const rewrite =
      this.written === '' ||
      clients.length !== this.definitions ||
      this.sendsBackGenerated(steps, trace);
    if (rewrite) this.rewrite(this.source({ steps: this.served.steps, trace }));
    else this.append(steps, trace);
    this.definitions = clients.length;
    this.recordedSteps = this.served.steps.length;
    this.learn(steps, trace);
  }

  private source(parts: Pick<RecordingSource, 'steps' | 'trace'>): RecordingSource {
    return {
      title: RECORDING_TITLE,
      description: `Recorded by mucsim serve on ${this.served.domain}; replay it with mucsim run.`,
      clients: this.served.clientDefinitions(),
      ...parts,
    };
  }

  private rewrite(source: RecordingSource): void {
    const text = recordSession(source);
    writeFileSync(`${this.path}.partial`, text);
    renameSync(`${this.path}.partial`, this.path);
    this.written = text;
  }

  private append(steps: SessionStep[], trace: readonly TraceEntry[]): void {
    // Every known client connects first, on a trace entry of its own (negative numbers).
    const known: SessionStep[] = [];
    const connects: TraceEntry[] = [];
    for (const [client, jid] of this.fullJids) {
      const seq = -(known.length + 1);
      const action = { kind: 'connects' as const, client, line: 0, column: 0, narration: [] };
      const result = { index: known.length, action, status: 'passed' as const, skipped: [] };
      known.push({
        index: known.length,
        action,
        origin: 'typed',
        result,
        traceRange: { first: seq, last: seq },
      });
      connects.push({ seq, kind: 'connect', time: 0, jid });
    }
    const head = recordSession(this.source({ steps: known, trace: connects }));
    const window = [...connects, ...steps.flatMap((step) => entriesOf(trace, step))];
    const text = recordSession(this.source({ steps: [...known, ...steps], trace: window }));
    if (!text.startsWith(head)) {
      this.rewrite(this.source({ steps: this.served.steps, trace }));
      return;
    }
    const added = text.slice(head.length);
    if (added === '') return;
    appendFileSync(this.path, added);
    this.written += added;
  }

  /** Whether a new step's client stanza carries an id the service generated before it. */
  private sendsBackGenerated(steps: SessionStep[], trace: readonly TraceEntry[]): boolean {
    if (this.generatedIds.size === 0) return false;
    for (const step of steps) {
      for (const entry of entriesOf(trace, step)) {
        if (entry.kind !== 'input' || entry.origin !== 'client') continue;
        if (attributeValues(entry.stanza).some((value) => this.generatedIds.has(value)))
          return true;
      }
    }
    return false;
  }

  private learn(steps: SessionStep[], trace: readonly TraceEntry[]): void {
    for (const step of steps) {
      for (const entry of entriesOf(trace, step)) {
        if (entry.kind === 'connect') this.fullJids.set(step.action.client, entry.jid);
        const id = 'stanza' in entry ? entry.stanza.attrs.id : undefined;
        if (id === undefined) continue;
        if (entry.kind === 'input' && entry.origin === 'client') this.sentIds.add(id);
        if (entry.kind === 'delivery' && !this.sentIds.has(id)) this.generatedIds.add(id);
      }
    }
  }
}
