// A virtual user's connected session: full JID, availability, inbox and the rooms it has joined — XEP-0045 §7.2 (occupant sessions)
import type { Element } from 'ltx';

export interface Session {
  /** The full JID bound at connect time. */
  jid: string;
  /** A label for people: the scansion client name, or the JID. */
  label: string;
  /** Sent its initial presence. */
  available: boolean;
  /** Stanzas delivered to this session, oldest first. */
  inbox: Element[];
  /** Occupant JIDs this session has sent available presence to (Prosody's directed presence). */
  joined: Set<string>;
}
