// Keys in the order they were typed: a key that starts a step is finished before the next key is handled — the debugger's controls for XEP-0045 scenarios (§7–§10)

/** Handles one key press; a promise means "the next key waits for this". */
export type KeyHandler<P> = (press: P) => Promise<void> | void;

/**
 * A first-in first-out queue of key presses. While a step, a time travel or a typed command
 * runs, the keys typed meanwhile wait and then run in order, each seeing what the one before
 * it left (a `j` after an `n` moves from the new step's stanza, not from the old one).
 */
export function createKeyQueue<P>(handle: KeyHandler<P>): {
  push(presses: P[]): void;
  /** Puts presses before the waiting ones (a handler splitting its press into several). */
  pushFront(presses: P[]): void;
} {
  const waiting: P[] = [];
  let busy = false;
  const pump = () => {
    while (!busy && waiting.length > 0) {
      const press = waiting.shift() as P;
      const pending = handle(press);
      if (pending) {
        busy = true;
        pending.finally(() => {
          busy = false;
          pump();
        });
      }
    }
  };
  return {
    push(presses) {
      waiting.push(...presses);
      pump();
    },
    pushFront(presses) {
      waiting.unshift(...presses);
    },
  };
}
