// An occupant: one nick in one room, held by one bare JID with one or more sessions; its role is the state of its chart — XEP-0045 §5.1 and §7.2
import type { Element } from 'ltx';
import {
  initialOccupantSnapshot,
  type OccupantSnapshot,
  occupantRole,
} from '../occupant-machine.js';
import type { Role } from './role.js';

export class Occupant {
  /** Each joined session's full JID and the last presence it sent (muc payloads removed). */
  readonly sessions: Map<string, Element>;
  /** The session whose presence stands for the occupant (Prosody's occupant.jid). */
  primaryJid: string;
  /** The occupant chart's snapshot (src/muc/occupant-machine.ts): the one place its role lives. */
  machine: OccupantSnapshot = initialOccupantSnapshot();

  constructor(
    public nick: string,
    /** room@service/nick */
    public occupantJid: string,
    readonly bareJid: string,
    session: string,
    presence: Element,
  ) {
    this.sessions = new Map([[session, presence]]);
    this.primaryJid = session;
  }

  /** none while joining and once gone; otherwise the role of the chart's `present` state. */
  get role(): Role {
    return occupantRole(this.machine);
  }
}
