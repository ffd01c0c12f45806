// A checkpoint of the simulated world, and the way back to it: the clock and its pending timers, the seeded ids, the trace's length, the users' sessions and the MUC service's rooms — XEP-0045 §7–§10 (the whole state a scenario builds)

import {
  checkpointService,
  RoomCopies,
  restoreService,
  type ServiceCheckpoint,
} from '../muc/checkpoint.js';
import type { ArchivedMessage } from '../muc/model/room-state.js';
import type { TraceMark } from '../muc/trace.js';
import type { ClockCheckpoint } from './clock.js';
import { SessionRegistry } from './session-registry.js';
import type { DeliveryListener, World, WorldTimer } from './world.js';

/**
 * The world between two inputs, in copies of its own: restoring it makes the world exactly as
 * it was then (its trace cut back to the length it had), however far it has gone since.
 */
export interface WorldCheckpoint {
  readonly clock: ClockCheckpoint<WorldTimer>;
  readonly ids: number;
  readonly trace: TraceMark;
  readonly sessions: SessionRegistry;
  readonly listeners: ReadonlyMap<string, DeliveryListener>;
  readonly service: ServiceCheckpoint;
  /** The archives the rooms share with the live world (they only grow), and their lengths then. */
  readonly archives: ReadonlyMap<ArchivedMessage[], number>;
}

/** Timers whose rooms are those copies made (a room a timer names may have left the registry). */
function copyTimers(clock: ClockCheckpoint<WorldTimer>, copies: RoomCopies) {
  const timers = clock.timers.map(({ at, task }) => ({
    at,
    task: { cause: task.cause, timer: { ...task.timer, room: copies.room(task.timer.room) } },
  }));
  return { now: clock.now, timers };
}

/** The world's whole state now. Taken between inputs (never while the service runs). */
export function checkpointWorld(world: World): WorldCheckpoint {
  const copies = new RoomCopies();
  const sessions = new SessionRegistry(world.domain);
  sessions.copyFrom(world.sessions);
  return {
    clock: copyTimers(world.clock.checkpoint(), copies),
    ids: world.ids.checkpoint(),
    trace: world.trace.mark(),
    sessions,
    listeners: new Map(world.listeners),
    service: checkpointService(world.service, copies),
    archives: copies.archiveLengths(),
  };
}

/** Makes the world (the same object, its listeners and closures intact) what it was at `checkpoint`. */
export function restoreWorld(world: World, checkpoint: WorldCheckpoint): void {
  for (const [archive, length] of checkpoint.archives) archive.length = length;
  const copies = new RoomCopies();
  world.clock.restore(copyTimers(checkpoint.clock, copies));
  world.ids.restore(checkpoint.ids);
  world.trace.cutTo(checkpoint.trace);
  world.sessions.copyFrom(checkpoint.sessions);
  world.listeners.clear();
  for (const [jid, listener] of checkpoint.listeners) world.listeners.set(jid, listener);
  restoreService(world.service, checkpoint.service, copies);
}
