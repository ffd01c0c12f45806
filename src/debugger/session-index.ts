// Who is who and what caused what in a debugger session's trace: the clients' bound JIDs and names, the step behind an entry, the receives that read a delivery, an input's effects — following a XEP-0045 scenario (§7.1 order of events)
import { JidNames } from '../describe/names.js';
import type { TraceEntry } from '../muc/trace.js';
import type { ClientDefinition } from '../scansion/script.js';
import type { SessionStep } from './session-api.js';
import { type Reading, type StepReads, TraceLinks } from './trace-links.js';

/** What the index reads of its session. */
export interface IndexedSession {
  readonly clients: readonly ClientDefinition[];
  trace(): readonly TraceEntry[];
  isRoom(bare: string): boolean;
  /** Increases with every change of the session: the names are made again after one. */
  version(): number;
}

/** A session's trace indexed as it grows: each entry and each step is looked at once. */
export class SessionIndex {
  /** Full JIDs bound by the clients' `connects`, and whose they are. */
  private readonly bound = new Map<string, string>();
  private named: { version: number; names: JidNames } | undefined;
  private readonly links = new TraceLinks((jid) => this.bound.get(jid) ?? this.names().client(jid));

  constructor(private readonly session: IndexedSession) {}

  /** Forgets everything (a new world). */
  reset(): void {
    this.bound.clear();
    this.links.reset();
    this.named = undefined;
  }

  /** A client's `connects` bound this full JID. */
  bind(jid: string, client: string): void {
    this.bound.set(jid, client);
    this.named = undefined;
  }

  /** After a step ran: its trace range, and what a `receives` matched and skipped. */
  record(step: SessionStep): void {
    this.links.record(step, this.session.trace(), (seq) => this.entryAt(seq));
  }

  /** Names JIDs after the clients (bound JIDs included), for every renderer of the describer. */
  names(): JidNames {
    const version = this.session.version();
    if (this.named?.version === version) return this.named.names;
    const boundBy = new Map<string, string[]>();
    for (const [jid, name] of this.bound) {
      const jids = boundBy.get(name);
      if (jids) jids.push(jid);
      else boundBy.set(name, [jid]);
    }
    const names = new JidNames(
      this.session.clients.map((client) => ({
        name: client.name,
        jid: client.jid,
        bound: boundBy.get(client.name) ?? [],
      })),
      { isRoom: (bare) => this.session.isRoom(bare) },
    );
    this.named = { version, names };
    return names;
  }

  /** The trace entry with this sequence number (sequence numbers are dense and sorted). */
  entryAt(seq: number): TraceEntry | undefined {
    const trace = this.session.trace();
    const guess = trace[seq - (trace[0]?.seq ?? 1)];
    if (guess?.seq === seq) return guess;
    return trace.find((candidate) => candidate.seq === seq);
  }

  /** The stanza of a trace entry's cause and every entry with that cause (for highlighting). */
  related(seq: number): { cause: number | undefined; effects: readonly number[] } {
    const entry = this.entryAt(seq);
    if (!entry) return { cause: undefined, effects: [] };
    const cause = 'cause' in entry ? entry.cause : entry.kind === 'input' ? entry.seq : undefined;
    if (cause === undefined || cause === 0) return { cause: undefined, effects: [] };
    this.links.catchUp(this.session.trace());
    return { cause, effects: this.links.effectsOf(cause) };
  }

  /** The step that produced a trace entry (a sent stanza's `sends`, a join's `connects`…). */
  stepOf(seq: number): SessionStep | undefined {
    return this.links.stepOf(seq);
  }

  /** The `receives` step that matched or skipped a delivered stanza, once one has read it. */
  readingOf(seq: number): Reading | undefined {
    return this.links.readingOf(seq);
  }

  /** The stanzas a `receives` step matched and skipped, by sequence number. */
  readsOf(step: SessionStep): StepReads | undefined {
    return this.links.readsOf(step);
  }
}
