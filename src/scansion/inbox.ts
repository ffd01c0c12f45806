// One client's inbox of received stanzas, with a wake-up for a live runner waiting on XEP-0045 traffic (§7–§10)
import type { Element } from 'ltx';

export class Inbox {
  readonly stanzas: Element[] = [];
  private waiting: (() => void)[] = [];

  push(stanza: Element): void {
    this.stanzas.push(stanza);
    this.wake();
  }

  /** Resolves at the next `push` or `wake`. */
  changed(): Promise<void> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  wake(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }

  /** Removes and returns the first `count` stanzas. */
  take(count: number): Element[] {
    return this.stanzas.splice(0, count);
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
        await this.changed();
      }
    } finally {
      clearTimeout(timer);
    }
  }
}
