// Differences between the simulator and Prosody that are known and explained (docs/prosody-differences.md): they are reported, and do not fail a differential run — XEP-0045 as two services implement it
import type { ClientComparison, StreamDifference } from '../../diff/compare.js';

/**
 * One explained difference, as docs/prosody-differences.md lists it in its machine-readable
 * block. `simulator` and `server` are regular expressions over the normalised stanza as
 * `mucsim diff` prints it on one line: with `simulator` alone the entry explains a stanza only
 * the simulator sends, with `server` alone one only the server sends, with both a stanza that
 * differs between them. `except` explains a stanza that differs only in what it matches: the
 * two sides are the same once every match is taken out of both (and, if given, `simulator` and
 * `server` match their side).
 */
export interface ExplainedDifference {
  id: string;
  reason: string;
  simulator?: string;
  server?: string;
  except?: string;
}

interface Compiled {
  entry: ExplainedDifference;
  simulator?: RegExp;
  server?: RegExp;
  except?: RegExp;
}

function sameExcept(except: RegExp, simulator: string, server: string): boolean {
  return simulator.replace(except, '') === server.replace(except, '');
}

export class Explanations {
  private readonly compiled: Compiled[];

  constructor(readonly entries: readonly ExplainedDifference[]) {
    this.compiled = entries.map((entry) => ({
      entry,
      ...(entry.simulator !== undefined && { simulator: new RegExp(entry.simulator) }),
      ...(entry.server !== undefined && { server: new RegExp(entry.server) }),
      ...(entry.except !== undefined && { except: new RegExp(entry.except, 'g') }),
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
    for (const { entry, simulator: onSimulator, server: onServer, except } of this.compiled) {
      if (except) {
        const paired = simulator !== undefined && server !== undefined;
        if (
          paired &&
          (onSimulator?.test(simulator.xml) ?? true) &&
          (onServer?.test(server.xml) ?? true) &&
          sameExcept(except, simulator.xml, server.xml)
        ) {
          return entry;
        }
        continue;
      }
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

/** The fenced blocks that hold explained differences: their info string names them. */
const BLOCK = /^(`{3,}|~{3,})[ \t]*([^\n]*explained-differences[^\n]*)\n([\s\S]*?)\n\1[ \t]*$/gm;

/** The first string among an entry's spellings of one field. */
function field(entry: Record<string, unknown>, names: readonly string[]): string | undefined {
  for (const name of names) if (typeof entry[name] === 'string') return entry[name] as string;
  return undefined;
}

function readEntry(value: unknown, index: number): ExplainedDifference {
  const entry = (typeof value === 'object' && value !== null ? value : {}) as Record<
    string,
    unknown
  >;
  const id = field(entry, ['id', 'name']);
  const reason = field(entry, ['reason', 'why', 'explanation']);
  const simulator = field(entry, ['simulator', 'mucsim']);
  const server = field(entry, ['server', 'prosody']);
  const except = field(entry, ['except']);
  if (id === undefined || reason === undefined || (simulator ?? server ?? except) === undefined) {
    throw new Error(
      `explained difference ${index + 1} needs an id, a reason and a simulator, server or except pattern`,
    );
  }
  for (const pattern of [simulator, server, except]) if (pattern !== undefined) new RegExp(pattern);
  return {
    id,
    reason,
    ...(simulator !== undefined && { simulator }),
    ...(server !== undefined && { server }),
    ...(except !== undefined && { except }),
  };
}

/**
 * The entries of the machine-readable blocks of a differences document: fenced code blocks
 * whose info string names `explained-differences` (`json mucsim:explained-differences`), each
 * holding a JSON array of entries ({id, reason, simulator?, server?, except?}). Entries may say `mucsim`/`prosody` for `simulator`/`server`
 * and `why` for `reason`; other fields are ignored. Throws, naming the problem, when a block is
 * there but malformed.
 */
export function readExplainedDifferences(markdown: string): ExplainedDifference[] {
  const entries: ExplainedDifference[] = [];
  for (const block of markdown.matchAll(BLOCK)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(block[3]!);
    } catch (error) {
      throw new Error(`the explained differences are not JSON: ${(error as Error).message}`);
    }
    if (!Array.isArray(parsed)) throw new Error('the explained differences are not a JSON array');
    for (const value of parsed) entries.push(readEntry(value, entries.length));
  }
  return entries;
}
