// What the debugger panes show, read from the world: rooms, transitions in words, stanza summaries and causes — XEP-0045 §5 (roles, affiliations), §7.2 (status codes), §10.1 (lifecycle)
import type { Element } from 'ltx';
import type { DomainEvent } from '../muc/effects.js';
import { AFFILIATIONS } from '../muc/model/affiliation.js';
import { describeStatus, STATUS_CODES } from '../muc/model/status-codes.js';
import { occupantState } from '../muc/occupant-machine.js';
import type { MucService } from '../muc/service.js';
import type { TraceEntry } from '../muc/trace.js';
import { bareJid } from '../xmpp/jid.js';
import { NS } from '../xmpp/namespaces.js';
import type { OccupantView, RoomView, TransitionView } from './session-api.js';

/** Client names for JIDs, so views say "Romeo" rather than user@localhost/8kQ2…. */
export interface JidNames {
  /** A client's name for a full JID it was bound to, else for a bare JID it holds. */
  nameOf(jid: string): string | undefined;
}

const MAX_TEXT = 60;

function quoteText(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `"${flat.length > MAX_TEXT ? `${flat.slice(0, MAX_TEXT - 1)}…` : flat}"`;
}

function shortNamespace(ns: string | undefined): string {
  if (!ns) return '';
  const known = Object.entries(NS).find(([, value]) => value === ns);
  return known ? known[0] : ns;
}

function mucUserDetails(x: Element): string[] {
  const parts: string[] = [];
  for (const child of x.getChildElements()) {
    if (child.name === 'status' && child.attrs.code) {
      const info = STATUS_CODES.get(child.attrs.code);
      parts.push(info ? `${child.attrs.code} ${info.short}` : String(child.attrs.code));
    } else if (child.name === 'item') {
      const { affiliation, role, nick, jid } = child.attrs;
      const ranks = [affiliation, role].filter(Boolean).join('/');
      if (ranks) parts.push(ranks);
      if (nick) parts.push(`nick=${nick}`);
      if (jid) parts.push(`jid=${jid}`);
      const actor = child.getChild('actor');
      if (actor) parts.push(`actor=${actor.attrs.nick ?? actor.attrs.jid}`);
    } else if (child.name === 'invite' || child.name === 'decline') {
      parts.push(`${child.name} ${child.attrs.from ?? child.attrs.to ?? ''}`.trim());
    } else if (child.name === 'destroy') {
      parts.push('destroy');
    }
  }
  return parts;
}

function payloadDetails(stanza: Element): string[] {
  const parts: string[] = [];
  const subject = stanza.getChild('subject');
  if (subject) parts.push(`subject ${quoteText(subject.getText())}`);
  const body = stanza.getChild('body');
  if (body) parts.push(quoteText(body.getText()));
  for (const child of stanza.getChildElements()) {
    const ns = child.attrs.xmlns as string | undefined;
    if (child.name === 'x' && ns === NS.mucUser) parts.push(...mucUserDetails(child));
    else if (child.name === 'x' && ns === NS.muc) parts.push('join');
    else if (child.name === 'error') {
      const condition = child.getChildElements().find((el) => el.attrs.xmlns === NS.stanzas);
      parts.push(`error ${condition?.name ?? child.attrs.type ?? ''}`.trim());
    } else if (stanza.name === 'iq' && child.name !== 'error') {
      const items = child.getChildren('item').map((item) => {
        const attrs = ['affiliation', 'role', 'nick', 'jid']
          .filter((name) => item.attrs[name] !== undefined)
          .map((name) => `${name}=${item.attrs[name]}`);
        return `item ${attrs.join(' ')}`.trim();
      });
      parts.push([shortNamespace(ns) || child.name, ...items].join(' '));
    }
  }
  return parts;
}

/** One line for a stanza: `presence unavailable room@…/Juliet → user2@localhost/x 321 removed: affiliation change`. */
export function summarizeStanza(stanza: Element): string {
  const head = [stanza.name, stanza.attrs.type].filter(Boolean).join(' ');
  const route = [stanza.attrs.from, stanza.attrs.to].filter(Boolean).join(' → ');
  return [head, route, ...payloadDetails(stanza)].filter((part) => part !== '').join(' ');
}

/** A trace entry in one line, named from the client's point of view: `Juliet ← presence …`. */
export function summarizeEntry(entry: TraceEntry, names: JidNames): string {
  const name = (jid: string) => names.nameOf(jid) ?? jid;
  switch (entry.kind) {
    case 'connect':
      return `${name(entry.jid)} connects as ${entry.jid}`;
    case 'disconnect':
      return `${name(entry.jid)} disconnects`;
    case 'input': {
      const who =
        entry.origin === 'server' ? `server for ${name(entry.sender)}` : name(entry.sender);
      return `${who} → ${summarizeStanza(entry.stanza)}`;
    }
    case 'delivery':
      return `${name(entry.to)} ← ${summarizeStanza(entry.stanza)}`;
    case 'dropped':
      return `dropped (${entry.reason}): ${summarizeStanza(entry.stanza)}`;
    case 'event':
      return `${entry.event.kind} event in ${entry.event.room}`;
    case 'crash':
      return `crash: ${entry.message}`;
  }
}

/** Builds the room views from the service's live state. */
export function roomViews(service: MucService): RoomView[] {
  return [...service.rooms.values()].map((room) => {
    const { config, state } = room;
    const lifecycle = room.lifecycle();
    const flags: string[] = [];
    if (lifecycle === 'locked') flags.push('locked');
    if (config.membersOnly) flags.push('members-only');
    if (config.moderated) flags.push('moderated');
    if (config.password) flags.push('password');
    flags.push(config.whois === 'anyone' ? 'non-anonymous' : 'semi-anonymous');
    flags.push(config.persistent ? 'persistent' : 'temporary');
    flags.push(config.public ? 'public' : 'hidden');
    if (config.maxUsers > 0) flags.push(`max ${config.maxUsers} users`);
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
type RoleEvent = Extract<DomainEvent, { kind: 'role' }>;
type AffiliationEvent = Extract<DomainEvent, { kind: 'affiliation' }>;

function codesText(codes: readonly string[]): string {
  return codes.length === 0 ? '' : ` — ${codes.map(describeCode).join(', ')}`;
}

class TransitionWriter {
  private readonly inputs = new Map<number, Extract<TraceEntry, { kind: 'input' }>>();

  constructor(
    entries: readonly TraceEntry[],
    private readonly names: JidNames,
  ) {
    for (const entry of entries) if (entry.kind === 'input') this.inputs.set(entry.seq, entry);
  }

  private who(jid: string): string {
    return this.names.nameOf(jid) ?? bareJid(jid);
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
    if (event.to === 'none' && event.codes.length === 0) return ' (left)';
    return '';
  }

  room(event: Extract<DomainEvent, { kind: 'room' }>): string {
    return `${event.room}: ${event.from} → ${event.to}`;
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
 * The lifecycle, role, affiliation and nick events of the trace in words. An affiliation change
 * followed, for the same cause, by a role change of the same JID is one line:
 * `Juliet: member/participant → none/none — 321 removed because the affiliation changed (§9.4), by Romeo`.
 */
export function transitionViews(entries: readonly TraceEntry[], names: JidNames): TransitionView[] {
  const writer = new TransitionWriter(entries, names);
  const events = entries.filter((entry): entry is EventEntry => entry.kind === 'event');
  const consumed = new Set<number>();
  const views: TransitionView[] = [];
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
        const partner = events
          .slice(index + 1)
          .find(
            (later) =>
              later.cause === cause &&
              !consumed.has(later.seq) &&
              later.event.kind === 'role' &&
              later.event.room === event.room &&
              later.event.jid === event.jid,
          );
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
  return views;
}

/** Maps each cause to the entries it produced, for `related()`. */
export function effectsByCause(entries: readonly TraceEntry[]): Map<number, number[]> {
  const effects = new Map<number, number[]>();
  for (const entry of entries) {
    if (!('cause' in entry)) continue;
    const list = effects.get(entry.cause);
    if (list) list.push(entry.seq);
    else effects.set(entry.cause, [entry.seq]);
  }
  return effects;
}
