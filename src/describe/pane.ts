// The Stanzas pane's (and the transcript's) one line per stanza: who, kind, peer, and the MUC payload in words — XEP-0045 §7.2 presence, §7.4 messages, §12 status codes
import type { Element } from 'ltx';
import type { TraceEntry } from '../muc/trace.js';
import { NS } from '../xmpp/namespaces.js';
import type { JidNames } from './names.js';
import { boundedText, childElements, clip, errorCondition, firstChild } from './read.js';
import { statusInWords } from './status-words.js';

/** `owner/moderator`; an affiliation notice without a role (§9.3) says `affiliation member`. */
function itemRanks(item: Element): string | undefined {
  const affiliation = item.attrs.affiliation as string | undefined;
  const role = item.attrs.role as string | undefined;
  if (affiliation && role) return `${clip(affiliation)}/${clip(role)}`;
  if (affiliation) return `affiliation ${clip(affiliation)}`;
  if (role) return `role ${clip(role)}`;
  return undefined;
}

/** `invite from Romeo` as delivered (§7.8.2), `invite to Juliet` as sent to the room. */
function inviteWords(invite: Element, names: JidNames): string {
  const from = invite.attrs.from;
  const to = invite.attrs.to;
  if (from) return `invite from ${names.label(clip(String(from)))}`;
  if (to) return `invite to ${names.label(clip(String(to)))}`;
  return 'invite';
}

function mucUserDetail(x: Element, names: JidNames): string[] {
  const parts: string[] = [];
  const item = firstChild(x, 'item');
  if (item) {
    const ranks = itemRanks(item);
    if (ranks) parts.push(ranks);
    if (item.attrs.nick) parts.push(`nick ${clip(String(item.attrs.nick))}`);
  }
  const codes = childElements(x)
    .filter((child) => child.name === 'status')
    .map((status) => String(status.attrs.code));
  if (codes.length > 0) parts.push(codes.map(statusInWords).join(', '));
  if (firstChild(x, 'destroy')) parts.push('room destroyed');
  const invite = firstChild(x, 'invite');
  if (invite) parts.push(inviteWords(invite, names));
  if (firstChild(x, 'decline')) parts.push('invitation declined');
  return parts;
}

const NS_SHORT: Record<string, string> = {
  [NS.mucOwner]: 'muc#owner',
  [NS.mucAdmin]: 'muc#admin',
  [NS.discoInfo]: 'disco#info',
  [NS.discoItems]: 'disco#items',
  [NS.register]: 'register',
  [NS.ping]: 'ping',
  [NS.commands]: 'commands',
};

function payloadDetail(stanza: Element, names: JidNames): string[] {
  const parts: string[] = [];
  const x = firstChild(stanza, 'x', NS.mucUser);
  if (x) parts.push(...mucUserDetail(x, names));
  if (stanza.name === 'presence' && firstChild(stanza, 'x', NS.muc)) parts.push('join (muc)');
  const body = firstChild(stanza, 'body');
  if (body) parts.push(`"${boundedText(body).replace(/\s+/g, ' ')}"`);
  const subject = firstChild(stanza, 'subject');
  if (subject) parts.push(`subject "${boundedText(subject)}"`);
  for (const node of childElements(stanza)) {
    const short = NS_SHORT[node.attrs.xmlns as string];
    if (!short) continue;
    const item = firstChild(node, 'item');
    const itemText = item
      ? ` item ${Object.entries(item.attrs)
          .map(([name, value]) => `${name}=${clip(String(value))}`)
          .join(' ')}`
      : '';
    parts.push(`${short}${itemText}`);
  }
  const error = errorCondition(stanza);
  if (error) parts.push(`error ${error.condition ?? '?'} (${error.type ?? '?'})`);
  return parts;
}

/** `presence unavailable`, `iq result`, `message groupchat`. */
export function stanzaKind(stanza: Element): string {
  const type = stanza.attrs.type as string | undefined;
  return type ? `${stanza.name} ${clip(type)}` : stanza.name;
}

export type StanzaEntry = Extract<TraceEntry, { kind: 'input' | 'delivery' | 'dropped' }>;

export function isStanzaEntry(entry: TraceEntry): entry is StanzaEntry {
  return entry.kind === 'input' || entry.kind === 'delivery' || entry.kind === 'dropped';
}

export interface StanzaRow {
  seq: number;
  /** `→` sent by a client, `←` delivered to a client, `✗` dropped. */
  direction: '→' | '←' | '✗';
  /** The one-line summary, made when first read. */
  readonly text: string;
  /** The trace entry whose input caused it (deliveries), for highlighting. */
  cause?: number;
  entry: StanzaEntry;
}

function iqId(stanza: Element): string {
  return stanza.name === 'iq' && stanza.attrs.id ? ` id=${clip(String(stanza.attrs.id))}` : '';
}

/** `Juliet ← presence from garden/Romeo: owner/moderator, 110 self-presence (§7.2.2)` */
export function paneText(entry: StanzaEntry, names: JidNames): string {
  const stanza = entry.stanza;
  const detail = payloadDetail(stanza, names);
  const tail = detail.length > 0 ? `: ${detail.join(', ')}` : '';
  if (entry.kind === 'input') {
    const to = stanza.attrs.to ? ` to ${names.label(clip(String(stanza.attrs.to)))}` : '';
    const who = entry.sender === 'server' ? 'server' : names.label(entry.sender);
    return `${who} → ${stanzaKind(stanza)}${to}${iqId(stanza)}${tail}`;
  }
  const from = stanza.attrs.from ? ` from ${names.label(clip(String(stanza.attrs.from)))}` : '';
  const dropped = entry.kind === 'dropped' ? ` [dropped: ${entry.reason}]` : '';
  return `${names.label(entry.to)} ← ${stanzaKind(stanza)}${from}${iqId(stanza)}${tail}${dropped}`;
}

const rows = new WeakMap<TraceEntry, StanzaRow>();

/**
 * The pane's row of a trace entry, made once per entry; its text is summarised when first
 * read, so a long trace costs what a screenful costs. `names` is asked for only then.
 */
export function stanzaRow(entry: StanzaEntry, names: () => JidNames): StanzaRow {
  const known = rows.get(entry);
  if (known) return known;
  let text: string | undefined;
  const row: StanzaRow = {
    seq: entry.seq,
    direction: entry.kind === 'input' ? '→' : entry.kind === 'dropped' ? '✗' : '←',
    get text() {
      text ??= paneText(entry, names());
      return text;
    },
    ...(entry.kind !== 'input' && { cause: entry.cause }),
    entry,
  };
  rows.set(entry, row);
  return row;
}
