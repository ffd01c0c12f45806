// Cause and effect across the trace and the script, indexed as they grow: the step that sent an input, the receives that matched or skipped a delivery, the effects of an input — following a XEP-0045 scenario (§7.1 order of events)
import type { Element } from 'ltx';
import type { TraceEntry } from '../muc/trace.js';
import type { SessionStep } from './session-api.js';

/** How a `receives` step read a delivered stanza. */
export interface Reading {
  step: SessionStep;
  how: 'matched' | 'skipped';
}

/** What a `receives` step read: the stanza it matched and those it passed over on the way. */
export interface StepReads {
  matched?: number;
  skipped: number[];
}

interface Unread {
  seqs: number[];
  /** The first unread one: stanzas before it were read by a `receives`. */
  head: number;
}

/**
 * Links between trace entries and steps, built incrementally: each trace entry is looked at
 * once (`catchUp`), each step once (`record`), so following a link never scans the trace.
 * A client's unread deliveries mirror its scansion inbox, which a `receives` empties from the
 * front, so its matched and skipped stanzas are found among the first unread ones.
 */
export class TraceLinks {
  private readonly ranges: { first: number; last: number; step: SessionStep }[] = [];
  private readonly readings = new Map<number, Reading>();
  private readonly reads = new WeakMap<SessionStep, StepReads>();
  private readonly effects = new Map<number, number[]>();
  private readonly unread = new Map<string, Unread>();
  private scanned = 0;
  private trace: readonly TraceEntry[] = [];

  constructor(private readonly clientOf: (jid: string) => string | undefined) {}

  /** Forgets everything (a new world). */
  reset(): void {
    this.ranges.length = 0;
    this.readings.clear();
    this.effects.clear();
    this.unread.clear();
    this.scanned = 0;
    this.trace = [];
  }

  /** Indexes the trace entries appended since the last call. */
  catchUp(trace: readonly TraceEntry[]): void {
    if (trace !== this.trace) {
      if (this.scanned > 0) this.reset();
      this.trace = trace;
    }
    for (; this.scanned < trace.length; this.scanned += 1) {
      const entry = trace[this.scanned] as TraceEntry;
      if ('cause' in entry) {
        const list = this.effects.get(entry.cause);
        if (list) list.push(entry.seq);
        else this.effects.set(entry.cause, [entry.seq]);
      }
      if (entry.kind !== 'delivery') continue;
      const client = this.clientOf(entry.to);
      if (client === undefined) continue;
      const queue = this.unread.get(client);
      if (queue) queue.seqs.push(entry.seq);
      else this.unread.set(client, { seqs: [entry.seq], head: 0 });
    }
  }

  /** After a step ran: its trace range, and for a `receives`, what it matched and skipped. */
  record(
    step: SessionStep,
    trace: readonly TraceEntry[],
    entryAt: (seq: number) => TraceEntry | undefined,
  ): void {
    this.catchUp(trace);
    if (step.traceRange) this.ranges.push({ ...step.traceRange, step });
    const result = step.result;
    if (step.action.kind !== 'receives' || !result?.matched) return;
    const queue = this.unread.get(step.action.client);
    if (!queue) return;
    const stanzaAt = (index: number): Element | undefined => {
      const entry = entryAt(queue.seqs[index] as number);
      return entry && 'stanza' in entry ? entry.stanza : undefined;
    };
    const skipped = new Set(result.skipped);
    const read: StepReads = { skipped: [] };
    let index = queue.head;
    for (; index < queue.seqs.length; index += 1) {
      const stanza = stanzaAt(index);
      const seq = queue.seqs[index] as number;
      if (stanza === result.matched) {
        read.matched = seq;
        this.readings.set(seq, { step, how: 'matched' });
        break;
      }
      if (stanza && skipped.has(stanza)) {
        read.skipped.push(seq);
        this.readings.set(seq, { step, how: 'skipped' });
      }
    }
    queue.head = Math.min(index + 1, queue.seqs.length);
    this.compact(queue);
    this.reads.set(step, read);
  }

  /** The step during which this trace entry was produced (binary search over the steps run). */
  stepOf(seq: number): SessionStep | undefined {
    let low = 0;
    let high = this.ranges.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const range = this.ranges[middle] as (typeof this.ranges)[number];
      if (seq < range.first) high = middle - 1;
      else if (seq > range.last) low = middle + 1;
      else return range.step;
    }
    return undefined;
  }

  /** Which `receives` read this delivery, and how; undefined while no step has read it. */
  readingOf(seq: number): Reading | undefined {
    return this.readings.get(seq);
  }

  /** What a `receives` step matched and skipped. */
  readsOf(step: SessionStep): StepReads | undefined {
    return this.reads.get(step);
  }

  /** The entries an input caused, in trace order. */
  effectsOf(cause: number): readonly number[] {
    return this.effects.get(cause) ?? [];
  }

  /** Drops read sequence numbers once they are most of the queue, keeping it small. */
  private compact(queue: Unread): void {
    if (queue.head < 1024 || queue.head * 2 < queue.seqs.length) return;
    queue.seqs.splice(0, queue.head);
    queue.head = 0;
  }
}
