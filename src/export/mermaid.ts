// A trace as a Mermaid sequenceDiagram for bug reports: clients, rooms, every stanza and every role/affiliation change — XEP-0045 §7.1 (order of events), §5 (roles, affiliations)

import {
  escapeMermaid,
  MAX_LABEL,
  type NameOf,
  stanzaLabel,
  truncate,
} from '../describe/mermaid-label.js';
import { JidNames } from '../describe/names.js';
import type { DomainEvent } from '../muc/effects.js';
import type { TraceEntry } from '../muc/trace.js';

export interface SequenceClient {
  /** The script name (`Romeo`): the participant's name in the diagram. */
  name: string;
  /** The `[Client]` JID (bare, or full when the script fixes the resource). */
  jid: string;
  /** Full JIDs the client was bound to, in order (a reconnect may bind another). */
  bound?: readonly string[];
}

export interface SequenceNote {
  /** The note goes before the trace entry with this `seq` (after the last entry if none has it). */
  before: number;
  text: string;
}

export interface SequenceInput {
  title?: string;
  clients: readonly SequenceClient[];
  trace: readonly TraceEntry[];
  /** The script's `#` narration, anchored in the trace. */
  notes?: readonly SequenceNote[];
  /** Fence the diagram as ```mermaid for a GitHub issue. */
  markdown?: boolean;
}

/** Words Mermaid's sequence grammar reserves: never used as a participant id. */
const RESERVED = new Set(
  [
    'participant',
    'actor',
    'as',
    'note',
    'loop',
    'alt',
    'else',
    'opt',
    'par',
    'and',
    'end',
    'rect',
    'critical',
    'break',
    'option',
    'activate',
    'deactivate',
    'title',
    'autonumber',
    'left',
    'right',
    'over',
    'of',
    'box',
    'create',
    'destroy',
    'link',
    'links',
    'properties',
    'details',
    'sequencediagram',
  ].map((word) => word.toLowerCase()),
);

function bare(jid: string): string {
  const slash = jid.indexOf('/');
  return slash === -1 ? jid : jid.slice(0, slash);
}

function domainOf(jid: string): string {
  const base = bare(jid);
  const at = base.indexOf('@');
  return at === -1 ? base : base.slice(at + 1);
}

interface Participant {
  id: string;
  label: string;
}

/** Who is who: client names for JIDs, and one participant per client and per other bare JID. */
class Cast {
  readonly participants: Participant[] = [];
  private readonly byKey = new Map<string, Participant>();
  private readonly names: JidNames;

  constructor(clients: readonly SequenceClient[]) {
    this.names = new JidNames(clients);
    for (const client of clients) this.add(`client:${client.name}`, client.name);
  }

  /** The client's name for a JID it was bound to, or whose bare JID it holds. */
  readonly nameOf: NameOf = (jid) => this.names.exact(jid);

  /** The participant for a JID: its client, else its bare JID (a room, the service, a server). */
  of(jid: string): Participant {
    const client = this.names.client(jid);
    if (client !== undefined) return this.add(`client:${client}`, client);
    return this.add(`jid:${bare(jid)}`, bare(jid));
  }

  private add(key: string, label: string): Participant {
    const known = this.byKey.get(key);
    if (known) return known;
    const participant = { id: this.uniqueId(label), label };
    this.byKey.set(key, participant);
    this.participants.push(participant);
    return participant;
  }

  private uniqueId(label: string): string {
    const local = label.includes('@') ? label.slice(0, label.indexOf('@')) : label;
    let base = local.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
    if (!/^[A-Za-z]/.test(base)) base = `p_${base}`;
    if (RESERVED.has(base.toLowerCase())) base = `${base}_`;
    const taken = new Set(this.participants.map((participant) => participant.id));
    let id = base;
    for (let n = 2; taken.has(id); n += 1) id = `${base}_${n}`;
    return id;
  }
}

type EventEntry = Extract<TraceEntry, { kind: 'event' }>;
type RoleEvent = Extract<DomainEvent, { kind: 'role' }>;
type AffiliationEvent = Extract<DomainEvent, { kind: 'affiliation' }>;

function changeText(
  subject: string,
  changes: string[],
  codes: readonly string[],
  actor: string | undefined,
): string {
  const codeText = codes.length === 0 ? '' : ` (${codes.join(', ')})`;
  const by = actor === undefined || actor === subject ? '' : `, by ${actor}`;
  return `${subject}: ${changes.join(', ')}${codeText}${by}`;
}

/** Splits narration into lines of at most MAX_LABEL characters, for `<br/>`. */
function wrapLines(text: string, max = MAX_LABEL, limit = 6): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.replace(/\s+/g, ' ').trim().split(' ')) {
    const next = line === '' ? word : `${line} ${word}`;
    if (next.length <= max || line === '') line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  if (lines.length > limit) {
    const kept = lines.slice(0, limit);
    kept[limit - 1] = truncate(`${kept[limit - 1]} …`, max);
    return kept.map((kept) => truncate(kept, max));
  }
  return lines.map((kept) => truncate(kept, max));
}

class DiagramWriter {
  readonly lines: string[] = [];
  private readonly inputs = new Map<number, Extract<TraceEntry, { kind: 'input' }>>();
  private readonly consumed = new Set<number>();

  constructor(
    private readonly cast: Cast,
    private readonly trace: readonly TraceEntry[],
  ) {
    for (const entry of trace) if (entry.kind === 'input') this.inputs.set(entry.seq, entry);
  }

  private name(jid: string): string {
    return this.cast.nameOf(jid) ?? this.cast.nameOf(bare(jid)) ?? bare(jid);
  }

  private arrow(from: Participant, arrow: string, to: Participant, label: string): void {
    this.lines.push(`  ${from.id}${arrow}${to.id}: ${escapeMermaid(truncate(label))}`);
  }

  noteOver(participants: Participant[], text: string): void {
    const ids = [...new Set(participants.map((participant) => participant.id))];
    const over = ids.length > 1 ? `${ids[0]},${ids.at(-1)}` : ids[0];
    this.lines.push(`  Note over ${over}: ${escapeMermaid(truncate(text))}`);
  }

  narration(text: string): void {
    const all = this.cast.participants;
    if (all.length === 0) return;
    const body = wrapLines(text).map(escapeMermaid).join('<br/>');
    const over = all.length > 1 ? `${all[0]?.id},${all.at(-1)?.id}` : all[0]?.id;
    this.lines.push(`  Note over ${over}: ${body}`);
  }

  entry(entry: TraceEntry, index: number): void {
    switch (entry.kind) {
      case 'connect':
        this.noteOver([this.cast.of(entry.jid)], `connects as ${entry.jid}`);
        return;
      case 'disconnect':
        this.noteOver([this.cast.of(entry.jid)], 'disconnects');
        return;
      case 'input': {
        const to = entry.stanza.attrs.to ?? domainOf(entry.sender);
        const label = stanzaLabel(entry.stanza, 'in', this.cast.nameOf);
        const suffix = entry.origin === 'server' ? ' (sent by the server)' : '';
        const fitted =
          suffix === '' ? label : `${truncate(label, MAX_LABEL - suffix.length)}${suffix}`;
        this.arrow(this.cast.of(entry.sender), '->>', this.cast.of(to), fitted);
        return;
      }
      case 'delivery': {
        const from = entry.stanza.attrs.from ?? domainOf(entry.to);
        const label = stanzaLabel(entry.stanza, 'out', this.cast.nameOf);
        this.arrow(this.cast.of(from), '-->>', this.cast.of(entry.to), label);
        return;
      }
      case 'dropped': {
        const from = entry.stanza.attrs.from ?? domainOf(entry.to);
        const suffix = ` (dropped: ${entry.reason})`;
        const label = stanzaLabel(entry.stanza, 'out', this.cast.nameOf);
        this.arrow(
          this.cast.of(from),
          '--x',
          this.cast.of(entry.to),
          `${truncate(label, Math.max(20, MAX_LABEL - suffix.length))}${suffix}`,
        );
        return;
      }
      case 'event':
        this.event(entry, index);
        return;
      case 'crash':
        this.noteOver([this.causeTarget(entry.cause)], `crash: ${entry.message}`);
        return;
    }
  }

  /** Where a crash happened: what the causing input was addressed to. */
  private causeTarget(cause: number): Participant {
    const input = this.inputs.get(cause);
    const to = input?.stanza.attrs.to ?? (input ? domainOf(input.sender) : undefined);
    return to === undefined ? (this.cast.participants[0] as Participant) : this.cast.of(to);
  }

  private event(entry: EventEntry, index: number): void {
    if (this.consumed.has(entry.seq)) return;
    const { event } = entry;
    const room = this.cast.of(event.room);
    switch (event.kind) {
      case 'room':
        this.noteOver([room], `room ${event.from} → ${event.to}`);
        return;
      case 'verdict':
        this.noteOver([room], `${event.hook} vetoed by ${event.by}: ${event.condition}`);
        return;
      case 'nick':
        this.noteOver([room], `${event.from} → ${event.to}: nick changed (303)`);
        return;
      case 'role':
        this.noteOver(
          [room],
          changeText(
            event.nick,
            [`${event.from} → ${event.to}`],
            event.codes,
            this.actor(undefined, entry.cause, event.jid),
          ),
        );
        return;
      case 'affiliation':
        this.affiliation(entry, event, index, room);
    }
  }

  /** An affiliation change and the role change it caused (same input, same JID) are one note. */
  private affiliation(
    entry: EventEntry,
    event: AffiliationEvent,
    index: number,
    room: Participant,
  ): void {
    const partner = this.trace
      .slice(index + 1)
      .find(
        (later): later is EventEntry =>
          later.kind === 'event' &&
          later.cause === entry.cause &&
          later.event.kind === 'role' &&
          later.event.room === event.room &&
          later.event.jid === event.jid &&
          !this.consumed.has(later.seq),
      );
    const role = partner?.event as RoleEvent | undefined;
    if (partner) this.consumed.add(partner.seq);
    const changes = [`${event.from} → ${event.to}`];
    if (role) changes.push(`${role.from} → ${role.to}`);
    const subject = this.cast.nameOf(event.jid) ?? role?.nick ?? event.jid;
    this.noteOver(
      [room],
      changeText(
        subject,
        changes,
        role?.codes ?? [],
        this.actor(event.actor, entry.cause, event.jid),
      ),
    );
  }

  /** Who made the change, when it was someone other than its subject. */
  private actor(actor: string | undefined, cause: number, subject: string): string | undefined {
    const input = this.inputs.get(cause);
    const jid = actor ?? (input?.origin === 'client' ? input.sender : undefined);
    if (jid === undefined || bare(jid) === bare(subject)) return undefined;
    return this.name(jid);
  }
}

/** Mermaid's `title` statement takes no `#` or `;` (and no entity codes): they are left out. */
function titleText(title: string): string {
  return title.replace(/;/g, ',').replace(/#/g, '').replace(/\s+/g, ' ').trim();
}

/**
 * The trace as a Mermaid `sequenceDiagram`: one participant per client (by script name) and per
 * room, service or server JID it talked to; `->>` for what a client sent, `-->>` for what it
 * received, `--x` for what was dropped; notes for the narration, connects, role/affiliation
 * changes (`Juliet: member → none, participant → none (321)`), lifecycle changes and vetoes.
 * Labels are at most 60 characters and Mermaid-escaped.
 */
export function sequenceDiagram(input: SequenceInput): string {
  const cast = new Cast(input.clients);
  // First pass: every participant, so that they are declared before the first arrow.
  for (const entry of input.trace) {
    if (entry.kind === 'input') {
      cast.of(entry.sender);
      cast.of(entry.stanza.attrs.to ?? domainOf(entry.sender));
    } else if (entry.kind === 'delivery' || entry.kind === 'dropped') {
      cast.of(entry.stanza.attrs.from ?? domainOf(entry.to));
      cast.of(entry.to);
    } else if (entry.kind === 'event') {
      cast.of(entry.event.room);
    }
  }
  const writer = new DiagramWriter(cast, input.trace);
  const notes = [...(input.notes ?? [])].sort((a, b) => a.before - b.before);
  const flushNotes = (before: number | undefined) => {
    while (
      notes.length > 0 &&
      (before === undefined || (notes[0] as SequenceNote).before <= before)
    ) {
      writer.narration((notes.shift() as SequenceNote).text);
    }
  };
  for (const [index, entry] of input.trace.entries()) {
    flushNotes(entry.seq);
    writer.entry(entry, index);
  }
  flushNotes(undefined);
  const header = ['sequenceDiagram'];
  if (input.title) header.push(`  title ${titleText(input.title)}`);
  for (const participant of cast.participants) {
    header.push(
      participant.id === participant.label
        ? `  participant ${participant.id}`
        : `  participant ${participant.id} as ${escapeMermaid(participant.label)}`,
    );
  }
  const diagram = [...header, ...writer.lines].join('\n');
  return input.markdown ? `\`\`\`mermaid\n${diagram}\n\`\`\`\n` : `${diagram}\n`;
}
