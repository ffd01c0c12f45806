// One step's stanzas on the simulator and on the server, client by client, normalised and aligned as `mucsim diff` does — where two XEP-0045 services disagree
import type { Element } from 'ltx';
import { type ClientComparison, compareRuns, type RunRecord } from '../../diff/compare.js';
import type { FuzzCast } from '../actions.js';

/** What one client received in one step, on each side. */
export interface StepReceived {
  simulator: ReadonlyMap<string, readonly Element[]>;
  server: ReadonlyMap<string, readonly Element[]>;
}

export interface StepComparison {
  /** The clients whose streams differ, with their differences. */
  clients: ClientComparison[];
  /** Stanzas compared: for each client, the longer of its two streams. */
  compared: number;
}

function record(
  cast: FuzzCast,
  received: ReadonlyMap<string, readonly Element[]>,
  step: number,
): RunRecord {
  return {
    clients: cast.clients
      .filter((client) => received.has(client.name))
      .map((client) => ({
        name: client.name,
        bare: client.bare,
        jids: [client.jid],
        received: (received.get(client.name) ?? []).map((stanza) => ({ stanza, step })),
      })),
    steps: [],
  };
}

/**
 * Compares one step: each client's stanzas in order, except where Prosody leaves the order to
 * its Lua tables (`compareRuns` sorts those runs), volatile values aside (`normaliseStanza`).
 * `sentIds` are the ids of the stanzas the step sent: the answers echo them.
 */
export function compareStep(
  cast: FuzzCast,
  received: StepReceived,
  step: number,
  sentIds: ReadonlySet<string>,
): StepComparison {
  const comparison = compareRuns(
    record(cast, received.simulator, step),
    record(cast, received.server, step),
    sentIds,
  );
  let compared = 0;
  for (const client of comparison.clients) compared += Math.max(client.simulator, client.server);
  return {
    clients: comparison.clients.filter((client) => client.differences.length > 0),
    compared,
  };
}
