// What a scansion script runs against: the simulator or a live server — the XMPP side of XEP-0045 scenarios (§7–§10)
import type { Element } from 'ltx';
import type { ClientDefinition } from './script.js';

/**
 * A record of what the clients received, oldest first, by position: the simulator's trace, or
 * the runner's own log for a target that keeps none. A runner keeps read positions into it,
 * not a copy of the stanzas.
 */
export interface ReceivedRecord {
  /** Positions run from 0 to `length` − 1; the record only grows. */
  readonly length: number;
  /** The stanza at `position`, if `client` received it there. */
  receivedBy(position: number, client: string): Element | undefined;
}

export interface ScriptTarget {
  /** False for the simulator: the world is quiescent after each step, so `receives` never waits. */
  readonly live: boolean;
  /** The target's own record of what its clients received, if it keeps one (the simulator's trace). */
  readonly received?: ReceivedRecord;
  /**
   * Authenticates and binds; resolves to the bound full JID. Each stanza for the client goes to
   * `deliver` as it arrives (a target with a record has it there already).
   */
  connect(client: ClientDefinition, deliver: (stanza: Element) => void): Promise<string>;
  send(clientName: string, stanza: Element): Promise<void>;
  disconnect(clientName: string): Promise<void>;
  close(): Promise<void>;
}
