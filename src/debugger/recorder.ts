// The session recorder's parts: each executed step as the .scs actions of what was sent and what actually arrived, volatile values made replayable, the head — XEP-0045 scenarios (§7–§10) as bug reports
import { Element } from 'ltx';
import type { TraceEntry } from '../muc/trace.js';
import { parseBlock } from '../scansion/block.js';
import type { ClientDefinition, Script } from '../scansion/script.js';
import type { WritableAction } from '../scansion/writer.js';
import { bareJid } from '../xmpp/jid.js';
import { NS } from '../xmpp/namespaces.js';
import type { SessionStep } from './session-api.js';

const ANY = '{scansion:any}';

export interface RecordingSource {
  title?: string;
  description?: string;
  tags?: readonly string[];
  clients: readonly Omit<ClientDefinition, 'line'>[];
  /** The session's steps in order; only executed ones (with a result) are recorded. */
  steps: readonly SessionStep[];
  /** The trace the executed steps produced (their `traceRange`s point into it). */
  trace: readonly TraceEntry[];
  epilogue?: readonly string[];
}

type Delivery = Extract<TraceEntry, { kind: 'delivery' }>;

/** Volatile and client-specific values, in the order scansion would meet them. */
export class Volatiles {
  /** Ids that clients put on what they sent: a stanza carrying one keeps it literally. */
  readonly sentIds = new Set<string>();
  /** Ids the service made up (a reflected message without one, a relayed iq). */
  readonly generated = new Set<string>();
  /** Generated ids a client later sent back (an iq reply): matched with a capture. */
  readonly captured = new Map<string, string>();
  /** Client name → its current full JID (the last `connects`). */
  readonly full = new Map<string, string>();

  constructor(private readonly clients: readonly Omit<ClientDefinition, 'line'>[]) {}

  /** What `${…}` variable stands for this value, if it is a client's JID now. */
  variable(value: string): string | undefined {
    for (const [name, jid] of this.full) if (jid === value) return `\${${name}'s full JID}`;
    const owner = this.clients.find((client) => bareJid(client.jid) === value);
    return owner ? `\${${owner.name}'s JID}` : undefined;
  }

  captureOf(value: string): string | undefined {
    const name = this.captured.get(value);
    return name === undefined ? undefined : `{scansion:capture:${name}}`;
  }

  /** A copy with JIDs as variables and generated ids as captures; `volatile` adds the received-only rules. */
  rewrite(el: Element, volatile: boolean, root = true): Element {
    const attrs: Record<string, string> = {};
    const ns = el.attrs.xmlns as string | undefined;
    for (const [name, raw] of Object.entries(el.attrs)) {
      if (raw === undefined || raw === null) continue;
      // The server copies the sender's stream language onto what it relays: not the room's doing.
      if (volatile && root && name === 'xml:lang') continue;
      attrs[name] = this.value(el, ns, name, String(raw), volatile, root);
    }
    const copy = new Element(el.name, attrs);
    for (const child of el.children) {
      if (typeof child !== 'string') copy.append(this.rewrite(child, volatile, false));
      else if (volatile && child.includes('${')) {
        // A server sent text that scansion would read as a variable: the expectation leaves it
        // out, and a strict element (a namespaced payload) stops comparing its text.
        copy.attrs['scansion:strict'] = 'false';
      } else copy.append(this.variable(child) ?? child);
    }
    return copy;
  }

  private value(
    el: Element,
    ns: string | undefined,
    name: string,
    value: string,
    volatile: boolean,
    root: boolean,
  ): string {
    if (name === 'xmlns') return value;
    // Received from a server: scansion would read `${…}` as a variable, so any value will do.
    if (volatile && value.includes('${')) return ANY;
    const capture = this.captureOf(value);
    if (capture && (name === 'id' || name === 'sessionid')) return capture;
    if (volatile) {
      // XEP-0421 occupant ids, XEP-0359 archive ids and XEP-0203 stamps differ from run to run.
      if (el.name === 'occupant-id' && ns === NS.occupantId && name === 'id') return ANY;
      if (el.name === 'stanza-id' && ns === NS.stanzaId && name === 'id') return ANY;
      if (el.name === 'delay' && ns === NS.delay && name === 'stamp') return ANY;
      if (el.name === 'command' && ns === NS.commands && name === 'sessionid') return ANY;
      if (root && name === 'id' && !this.sentIds.has(value)) return ANY;
    }
    return this.variable(value) ?? value;
  }
}

/**
 * The entries of one step. A session's trace is in `seq` order, so a binary search finds the
 * first; a trace put together otherwise (as `mucsim serve` does) is searched entry by entry.
 */
export function entriesIn(trace: readonly TraceEntry[], step: SessionStep): TraceEntry[] {
  const range = step.traceRange;
  if (!range) return [];
  let low = 0;
  let high = trace.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((trace[middle] as TraceEntry).seq < range.first) low = middle + 1;
    else high = middle;
  }
  if (trace[low]?.seq !== range.first) {
    return trace.filter((entry) => entry.seq >= range.first && entry.seq <= range.last);
  }
  const entries: TraceEntry[] = [];
  for (let index = low; index < trace.length; index += 1) {
    const entry = trace[index] as TraceEntry;
    if (entry.seq > range.last) break;
    entries.push(entry);
  }
  return entries;
}

/** Every attribute value in a stanza, its children's included. */
export function attributeValues(el: Element, into: string[] = []): string[] {
  for (const value of Object.values(el.attrs)) if (value !== undefined) into.push(String(value));
  for (const child of el.getChildElements()) attributeValues(child, into);
  return into;
}

/** Steps worth writing: executed connects/sends/disconnects that did something. */
function isWritten(step: SessionStep): boolean {
  return (
    step.result !== undefined && step.action.kind !== 'receives' && step.traceRange !== undefined
  );
}

/**
 * First pass: which ids the service generated, and which of them a client later sent back
 * (they become `{scansion:capture:…}` so the replay uses the replay's own value).
 */
export function findCaptures(source: RecordingSource, volatiles: Volatiles): void {
  const sent = new Set<string>();
  for (const step of source.steps) {
    if (!step.result) break;
    for (const entry of entriesIn(source.trace, step)) {
      if (entry.kind === 'input' && entry.origin === 'client') {
        for (const value of attributeValues(entry.stanza)) {
          if (volatiles.generated.has(value) && !volatiles.captured.has(value)) {
            volatiles.captured.set(value, `id${volatiles.captured.size + 1}`);
          }
        }
        if (entry.stanza.attrs.id) sent.add(entry.stanza.attrs.id);
      }
      if (entry.kind === 'delivery' && entry.stanza.attrs.id && !sent.has(entry.stanza.attrs.id)) {
        volatiles.generated.add(entry.stanza.attrs.id);
      }
    }
  }
}

/** The stanza of a `sends` as it should be written, or undefined to keep the script's raw block. */
function sentStanza(step: SessionStep, volatiles: Volatiles): Element | undefined {
  const raw = step.action.xml ?? '';
  const parsed = parseBlock(raw);
  if (!parsed.ok) return step.result?.sent && volatiles.rewrite(step.result.sent, false);
  const usesGenerated = attributeValues(parsed.element).some((value) => volatiles.captureOf(value));
  if (step.origin === 'script' && !raw.includes('{scansion:capture:') && !usesGenerated) {
    return undefined;
  }
  // Typed stanzas carry real JIDs; a script's captures were bound by receives no longer written.
  const source = raw.includes('{scansion:capture:')
    ? (step.result?.sent ?? parsed.element)
    : parsed.element;
  return volatiles.rewrite(source, false);
}

/**
 * Turns executed steps, one at a time, into the actions of the script: each connects, sends or
 * disconnects followed by a `receives` for every stanza each client received meanwhile. A script
 * receives' narration is not its business: it belongs before the stanza the receives matched
 * (`delivered` says which stanza each `receives` written stands for).
 */
export class StepWriter {
  /** Narration of steps not written (a failed receives…), for the next written step. */
  pending: string[] = [];

  constructor(private readonly volatiles: Volatiles) {}

  actions(
    step: SessionStep,
    trace: readonly TraceEntry[],
    delivered?: (stanza: Element, written: WritableAction) => void,
  ): WritableAction[] {
    const { action } = step;
    const { volatiles } = this;
    if (!isWritten(step)) {
      if (action.kind !== 'receives' || !step.result?.matched)
        this.pending.push(...action.narration);
      return [];
    }
    const entries = entriesIn(trace, step);
    const narration = [
      ...this.pending,
      ...action.narration,
      ...(step.command === undefined ? [] : [`typed: ${step.command}`]),
    ];
    this.pending = [];
    const written: WritableAction = { kind: action.kind, client: action.client, narration };
    if (action.kind === 'sends') {
      const stanza = sentStanza(step, volatiles);
      if (stanza) written.stanza = stanza;
      else written.xml = action.xml ?? '';
    }
    const actions = [written];
    const connected = entries.find((entry) => entry.kind === 'connect');
    if (action.kind === 'connects' && connected?.kind === 'connect') {
      volatiles.full.set(action.client, connected.jid);
    }
    const clientOf = new Map([...volatiles.full].map(([name, jid]) => [jid, name]));
    for (const entry of entries) {
      if (entry.kind === 'input' && entry.origin === 'client' && entry.stanza.attrs.id) {
        volatiles.sentIds.add(entry.stanza.attrs.id);
      }
      if (entry.kind !== 'delivery') continue;
      const client = clientOf.get((entry as Delivery).to);
      if (client === undefined) continue;
      const received: WritableAction = {
        kind: 'receives',
        client,
        narration: [],
        stanza: volatiles.rewrite(entry.stanza, true),
      };
      actions.push(received);
      delivered?.(entry.stanza, received);
    }
    return actions;
  }
}

/** What a recording starts with: the title, the description, the tags and the clients. */
export type RecordingHead = Omit<RecordingSource, 'steps' | 'trace' | 'epilogue'>;

/** The head of a session's recording: its script's title (or "mucsim session") and its clients. */
export function recordingHead(
  script: Script,
  clients: readonly Omit<ClientDefinition, 'line'>[],
): RecordingHead {
  return {
    title: script.title ?? 'mucsim session',
    ...(script.description === undefined ? {} : { description: script.description }),
    tags: script.tags,
    clients,
  };
}
