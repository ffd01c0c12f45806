// The trace: every stanza in and out, every transition, each with its cause — what the runner, the exports and the TUI read (XEP-0045 §7.1)
import type { Element } from 'ltx';
import type { DomainEvent } from './effects.js';

export type TraceEntry =
  | { seq: number; kind: 'connect'; time: number; jid: string }
  | { seq: number; kind: 'disconnect'; time: number; jid: string }
  | {
      seq: number;
      kind: 'input';
      time: number;
      /** The session that sent it, or the server acting for it (`server`: e.g. unavailable on disconnect). */
      sender: string;
      origin: 'client' | 'server';
      stanza: Element;
    }
  | {
      seq: number;
      kind: 'delivery';
      time: number;
      cause: number;
      to: string;
      stanza: Element;
      by: string;
    }
  | {
      seq: number;
      kind: 'dropped';
      time: number;
      cause: number;
      to: string;
      stanza: Element;
      reason: string;
    }
  | { seq: number; kind: 'event'; time: number; cause: number; event: DomainEvent }
  /** A bug inside the core: the world answered internal-server-error and kept going. */
  | { seq: number; kind: 'crash'; time: number; cause: number; message: string; stack: string };

/** Where a trace stands: how many entries it keeps and the sequence number of the next. */
export interface TraceMark {
  readonly length: number;
  readonly nextSeq: number;
}

type Draft<E> = E extends TraceEntry ? Omit<E, 'seq'> : never;

/** An append-only log; `enabled: false` keeps only the sequence counter (benchmarks, fuzzing). */
export class Trace {
  readonly entries: TraceEntry[] = [];
  private nextSeq = 1;
  private readonly listeners: ((entry: TraceEntry) => void)[] = [];

  constructor(readonly enabled = true) {}

  append(draft: Draft<TraceEntry>): number {
    const seq = this.nextSeq++;
    if (this.enabled || this.listeners.length > 0) this.record({ seq, ...draft } as TraceEntry);
    return seq;
  }

  /** A bug inside the core, caught by the world: its message and stack. */
  appendCrash(time: number, cause: number, error: unknown): number {
    const failure = error instanceof Error ? error : new Error(String(error));
    const { message, stack = message } = failure;
    return this.append({ kind: 'crash', time, cause, message, stack });
  }

  /** `append` of an input without the spread (drafts have many shapes): one per stanza sent. */
  appendInput(time: number, sender: string, origin: 'client' | 'server', stanza: Element): number {
    const seq = this.nextSeq++;
    if (this.enabled || this.listeners.length > 0) {
      this.record({ seq, kind: 'input', time, sender, origin, stanza });
    }
    return seq;
  }

  /** `append` of a domain event without the spread. */
  appendEvent(time: number, cause: number, event: DomainEvent): number {
    const seq = this.nextSeq++;
    if (this.enabled || this.listeners.length > 0)
      this.record({ seq, kind: 'event', time, cause, event });
    return seq;
  }

  /** `append` of a delivery without the spread: the one entry per recipient of a broadcast. */
  appendDelivery(time: number, cause: number, to: string, stanza: Element, by: string): number {
    const seq = this.nextSeq++;
    if (this.enabled || this.listeners.length > 0) {
      this.record({ seq, kind: 'delivery', time, cause, to, stanza, by });
    }
    return seq;
  }

  private record(entry: TraceEntry): void {
    if (this.enabled) this.entries.push(entry);
    for (const listener of this.listeners) listener(entry);
  }

  /** Where the trace stands now (a checkpoint of the world keeps it). */
  mark(): TraceMark {
    return { length: this.entries.length, nextSeq: this.nextSeq };
  }

  /**
   * Back to a mark: the entries after it go, and the next one gets the number it got then. The
   * trace only grows, so the mark is all a checkpoint keeps of it. Subscribers are not told.
   */
  cutTo(mark: TraceMark): void {
    this.entries.length = mark.length;
    this.nextSeq = mark.nextSeq;
  }

  /** Called with each entry as it is appended, so a trace can be written as it grows. */
  subscribe(listener: (entry: TraceEntry) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const index = this.listeners.indexOf(listener);
      if (index >= 0) this.listeners.splice(index, 1);
    };
  }
}
