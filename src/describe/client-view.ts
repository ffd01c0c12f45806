// What one client knows of its rooms, built only from the stanzas it received, as poezio or profanity would show it: the roster with roles and affiliations, real JIDs only where the room sent them, the subject, and a log of messages and events with status codes in words — XEP-0045 §7.2 (presence), §7.4–7.5 (messages), §7.2.15 (subject), §12 (status codes)
import type { Element } from 'ltx';
import { bareJid, resourceOf } from '../xmpp/jid.js';
import { NS } from '../xmpp/namespaces.js';
import { boundedText, childElements, clip, errorCondition, firstChild } from './read.js';
import { statusInWords } from './status-words.js';

export interface KnownOccupant {
  nick: string;
  role: string;
  affiliation: string;
  /** The real JID, only if the room put it in a presence this client received. */
  jid?: string;
  /** The presence this client last learned it from. */
  seq: number;
}

export interface KnownRoom {
  jid: string;
  /** This client's nick there, from its self-presence (110). */
  nick?: string;
  present: boolean;
  occupants: Map<string, KnownOccupant>;
  subject?: { text: string; by?: string };
  /** What the room told this client about who sees real JIDs (100, 172, 173). */
  anonymity?: 'non-anonymous' | 'semi-anonymous';
}

export interface LogLine {
  seq: number;
  time: number;
  kind: 'message' | 'private' | 'event' | 'error';
  text: string;
}

/** Everything a client can know, folded stanza by stanza in the order it received them. */
export class ClientView {
  readonly rooms = new Map<string, KnownRoom>();
  readonly log: LogLine[] = [];
  received = 0;
  private current = { seq: 0, time: 0 };

  constructor(readonly name: string) {}

  add(stanza: Element, seq: number, time: number): void {
    this.received += 1;
    this.current = { seq, time };
    const from = String(stanza.attrs.from ?? '');
    if (stanza.name === 'presence') this.presence(stanza, from);
    else if (stanza.name === 'message') this.message(stanza, from);
    else if (stanza.name === 'iq' && stanza.attrs.type === 'error') {
      this.write(
        'error',
        `! ${short(from)}: request ${clip(String(stanza.attrs.id ?? ''), 40)} refused: ${errorWords(stanza)}`,
      );
    }
  }

  private room(jid: string): KnownRoom {
    let room = this.rooms.get(jid);
    if (!room) {
      room = { jid, present: false, occupants: new Map() };
      this.rooms.set(jid, room);
    }
    return room;
  }

  private write(kind: LogLine['kind'], text: string): void {
    this.log.push({ ...this.current, kind, text });
  }

  private presence(stanza: Element, from: string): void {
    const nick = resourceOf(from) ?? '';
    const type = stanza.attrs.type;
    if (type === 'error') {
      this.write(
        'error',
        `! ${short(from)}: could not enter or change nick as ${nick}: ${errorWords(stanza)}`,
      );
      return;
    }
    const x = firstChild(stanza, 'x', NS.mucUser);
    if (!x || nick === '') return;
    const room = this.room(bareJid(from));
    const codes = statusCodes(x);
    const self = codes.includes('110') || nick === room.nick;
    // On entering, 100 says everyone sees real JIDs; its absence, that only moderators do (§7.2.3–7.2.4).
    if (codes.includes('110') && !room.present) {
      room.anonymity = codes.includes('100') ? 'non-anonymous' : 'semi-anonymous';
    }
    if (type === 'unavailable') this.left(room, nick, x, codes, self);
    else this.available(room, nick, x, codes, self);
  }

  private available(
    room: KnownRoom,
    nick: string,
    x: Element,
    codes: string[],
    self: boolean,
  ): void {
    const item = firstChild(x, 'item');
    const before = room.occupants.get(nick);
    const occupant: KnownOccupant = {
      nick,
      role: String(item?.attrs.role ?? before?.role ?? 'none'),
      affiliation: String(item?.attrs.affiliation ?? before?.affiliation ?? 'none'),
      seq: this.current.seq,
      ...(item?.attrs.jid !== undefined && { jid: String(item.attrs.jid) }),
    };
    room.occupants.set(nick, occupant);
    const ranks = `${occupant.role}, ${occupant.affiliation}`;
    const why = codeWords(codes, ['110']);
    if (self && !room.present) {
      room.present = true;
      room.nick = nick;
      const others = room.occupants.size - 1;
      this.write(
        'event',
        `*** ${short(room.jid)}: you entered as ${nick} (${ranks}); ${others} already there${why}`,
      );
    } else if (!before) {
      if (room.present) this.write('event', `*** ${nick} entered (${ranks})${why}`);
    } else if (before.role !== occupant.role || before.affiliation !== occupant.affiliation) {
      this.write('event', `*** ${self ? 'you are' : `${nick} is`} now ${ranks}${why}`);
    }
  }

  private left(room: KnownRoom, nick: string, x: Element, codes: string[], self: boolean): void {
    const item = firstChild(x, 'item');
    const newNick = item?.attrs.nick;
    if (codes.includes('303') && newNick !== undefined) {
      const occupant = room.occupants.get(nick);
      room.occupants.delete(nick);
      if (occupant)
        room.occupants.set(String(newNick), {
          ...occupant,
          nick: String(newNick),
          seq: this.current.seq,
        });
      if (self) room.nick = String(newNick);
      this.write(
        'event',
        `*** ${self ? 'you are' : `${nick} is`} now known as ${clip(String(newNick), 80)} (303)`,
      );
      return;
    }
    room.occupants.delete(nick);
    const destroy = firstChild(x, 'destroy');
    const why = codeWords(codes, ['110']);
    if (destroy) {
      const reason = firstChild(destroy, 'reason');
      const venue = destroy.attrs.jid ? `; it moved to ${destroy.attrs.jid}` : '';
      this.write(
        'event',
        `*** ${short(room.jid)} was destroyed${reason ? `: ${boundedText(reason, 200)}` : ''}${venue}`,
      );
    } else {
      const verb = codes.some((code) => REMOVALS.has(code)) ? 'were removed' : 'left';
      this.write(
        'event',
        `*** ${self ? `you ${verb}` : `${nick} ${verb === 'left' ? 'left' : 'was removed'}`}${why}`,
      );
    }
    if (self || destroy) {
      room.present = false;
      room.occupants.clear();
    }
  }

  private message(stanza: Element, from: string): void {
    const type = stanza.attrs.type ?? 'normal';
    if (type === 'error') {
      this.write('error', `! ${short(from)}: message refused: ${errorWords(stanza)}`);
      return;
    }
    const nick = resourceOf(from);
    const body = firstChild(stanza, 'body');
    const x = firstChild(stanza, 'x', NS.mucUser);
    const history = firstChild(stanza, 'delay', NS.delay) ? '[history] ' : '';
    if (type === 'groupchat') {
      const subject = firstChild(stanza, 'subject');
      if (subject && !body)
        return this.subject(this.room(bareJid(from)), nick, boundedText(subject));
      if (body) {
        const who = nick === undefined ? `*** ${short(from)}:` : `<${nick}>`;
        this.write('message', `${history}${who} ${oneLine(boundedText(body))}`);
      }
    } else if (body && nick !== undefined) {
      this.write('private', `[private] <${nick}> ${oneLine(boundedText(body))}`);
    }
    if (x) this.roomNotice(bareJid(from), x);
  }

  private subject(room: KnownRoom, nick: string | undefined, text: string): void {
    room.subject = text === '' ? undefined : { text, ...(nick !== undefined && { by: nick }) };
    const who = nick ?? 'the room';
    this.write(
      'event',
      text === ''
        ? `*** ${short(room.jid)} has no subject`
        : `*** ${who} set the subject: ${oneLine(text)}`,
    );
  }

  /** Status codes, invitations and affiliation notices a room sends in a message (§7.8.2, §10.2.1). */
  private roomNotice(roomJid: string, x: Element): void {
    const codes = statusCodes(x);
    if (codes.length > 0) {
      const room = this.room(roomJid);
      if (codes.includes('172')) room.anonymity = 'non-anonymous';
      if (codes.includes('173')) room.anonymity = 'semi-anonymous';
      this.write('event', `*** ${short(roomJid)}: ${codes.map(statusInWords).join(', ')}`);
    }
    const invite = firstChild(x, 'invite');
    if (invite) {
      const reason = firstChild(invite, 'reason');
      const by = invite.attrs.from ? ` from ${invite.attrs.from}` : '';
      this.write(
        'event',
        `*** invitation to ${roomJid}${by}${reason ? `: ${boundedText(reason, 200)}` : ''}`,
      );
    }
    if (firstChild(x, 'decline'))
      this.write('event', `*** ${roomJid}: your invitation was declined`);
  }
}

/** Status codes that say an occupant was made to leave (banned, kicked, affiliation, members-only, shutdown, error). */
const REMOVALS = new Set(['301', '307', '321', '322', '332', '333']);

function statusCodes(x: Element): string[] {
  return childElements(x)
    .filter((child) => child.name === 'status')
    .map((status) => String(status.attrs.code));
}

/** `, 307 kicked (§8.2)`: the codes in words, leaving out those said otherwise. */
function codeWords(codes: readonly string[], said: readonly string[]): string {
  const rest = codes.filter((code) => !said.includes(code));
  return rest.length === 0 ? '' : ` — ${rest.map(statusInWords).join(', ')}`;
}

function errorWords(stanza: Element): string {
  const error = errorCondition(stanza);
  return `${error?.condition ?? 'unknown error'} (${error?.type ?? '?'})`;
}

/** A room's local part: `garden` for garden@conference.localhost. */
function short(jid: string): string {
  const bare = bareJid(jid);
  const at = bare.indexOf('@');
  return at === -1 ? bare : bare.slice(0, at);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}
