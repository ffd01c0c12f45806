// The shape of the core's own iq handlers (disco, the owner's form and destroy): the room itself, not a read-only view — XEP-0045 §6.4, §10
import type { Element } from 'ltx';
import type { Effects } from '../effects.js';
import type { IqAnswer } from '../hooks.js';
import type { Occupant } from '../model/occupant.js';
import type { Room } from '../room.js';

export interface CoreIqContext {
  room: Room;
  out: Effects;
  stanza: Element;
  /** The first child of the iq (its query). */
  payload: Element;
  occupant: Occupant | undefined;
}

/** One of the core's answers to an iq at the room's bare JID, keyed `"get <xmlns>"` or `"set <xmlns>"`. */
export type CoreIqHandler = (context: CoreIqContext) => IqAnswer | undefined;
