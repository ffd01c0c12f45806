// Comparing one script's run on the simulator with its run on a real server, client by client — where two XEP-0045 services disagree
import type { Element } from 'ltx';
import { diffLines } from '../scansion/line-diff.js';
import { prettyXml } from '../xmpp/xml.js';
import { alignStreams, differences } from './align.js';
import { addressLabels, comparableXml, normaliseStanza } from './normalise.js';
import { comparisonOrder } from './unordered.js';

export type Side = 'simulator' | 'server';

export interface ReceivedStanza {
  stanza: Element;
  /** Index of the script action that was running when it arrived. */
  step: number;
}

export interface ClientRecord {
  name: string;
  /** The bare JID the client logged in with on this side. */
  bare: string;
  /** Full JIDs bound by each `connects`, in order. */
  jids: string[];
  received: ReceivedStanza[];
}

export interface StepOutcome {
  index: number;
  line: number;
  client: string;
  kind: string;
  status: 'passed' | 'failed' | 'not run';
  reason?: string;
}

export interface RunRecord {
  clients: ClientRecord[];
  steps: StepOutcome[];
}

export interface StreamDifference {
  /** `moved`: the same stanza arrived on both sides, at another place in the client's stream. */
  kind: 'simulator-only' | 'server-only' | 'moved';
  side: Side;
  /** Position in that side's stream of the client (0-based), in comparison order (`comparisonOrder`). */
  position: number;
  step: number;
  /** Canonical XML of the normalised stanza. */
  xml: string;
  /**
   * A simulator-only and a server-only stanza of the same name are paired as one change:
   * each has the other's position; the simulator's carries a line diff (- simulator, + server).
   */
  partner?: number;
  detail?: string;
}

export interface ClientComparison {
  name: string;
  simulator: number;
  server: number;
  differences: StreamDifference[];
}

export interface StepDisagreement {
  index: number;
  line: number;
  client: string;
  kind: string;
  simulator: StepOutcome['status'];
  server: StepOutcome['status'];
  reason?: string;
}

export interface RunComparison {
  agree: boolean;
  clients: ClientComparison[];
  steps: StepDisagreement[];
}

function labelsOf(run: RunRecord, mapBare: boolean) {
  return addressLabels(
    run.clients.map((client) => ({
      name: client.name,
      jids: client.jids,
      ...(mapBare && { bare: client.bare }),
    })),
  );
}

/** A client's received stanzas with Prosody's unordered presence runs in canonical order. */
function inComparisonOrder(
  received: readonly ReceivedStanza[],
  context: Parameters<typeof normaliseStanza>[1],
): ReceivedStanza[] {
  const keys = received.map((entry) => comparableXml(entry.stanza, context));
  return comparisonOrder(received, keys).map((index) => received[index] as ReceivedStanza);
}

function pretty(stanza: Element, context: Parameters<typeof normaliseStanza>[1]): string[] {
  return prettyXml(normaliseStanza(stanza, context), '  ').split('\n');
}

/**
 * Aligns each client's received stanzas (normalised, see `normaliseStanza`) between the two
 * runs and lists what only one side received, and the steps whose outcome differs.
 * `keptIds`: the ids of stanzas the script sent (echoed in replies, so not volatile).
 */
export function compareRuns(
  simulator: RunRecord,
  server: RunRecord,
  keptIds: ReadonlySet<string>,
): RunComparison {
  // Bare JIDs are labelled only when they differ between the sides (a mapped --domain).
  const mapBare = simulator.clients.some(
    (client) => server.clients.find((other) => other.name === client.name)?.bare !== client.bare,
  );
  const contexts = {
    simulator: { addresses: labelsOf(simulator, mapBare), keptIds },
    server: { addresses: labelsOf(server, mapBare), keptIds },
  };
  const names = [
    ...new Set([...simulator.clients, ...server.clients].map((client) => client.name)),
  ];
  const clients = names.map((name): ClientComparison => {
    const left = inComparisonOrder(
      simulator.clients.find((client) => client.name === name)?.received ?? [],
      contexts.simulator,
    );
    const right = inComparisonOrder(
      server.clients.find((client) => client.name === name)?.received ?? [],
      contexts.server,
    );
    const leftXml = left.map((entry) => comparableXml(entry.stanza, contexts.simulator));
    const rightXml = right.map((entry) => comparableXml(entry.stanza, contexts.server));
    const aligned = alignStreams(leftXml, rightXml);
    const found: StreamDifference[] = differences(aligned, leftXml, rightXml).map((difference) => {
      const onLeft = difference.kind === 'left-only' || difference.kind === 'moved-left';
      const entry = (onLeft ? left : right)[difference.index] as ReceivedStanza;
      return {
        kind: difference.kind.startsWith('moved')
          ? 'moved'
          : onLeft
            ? 'simulator-only'
            : 'server-only',
        side: onLeft ? 'simulator' : 'server',
        position: difference.index,
        step: entry.step,
        xml: (onLeft ? leftXml : rightXml)[difference.index] as string,
      };
    });
    pairChanges(found, left, right, contexts);
    return { name, simulator: left.length, server: right.length, differences: found };
  });
  const steps = compareSteps(simulator.steps, server.steps);
  const agree = steps.length === 0 && clients.every((client) => client.differences.length === 0);
  return { agree, clients, steps };
}

/**
 * Pairs the n-th simulator-only stanza with the n-th server-only one of the same name
 * (presence, message, iq) and attaches a line diff of the two to the simulator's.
 */
function pairChanges(
  found: StreamDifference[],
  left: readonly ReceivedStanza[],
  right: readonly ReceivedStanza[],
  contexts: Record<Side, Parameters<typeof normaliseStanza>[1]>,
): void {
  const servers = found.filter((difference) => difference.kind === 'server-only');
  const used = new Set<StreamDifference>();
  for (const difference of found) {
    if (difference.kind !== 'simulator-only') continue;
    const stanza = (left[difference.position] as ReceivedStanza).stanza;
    const partner = servers.find(
      (candidate) =>
        !used.has(candidate) &&
        (right[candidate.position] as ReceivedStanza).stanza.name === stanza.name,
    );
    if (!partner) continue;
    used.add(partner);
    difference.partner = partner.position;
    partner.partner = difference.position;
    const other = (right[partner.position] as ReceivedStanza).stanza;
    difference.detail = diffLines(
      pretty(stanza, contexts.simulator),
      pretty(other, contexts.server),
    ).join('\n');
  }
}

function compareSteps(
  simulator: readonly StepOutcome[],
  server: readonly StepOutcome[],
): StepDisagreement[] {
  const result: StepDisagreement[] = [];
  const count = Math.max(simulator.length, server.length);
  for (let index = 0; index < count; index += 1) {
    const left = simulator[index];
    const right = server[index];
    const leftStatus = left?.status ?? 'not run';
    const rightStatus = right?.status ?? 'not run';
    if (leftStatus === rightStatus) continue;
    const step = (left ?? right) as StepOutcome;
    const reason = (leftStatus === 'failed' ? left : right)?.reason;
    result.push({
      index,
      line: step.line,
      client: step.client,
      kind: step.kind,
      simulator: leftStatus,
      server: rightStatus,
      ...(reason !== undefined && { reason }),
    });
  }
  return result;
}
