// Where Prosody's MUC raises a Lua error: the handler stops, what it already did stays done, and the request gets no answer — Prosody 13's behaviour on inputs its code does not expect

import type { Effects } from './effects.js';

/**
 * A Lua error in Prosody's handler for the stanza being handled: an `assert`, or indexing or
 * passing a nil the code did not expect. Prosody logs it and goes on with the next stanza: the
 * sender gets no reply, and whatever the handler sent or changed before stays.
 */
export class LuaError extends Error {
  constructor(
    /** The feature whose Prosody twin raises. */
    readonly feature: string,
    /** The message Prosody logs. */
    message: string,
  ) {
    super(message);
    this.name = 'LuaError';
  }
}

/** Stops handling the stanza as Prosody's Lua error would (see `LuaError`). */
export function raiseLuaError(feature: string, message: string): never {
  // Caught by `noteLuaError` and noted as a verdict: a stack trace would only cost time.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  const error = new LuaError(feature, message);
  Error.stackTraceLimit = limit;
  throw error;
}

/**
 * Ends the handling of a stanza that raised: a `LuaError` ends it quietly, as in Prosody, and the
 * trace notes it as a verdict of the feature that raised. Any other exception is a bug and goes on.
 */
export function noteLuaError(error: unknown, room: string, out: Effects): void {
  if (!(error instanceof LuaError)) throw error;
  out.record({
    kind: 'verdict',
    room,
    hook: 'lua-error',
    by: error.feature,
    condition: `Prosody raises "${error.message}": no reply`,
  });
}

/** Runs part of the room's handling of one stanza, a `LuaError` ending it (see `noteLuaError`). */
export function handleLikeProsody(room: string, out: Effects, work: () => void): void {
  try {
    work();
  } catch (error) {
    noteLuaError(error, room, out);
  }
}
