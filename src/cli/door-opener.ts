// How the debugger opens its door for real XMPP clients (`:serve`, serve --tui): the server is loaded only then — XEP-0045 rooms shared with real clients (§7)
import type { DoorOpener } from '../debugger/doorway.js';

export interface DoorSettings {
  /** Where to listen: 127.0.0.1 unless asked otherwise. */
  address: string;
  /** Seeds the door's ids (stream ids, anonymous users, generated resources). */
  seed: number;
}

/** A door opener for a debugger session; ws, saxes and the negotiation load on first use. */
export function doorOpener(settings: DoorSettings): DoorOpener {
  return async (session, ports) => {
    const { openSessionDoor } = await import('../serve/session-door.js');
    return openSessionDoor(session, { ...settings, ...ports });
  };
}
