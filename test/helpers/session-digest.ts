// Test helpers: everything a debugger session and its simulated world hold, as text, so that a session that travelled in time can be compared with a fresh replay byte for byte — XEP-0045 scenarios (§7–§10) stepped back and forth
import { Element } from 'ltx';
import type { DebugSession } from '../../src/debugger/debug-session.js';
import { traceToJsonLines } from '../../src/muc/trace-json.js';
import type { World } from '../../src/sim/world.js';

/** Fields that hold machinery or a cache made from the state: the services every room shares, its recipients. */
const NOT_STATE = new Set(['services', 'recipientList']);

/**
 * Any value as plain data, walking every own field of every object (private ones too), so a
 * piece of state a checkpoint forgot shows up: maps and sets as entries, stanzas as XML,
 * chart snapshots as their state and context, functions as a mark.
 */
export function plain(value: unknown, seen = new Map<object, string>(), path = '$'): unknown {
  if (typeof value === 'function') return '[function]';
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Element) return value.toString();
  const known = seen.get(value);
  if (known !== undefined) return `[same as ${known}]`;
  seen.set(value, path);
  if (value instanceof Map) {
    return [...value].map(([key, item], index) => [
      plain(key, seen, `${path}.key${index}`),
      plain(item, seen, `${path}[${String(key)}]`),
    ]);
  }
  if (value instanceof Set) return [...value].map((item, i) => plain(item, seen, `${path}{${i}}`));
  if (Array.isArray(value)) return value.map((item, i) => plain(item, seen, `${path}[${i}]`));
  const record = value as Record<string, unknown>;
  if ('machine' in record && 'value' in record && 'status' in record) {
    return { chart: plain(record.value, seen, `${path}.value`), context: plain(record.context) };
  }
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(record).sort()) {
    if (!NOT_STATE.has(key)) fields[key] = plain(record[key], seen, `${path}.${key}`);
  }
  return fields;
}

/** The world's whole state: clock and timers, ids, sessions, listeners, rooms, tombstones, vCards, trace. */
export function worldState(world: World): string {
  const { clock, ids, sessions, listeners, service, trace } = world;
  const state = {
    clock,
    ids,
    sessions,
    listeners: [...listeners.keys()],
    rooms: service.rooms,
    tombstones: service.tombstones,
    vcards: service.vcards,
    trace: trace.mark(),
  };
  return JSON.stringify(plain(state), null, 1);
}

/** Everything the session derives (steps not run yet aside: see `notRunAfterCursor`): steps and results, the trace and its links, names, rooms, transitions, recording. */
export function sessionState(session: DebugSession): string {
  const { trace } = session;
  const names = session.names();
  const links = trace.map((entry) => ({
    seq: entry.seq,
    related: session.related(entry.seq),
    step: session.stepOf(entry.seq)?.index,
    reading: ((reading) => reading && { step: reading.step.index, how: reading.how })(
      session.readingOf(entry.seq),
    ),
    name: 'to' in entry ? names.label(entry.to) : undefined,
  }));
  const steps = session.steps.slice(0, session.cursor).map((step) => ({
    ...(plain(step) as object),
    reads: session.readsOf(step),
  }));
  const clients = session.clientNames().map((name) => [name, session.isConnected(name)]);
  return JSON.stringify(
    {
      cursor: session.cursor,
      notice: session.notice,
      trace: traceToJsonLines(trace),
      steps,
      links,
      clients,
      rooms: session.rooms(),
      transitions: session.transitions(),
      recording: session.recording(),
    },
    null,
    1,
  );
}

/** Whether every step after the cursor is as one never run: no result, no trace range, no reads. */
export function notRunAfterCursor(session: DebugSession): boolean {
  return session.steps
    .slice(session.cursor)
    .every((step) => !step.result && !step.traceRange && !session.readsOf(step));
}
