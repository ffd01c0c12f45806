// An occupant: one nick in one room, held by one bare JID with one or more sessions — XEP-0045 §5.1 and §7.2
import type { Element } from 'ltx';
import type { OccupantSnapshot } from '../occupant-machine.js';
import type { Role } from './role.js';

export interface Occupant {
  nick: string;
  /** room@service/nick */
  occupantJid: string;
  bareJid: string;
  role: Role;
  /** Each joined session's full JID and the last presence it sent (muc payloads removed). */
  sessions: Map<string, Element>;
  /** The session whose presence stands for the occupant (Prosody's occupant.jid). */
  primaryJid: string;
  /** The unavailable presence that ended the visit, when the occupant itself sent one. */
  leavePresence?: Element;
  machine: OccupantSnapshot;
}
