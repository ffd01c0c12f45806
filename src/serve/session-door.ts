// A door into an open debugger session (mucsim serve --tui, :serve): real XMPP clients join the session's simulated world, and what they do becomes steps of its timeline — XEP-0045 rooms shared by real and virtual users (§7)
import type { DebugSession } from '../debugger/debug-session.js';
import { NO_DOOR } from '../debugger/doorway.js';
import type { DoorPorts, SessionDoor } from '../debugger/session-api.js';
import { ServedWorld } from './served-world.js';
import { listen, listenFailure } from './server.js';

export interface SessionDoorOptions extends DoorPorts {
  /** Where to listen (127.0.0.1 unless asked otherwise). */
  address: string;
  /** Seeds the door's own ids (stream ids, anonymous users, generated resources). */
  seed: number;
  maxStanzaBytes?: number;
}

/**
 * Opens the TCP and WebSocket doors into the session's world. Real clients take scansion names
 * the session's users do not hold; each connects, sends and disconnects is a step at the
 * session's cursor. Paused, what they send waits until resumed; closing runs what waited.
 */
export async function openSessionDoor(
  session: DebugSession,
  options: SessionDoorOptions,
): Promise<SessionDoor> {
  const first = session.world;
  if (!first) throw new Error(NO_DOOR);
  // Before any real client connects the session may still travel in time, to a new world.
  const served = new ServedWorld(() => session.world ?? first, {
    seed: options.seed,
    ...(options.maxStanzaBytes !== undefined && { maxStanzaBytes: options.maxStanzaBytes }),
  });
  const reserve = () => served.reserveNames(session.clientNames());
  reserve();
  const unsubscribe = session.subscribe(reserve);
  served.onStep((step) => {
    const name = step.action.client;
    const definition = served.clientDefinitions().find((candidate) => candidate.name === name);
    if (!definition) return;
    const connected = served.connectedClients().find((client) => client.name === name);
    const jid = step.action.kind === 'connects' ? connected?.jid : undefined;
    session.doorway.admit({ ...step }, { definition, ...(jid !== undefined && { jid }) });
  });
  served.onHold(() => session.doorway.changed());
  const doors = await listen(served, { ...options }).catch((error: unknown) => {
    unsubscribe();
    throw listenFailure(error, options);
  });
  let closing: Promise<void> | undefined;
  return {
    address: options.address,
    port: doors.port,
    wsPort: doors.wsPort,
    clientCount: () => served.connectedClients().length,
    get paused() {
      return served.paused;
    },
    held: () => served.held(),
    pause: () => served.pause(),
    resume: () => served.resume(),
    close() {
      closing ??= (async () => {
        // What was held runs first; then every stream ends and each client leaves its rooms.
        served.resume();
        const stopped = doors.close();
        served.disconnectAll();
        unsubscribe();
        await stopped;
      })();
      return closing;
    },
  };
}
