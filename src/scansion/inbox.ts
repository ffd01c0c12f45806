// One client's unread stanzas: positions in the record of what it received (the simulator's trace, or the runner's log), with a wake-up for a live runner waiting on XEP-0045 traffic (§7–§10)
import type { Element } from 'ltx';
import type { ReceivedRecord } from './target.js';

/** The runner's own record, for a target that keeps none (a live server): each stanza once. */
export class ReceivedLog implements ReceivedRecord {
  private readonly entries: { client: string; stanza: Element }[] = [];

  get length(): number {
    return this.entries.length;
  }

  add(client: string, stanza: Element): void {
    this.entries.push({ client, stanza });
  }

  receivedBy(position: number, client: string): Element | undefined {
    const entry = this.entries[position];
    return entry?.client === client ? entry.stanza : undefined;
  }
}

/**
 * What one client received and no `receives` has read yet, oldest first: positions in the
 * record, looked up as they are read.
 */
export class Inbox {
  private readonly unread: number[] = [];
  /** The record is read up to here for this client. */
  private scanned = 0;
  private waiting: (() => void)[] = [];

  constructor(
    private readonly record: ReceivedRecord,
    private readonly client: string,
  ) {}

  /** The unread stanzas, oldest first. */
  get stanzas(): Element[] {
    this.catchUp();
    return this.unread.map((position) => this.stanzaAt(position));
  }

  /** How many stanzas are unread. */
  get size(): number {
    this.catchUp();
    return this.unread.length;
  }

  /** The `index`-th unread stanza. */
  at(index: number): Element | undefined {
    this.catchUp();
    const position = this.unread[index];
    return position === undefined ? undefined : this.stanzaAt(position);
  }

  /** Marks the first `count` unread stanzas read and returns them. */
  take(count: number): Element[] {
    this.catchUp();
    return this.unread.splice(0, count).map((position) => this.stanzaAt(position));
  }

  /** Marks the `index`-th unread stanza read and returns it (the others stay unread). */
  takeAt(index: number): Element | undefined {
    this.catchUp();
    const [position] = this.unread.splice(index, 1);
    return position === undefined ? undefined : this.stanzaAt(position);
  }

  /** Something arrived for the client: a live wait looks again. */
  wake(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }

  /**
   * Waits until `found` returns something for the stanzas so far, or `timeoutMs` passes.
   * `found` is called again after each arrival.
   */
  async waitFor<T>(found: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
    let expired = false;
    const timer = setTimeout(() => {
      expired = true;
      this.wake();
    }, timeoutMs);
    try {
      for (;;) {
        const result = found();
        if (result !== undefined || expired) return result;
        await new Promise<void>((resolve) => this.waiting.push(resolve));
      }
    } finally {
      clearTimeout(timer);
    }
  }

  private catchUp(): void {
    for (; this.scanned < this.record.length; this.scanned += 1) {
      if (this.record.receivedBy(this.scanned, this.client)) this.unread.push(this.scanned);
    }
  }

  private stanzaAt(position: number): Element {
    return this.record.receivedBy(position, this.client) as Element;
  }
}
