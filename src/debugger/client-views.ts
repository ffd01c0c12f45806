// Each client's view of its rooms, folded from the deliveries it received, lazily (only once someone looks) and incrementally (each delivery once) — what a XEP-0045 client can and cannot know (§7.2)
import { ClientView } from '../describe/client-view.js';
import type { JidNames } from '../describe/names.js';
import type { TraceEntry } from '../muc/trace.js';

/** The slice of a debugger session the views read. */
export interface ViewSource {
  readonly trace: readonly TraceEntry[];
  names(): JidNames;
}

interface Views {
  trace: readonly TraceEntry[];
  scanned: number;
  byClient: Map<string, ClientView>;
}

const folded = new WeakMap<ViewSource, Views>();

/**
 * What client `name` knows now: every delivery to any of its sessions, in order. The first call
 * reads the trace once; later calls read only what was appended since (a new world starts over).
 */
export function clientView(source: ViewSource, name: string): ClientView {
  const trace = source.trace;
  let views = folded.get(source);
  if (!views || views.trace !== trace || views.scanned > trace.length) {
    views = { trace, scanned: 0, byClient: new Map() };
    folded.set(source, views);
  }
  const names = source.names();
  for (; views.scanned < trace.length; views.scanned += 1) {
    const entry = trace[views.scanned] as TraceEntry;
    if (entry.kind !== 'delivery') continue;
    const client = names.exact(entry.to) ?? names.client(entry.to);
    if (client === undefined) continue;
    let view = views.byClient.get(client);
    if (!view) {
      view = new ClientView(client);
      views.byClient.set(client, view);
    }
    view.add(entry.stanza, entry.seq, entry.time);
  }
  return views.byClient.get(name) ?? new ClientView(name);
}
