// A virtual user's connected session: full JID, availability and the rooms it has joined (what it received is in the world's trace) — XEP-0045 §7.2 (occupant sessions)
import type { Element } from 'ltx';

export interface Session {
  /** The full JID bound at connect time. */
  jid: string;
  /** A label for people: the scansion client name, or the JID. */
  label: string;
  /** Sent its initial presence. */
  available: boolean;
  /** Its last broadcast presence, with the server's delay stamp (sent to its user's new resources). */
  presence?: Element;
  /** The `<priority/>` of its last broadcast presence (RFC 6121 §4.7.2.3; 0 when absent). */
  priority: number;
  /** Addresses this session has sent available presence to: occupant JIDs, its account's other resources (Prosody's directed presence). */
  joined: Set<string>;
}
