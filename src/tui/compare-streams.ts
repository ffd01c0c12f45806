// Where the side-by-side streams come from: the same script on the simulator, stepped to the real server's cursor, and both sessions' traces — comparing two XEP-0045 services in the debugger
import type { Element } from 'ltx';
import { DebugSession, type DebugSessionOptions } from '../debugger/debug-session.js';
import { addressLabels } from '../diff/normalise.js';
import type { Script } from '../scansion/script.js';
import { bareJid } from '../xmpp/jid.js';
import { type ClientColumns, sideBySide } from './side-by-side.js';

export interface ClientTrace {
  name: string;
  bare: string;
  /** Full JIDs bound by each connect, in order. */
  jids: string[];
  received: Element[];
}

/** Each script client's bound JIDs and the stanzas delivered to them, from a session's trace. */
export function clientTraces(session: DebugSession): ClientTrace[] {
  const clients = session.script.clients.map(
    (client): ClientTrace => ({
      name: client.name,
      bare: bareJid(client.jid),
      jids: [],
      received: [],
    }),
  );
  const byJid = new Map<string, ClientTrace>();
  for (const entry of session.trace) {
    if (entry.kind === 'connect') {
      const client = clients.find((candidate) => candidate.bare === bareJid(entry.jid));
      if (!client) continue;
      client.jids.push(entry.jid);
      byJid.set(entry.jid, client);
    } else if (entry.kind === 'delivery') {
      byJid.get(entry.to)?.received.push(entry.stanza);
    }
  }
  return clients;
}

/** Ids of the stanzas the clients sent: replies echo them, so they are not volatile. */
function sentIds(session: DebugSession, into: Set<string>): void {
  for (const entry of session.trace) {
    if (entry.kind !== 'input' || entry.origin !== 'client') continue;
    const id = entry.stanza.attrs.id;
    if (typeof id === 'string') into.add(id);
  }
}

/** What the App asks for when `d` is on: the columns for the live session's current cursor. */
export interface CompareSource {
  columns(live: DebugSession): Promise<ClientColumns[]>;
}

/** Columns of two sessions' traces, as `mucsim diff` would normalise them. */
export function compareSessions(simulator: DebugSession, server: DebugSession): ClientColumns[] {
  const left = clientTraces(simulator);
  const right = clientTraces(server);
  // Bare JIDs are labelled only when they differ between the sides (a mapped --domain).
  const mapBare = left.some(
    (client) => right.find((other) => other.name === client.name)?.bare !== client.bare,
  );
  const labels = (clients: ClientTrace[]) =>
    addressLabels(
      clients.map((client) => ({
        name: client.name,
        jids: client.jids,
        ...(mapBare && { bare: client.bare }),
      })),
    );
  const keptIds = new Set<string>();
  sentIds(simulator, keptIds);
  sentIds(server, keptIds);
  const names = [...new Set([...left, ...right].map((client) => client.name))];
  return sideBySide(
    names.map((name) => ({
      name,
      simulator: left.find((client) => client.name === name)?.received ?? [],
      server: right.find((client) => client.name === name)?.received ?? [],
    })),
    { simulator: labels(left), server: labels(right), keptIds },
  );
}

/**
 * The script (before any `--domain` mapping) on the simulator, moved forward or back to the
 * live session's cursor (typed steps beyond the script have no simulator counterpart).
 */
export function simulatorMirror(script: Script, options: DebugSessionOptions): CompareSource {
  const simulator = DebugSession.fromScript(script, options);
  return {
    async columns(live) {
      const target = Math.min(live.cursor, simulator.steps.length);
      while (simulator.cursor > target) await simulator.back();
      while (simulator.cursor < target) {
        if (!(await simulator.forward())) break;
      }
      return compareSessions(simulator, live);
    },
  };
}
