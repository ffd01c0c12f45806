// What the debugger panes show, read from the world: rooms, transitions in words and causes — XEP-0045 §5 (roles, affiliations), §7.2 (status codes), §10.1 (lifecycle)

import type { JidNames } from '../describe/names.js';
import type { DomainEvent } from '../muc/effects.js';
import type { Feature } from '../muc/hooks.js';
import { AFFILIATIONS } from '../muc/model/affiliation.js';
import type { RoomConfig } from '../muc/model/config.js';
import { describeStatus, STATUS_CODES } from '../muc/model/status-codes.js';
import { occupantState } from '../muc/occupant-machine.js';
import type { MucService } from '../muc/service.js';
import type { TraceEntry } from '../muc/trace.js';
import { bareJid } from '../xmpp/jid.js';
import type { OccupantView, RoomView, TransitionView } from './session-api.js';

/** The words the room's features say about its configuration, in their order. */
function roomFlags(features: readonly Feature[], config: RoomConfig): string[] {
  return features
    .flatMap((feature) => (feature.flag ? [feature.flag] : []))
    .sort((a, b) => a.order - b.order)
    .flatMap((flag) => flag.of(config) ?? []);
}

/** Builds the room views from the service's live state. */
export function roomViews(service: MucService): RoomView[] {
  return [...service.rooms.values()].map((room) => {
    const { config, state } = room;
    const lifecycle = room.lifecycle();
    // The lifecycle (locked, open) is shown on its own: it is not repeated among the flags.
    const flags = roomFlags(room.bus.features, config);
    const occupants: OccupantView[] = [...room.occupants()].map((occupant) => ({
      nick: occupant.nick,
      role: occupant.role,
      affiliation: room.affiliationOf(occupant.bareJid),
      bareJid: occupant.bareJid,
      sessions: [...occupant.sessions.keys()],
      state: occupantState(occupant.machine),
    }));
    const present = new Set(occupants.map((occupant) => occupant.bareJid));
    const rank = (affiliation: string) => AFFILIATIONS.indexOf(affiliation as never);
    const affiliations = [...state.affiliations.entries()]
      .map(([jid, record]) => ({
        jid,
        affiliation: record.affiliation,
        ...(record.reservedNick === undefined ? {} : { reservedNick: record.reservedNick }),
        present: present.has(jid),
      }))
      .sort((a, b) => rank(a.affiliation) - rank(b.affiliation));
    const view: RoomView = { jid: room.jid, lifecycle, flags, occupants, affiliations };
    if (state.subject?.text) view.subject = state.subject.text;
    return view;
  });
}

/** "321 removed because the affiliation changed (§9.4)": the code's meaning, without its aside. */
export function describeCode(code: string): string {
  const info = STATUS_CODES.get(code);
  if (!info) return describeStatus(code);
  const meaning = info.meaning.replace(/\s*\([^)]*\)$/, '').replace(/;.*$/, '');
  return `${code} ${meaning} (${info.section})`;
}

type EventEntry = Extract<TraceEntry, { kind: 'event' }>;

/** The feature that destroys a room on its owner's (or a service admin's) request. */
const DESTROYED_BY = 'destroy';

/** Why a room changed state, by the feature that changed it. */
const ROOM_WORDS: Record<string, string> = {
  'destroyed:destroy': ' (destroyed by request, §10.9)',
  'destroyed:persistent': ' (temporary room, its last occupant left, §7.14)',
};
type RoleEvent = Extract<DomainEvent, { kind: 'role' }>;
type AffiliationEvent = Extract<DomainEvent, { kind: 'affiliation' }>;

function codesText(codes: readonly string[]): string {
  return codes.length === 0 ? '' : ` — ${codes.map(describeCode).join(', ')}`;
}

class TransitionWriter {
  private readonly inputs = new Map<number, Extract<TraceEntry, { kind: 'input' }>>();

  /** The names of the moment the transitions are written. */
  constructor(public names: JidNames) {}

  /** Knows the inputs among `entries`, the causes the transitions name. */
  read(entries: readonly TraceEntry[]): void {
    for (const entry of entries) if (entry.kind === 'input') this.inputs.set(entry.seq, entry);
  }

  private who(jid: string): string {
    return this.names.client(jid) ?? bareJid(jid);
  }

  /** ", by Romeo" when someone other than the subject caused it. */
  private by(subjectJid: string, actor: string | undefined, cause: number): string {
    const input = this.inputs.get(cause);
    const jid = actor ?? (input?.origin === 'client' ? input.sender : undefined);
    if (!jid || bareJid(jid) === bareJid(subjectJid)) return '';
    return `, by ${this.who(jid)}`;
  }

  private roleWords(event: RoleEvent): string {
    if (event.from === 'none') return ' (joined)';
    if (event.to === 'none' && event.by === DESTROYED_BY) return ' (room destroyed, §10.9)';
    if (event.to === 'none' && event.codes.length === 0) return ' (left)';
    return '';
  }

  room(event: Extract<DomainEvent, { kind: 'room' }>): string {
    return `${event.room}: ${event.from} → ${event.to}${ROOM_WORDS[`${event.to}:${event.by}`] ?? ''}`;
  }

  role(event: RoleEvent, cause: number): string {
    return `${event.nick}: ${event.from} → ${event.to}${this.roleWords(event)}${codesText(event.codes)}${this.by(event.jid, undefined, cause)}`;
  }

  affiliation(event: AffiliationEvent, cause: number): string {
    return `${this.who(event.jid)}: affiliation ${event.from} → ${event.to}${this.by(event.jid, event.actor, cause)}`;
  }

  merged(affiliation: AffiliationEvent, role: RoleEvent, cause: number): string {
    const ranks = `${affiliation.from}/${role.from} → ${affiliation.to}/${role.to}`;
    return `${role.nick}: ${ranks}${this.roleWords(role)}${codesText(role.codes)}${this.by(role.jid, affiliation.actor, cause)}`;
  }

  nick(event: Extract<DomainEvent, { kind: 'nick' }>, cause: number): string {
    return `${event.from} → ${event.to}: nick changed (§7.6)${this.by(event.jid, undefined, cause)}`;
  }
}

/**
 * The role change that goes with the affiliation change `events[index]`: same cause, room and
 * JID. Causes only grow along the trace, so the look stops at the first later cause.
 */
function partnerOf(
  events: readonly EventEntry[],
  index: number,
  consumed: ReadonlySet<number>,
): EventEntry | undefined {
  const { cause, event } = events[index] as EventEntry;
  if (event.kind !== 'affiliation') return undefined;
  for (let at = index + 1; at < events.length; at += 1) {
    const later = events[at] as EventEntry;
    if (later.cause > cause) return undefined;
    const { event: role } = later;
    const same = role.kind === 'role' && role.room === event.room && role.jid === event.jid;
    if (later.cause === cause && same && !consumed.has(later.seq)) return later;
  }
  return undefined;
}

/**
 * The lifecycle, role, affiliation and nick events of the trace in words. An affiliation change
 * followed, for the same cause, by a role change of the same JID is one line:
 * `Juliet: member/participant → none/none — 321 removed because the affiliation changed (§9.4), by Romeo`.
 */
function writeTransitions(
  events: readonly EventEntry[],
  writer: TransitionWriter,
  views: TransitionView[],
): void {
  const consumed = new Set<number>();
  for (const [index, entry] of events.entries()) {
    if (consumed.has(entry.seq)) continue;
    const { event, seq, cause } = entry;
    switch (event.kind) {
      case 'verdict':
        continue;
      case 'room':
        views.push({ seq, cause, event, text: writer.room(event) });
        continue;
      case 'nick':
        views.push({ seq, cause, event, text: writer.nick(event, cause) });
        continue;
      case 'role':
        views.push({ seq, cause, event, text: writer.role(event, cause) });
        continue;
      case 'affiliation': {
        const partner = partnerOf(events, index, consumed);
        if (partner && partner.event.kind === 'role') {
          consumed.add(partner.seq);
          views.push({
            seq,
            cause,
            event,
            text: writer.merged(event, partner.event, cause),
            merged: { seq: partner.seq, event: partner.event },
          });
        } else {
          views.push({ seq, cause, event, text: writer.affiliation(event, cause) });
        }
      }
    }
  }
}

/**
 * The transitions of a growing trace in words: each `update` reads only the entries added since
 * the last. An input's events are recorded together (its processing is synchronous), so a
 * merged affiliation and role change never spans two updates.
 */
export class TransitionList {
  readonly views: TransitionView[] = [];
  private scanned = 0;
  private readonly writer: TransitionWriter;

  constructor(
    /** The trace read: a new world's trace needs a new list. */
    readonly entries: readonly TraceEntry[],
    names: JidNames,
  ) {
    this.writer = new TransitionWriter(names);
  }

  /** The views, with those of the entries added since the last call written in `names`. */
  update(names: JidNames): TransitionView[] {
    const fresh = this.entries.slice(this.scanned);
    this.scanned = this.entries.length;
    this.writer.names = names;
    this.writer.read(fresh);
    const events = fresh.filter((entry): entry is EventEntry => entry.kind === 'event');
    writeTransitions(events, this.writer, this.views);
    return this.views;
  }
}
