// What a scansion script runs against: the simulator or a live server — the XMPP side of XEP-0045 scenarios (§7–§10)
import type { Element } from 'ltx';
import type { ClientDefinition } from './script.js';

export interface ScriptTarget {
  /** False for the simulator: the world is quiescent after each step, so `receives` never waits. */
  readonly live: boolean;
  /** Authenticates and binds; resolves to the bound full JID. Stanzas for the client go to `deliver`. */
  connect(client: ClientDefinition, deliver: (stanza: Element) => void): Promise<string>;
  send(clientName: string, stanza: Element): Promise<void>;
  disconnect(clientName: string): Promise<void>;
  close(): Promise<void>;
}
