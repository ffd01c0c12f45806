// Differences between the simulator and Prosody that are known and explained (docs/prosody-differences.md): they are reported, and do not fail a differential run — XEP-0045 as two services implement it
import type { ClientComparison, StreamDifference } from '../../diff/compare.js';

/**
 * One explained difference, as docs/prosody-differences.md lists it in its machine-readable
 * block. `simulator` and `server` are regular expressions over the normalised stanza as
 * `mucsim diff` prints it on one line: with `simulator` alone the entry explains a stanza only
 * the simulator sends, with `server` alone one only the server sends, with both a stanza that
 * differs between them.
 */
export interface ExplainedDifference {
  id: string;
  reason: string;
  simulator?: string;
  server?: string;
}

interface Compiled {
  entry: ExplainedDifference;
  simulator?: RegExp;
  server?: RegExp;
}

export class Explanations {
  private readonly compiled: Compiled[];

  constructor(readonly entries: readonly ExplainedDifference[]) {
    this.compiled = entries.map((entry) => ({
      entry,
      ...(entry.simulator !== undefined && { simulator: new RegExp(entry.simulator) }),
      ...(entry.server !== undefined && { server: new RegExp(entry.server) }),
    }));
  }

  /** The explanation of one difference of a client's streams, if the list has one. */
  explain(client: ClientComparison, difference: StreamDifference): ExplainedDifference | undefined {
    const partner =
      difference.partner === undefined
        ? undefined
        : client.differences.find(
            (other) => other.side !== difference.side && other.position === difference.partner,
          );
    const simulator = difference.side === 'simulator' ? difference : partner;
    const server = difference.side === 'server' ? difference : partner;
    const moved = difference.kind === 'moved';
    for (const { entry, simulator: onSimulator, server: onServer } of this.compiled) {
      if (moved) {
        if ((onSimulator ?? onServer)?.test(difference.xml)) return entry;
        continue;
      }
      const simulatorMatches = onSimulator
        ? simulator !== undefined && onSimulator.test(simulator.xml)
        : simulator === undefined;
      const serverMatches = onServer
        ? server !== undefined && onServer.test(server.xml)
        : server === undefined;
      if (simulatorMatches && serverMatches) return entry;
    }
    return undefined;
  }
}

/**
 * The entries of the machine-readable block of a differences document: a fenced code block
 * whose info string is `json mucsim:explained-differences`, holding an array of entries.
 * Throws, naming the problem, when the block is there but malformed.
 */
export function readExplainedDifferences(markdown: string): ExplainedDifference[] {
  const block = /```json mucsim:explained-differences\n([\s\S]*?)\n```/.exec(markdown);
  if (!block) return [];
  const parsed: unknown = JSON.parse(block[1]!);
  if (!Array.isArray(parsed)) throw new Error('the explained differences are not a JSON array');
  return parsed.map((value, index) => {
    const entry = value as Partial<ExplainedDifference>;
    const ok =
      typeof entry.id === 'string' &&
      typeof entry.reason === 'string' &&
      (entry.simulator !== undefined || entry.server !== undefined) &&
      [entry.simulator, entry.server].every(
        (pattern) => pattern === undefined || typeof pattern === 'string',
      );
    if (!ok)
      throw new Error(
        `explained difference ${index + 1} needs an id, a reason and a simulator or server pattern`,
      );
    for (const pattern of [entry.simulator, entry.server])
      if (pattern !== undefined) new RegExp(pattern);
    return entry as ExplainedDifference;
  });
}
