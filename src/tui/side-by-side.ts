// Side by side: what each client received from the simulator and from the real server, aligned row by row — comparing two XEP-0045 services in the debugger
import type { Element } from 'ltx';
import { alignStreams, differences } from '../diff/align.js';
import { comparableXml, type NormaliseContext } from '../diff/normalise.js';

/**
 * `changed`: a simulator-only and a server-only stanza of the same name (presence, message,
 * iq) in the same gap between matches, shown on one row as one change.
 */
export type SideMark = 'same' | 'changed' | 'simulator-only' | 'server-only' | 'moved';

export interface SideBySideRow {
  left?: string;
  right?: string;
  mark: SideMark;
}

export interface ClientStreams {
  name: string;
  simulator: readonly Element[];
  server: readonly Element[];
}

export interface ClientColumns {
  name: string;
  simulator: number;
  server: number;
  rows: SideBySideRow[];
}

export interface SideLabels {
  /** Bound addresses of each side and their labels (see `addressLabels`). */
  simulator: ReadonlyMap<string, string>;
  server: ReadonlyMap<string, string>;
  /** Ids of the stanzas the script sent (echoed in replies, so kept). */
  keptIds?: ReadonlySet<string>;
}

/** The mark's symbol and word: nothing is said by colour alone. */
export const MARKS: Record<SideMark, { symbol: string; word: string }> = {
  same: { symbol: '=', word: 'same' },
  changed: { symbol: '!', word: 'changed' },
  'simulator-only': { symbol: '<', word: 'simulator only' },
  'server-only': { symbol: '>', word: 'server only' },
  moved: { symbol: '~', word: 'moved' },
};

const MAX_SUMMARY = 400;

/** One line of a normalised stanza: its canonical XML without the default namespace. */
export function summaryOf(xml: string): string {
  const line = xml.replace(/ xmlns=(['"])jabber:client\1/g, '');
  return line.length > MAX_SUMMARY ? `${line.slice(0, MAX_SUMMARY - 1)}…` : line;
}

function nameOf(xml: string): string {
  return /^<([^\s/>]+)/.exec(xml)?.[1] ?? '';
}

/** Aligns one client's two streams (normalised as `mucsim diff` does). */
export function alignClient(
  simulator: readonly string[],
  server: readonly string[],
): SideBySideRow[] {
  const entries = alignStreams(simulator, server);
  const kinds = new Map<string, SideMark>();
  for (const difference of differences(entries, simulator, server)) {
    const left = difference.kind === 'left-only' || difference.kind === 'moved-left';
    const moved = difference.kind.startsWith('moved');
    kinds.set(
      `${left ? 'L' : 'R'}${difference.index}`,
      moved ? 'moved' : left ? 'simulator-only' : 'server-only',
    );
  }
  const rows: SideBySideRow[] = [];
  let lefts: number[] = [];
  let rights: number[] = [];
  /** A gap between two matches: pairs changes, then the rest in stream order. */
  const flush = () => {
    const used = new Set<number>();
    for (const l of lefts) {
      const left = simulator[l] as string;
      const mark = kinds.get(`L${l}`) ?? 'simulator-only';
      const partner =
        mark === 'simulator-only'
          ? rights.find(
              (r) =>
                !used.has(r) &&
                kinds.get(`R${r}`) === 'server-only' &&
                nameOf(server[r] as string) === nameOf(left),
            )
          : undefined;
      if (partner === undefined) {
        rows.push({ left: summaryOf(left), mark });
        continue;
      }
      used.add(partner);
      rows.push({
        left: summaryOf(left),
        right: summaryOf(server[partner] as string),
        mark: 'changed',
      });
    }
    for (const r of rights) {
      if (used.has(r)) continue;
      rows.push({
        right: summaryOf(server[r] as string),
        mark: kinds.get(`R${r}`) ?? 'server-only',
      });
    }
    lefts = [];
    rights = [];
  };
  for (const entry of entries) {
    if (entry.kind === 'left-only') lefts.push(entry.left);
    else if (entry.kind === 'right-only') rights.push(entry.right);
    else {
      flush();
      const xml = summaryOf(simulator[entry.left] as string);
      rows.push({ left: xml, right: xml, mark: 'same' });
    }
  }
  flush();
  return rows;
}

/** Every client's two streams, normalised with each side's address labels, aligned. */
export function sideBySide(clients: readonly ClientStreams[], labels: SideLabels): ClientColumns[] {
  const keptIds = labels.keptIds ?? new Set<string>();
  const simulator: NormaliseContext = { addresses: labels.simulator, keptIds };
  const server: NormaliseContext = { addresses: labels.server, keptIds };
  return clients.map((client) => ({
    name: client.name,
    simulator: client.simulator.length,
    server: client.server.length,
    rows: alignClient(
      client.simulator.map((stanza) => comparableXml(stanza, simulator)),
      client.server.map((stanza) => comparableXml(stanza, server)),
    ),
  }));
}

export type SideBySideLine =
  | { kind: 'client'; name: string; simulator: number; server: number; differences: number }
  | { kind: 'row'; row: SideBySideRow };

/** The pane's lines: a heading per client, then its rows. */
export function sideBySideLines(columns: readonly ClientColumns[]): SideBySideLine[] {
  return columns.flatMap((client): SideBySideLine[] => [
    {
      kind: 'client',
      name: client.name,
      simulator: client.simulator,
      server: client.server,
      differences: client.rows.filter((row) => row.mark !== 'same').length,
    },
    ...client.rows.map((row): SideBySideLine => ({ kind: 'row', row })),
  ]);
}
