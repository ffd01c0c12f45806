// One-line summaries of stanzas and trace entries, status codes in words — XEP-0045 §7.2 presence, §7.4 messages, §12 status codes
import type { Element } from 'ltx';
import type { DebugSessionApi } from '../debugger/session-api.js';
import type { TraceEntry } from '../muc/trace.js';
import { bareJid, localOf, resourceOf } from '../xmpp/jid.js';
import { NS } from '../xmpp/namespaces.js';
import { statusInWords } from './status-words.js';

/** Names JIDs after the script's clients (Romeo, Juliet…) so lines read like the script. */
export class ClientLabels {
  private readonly byFull = new Map<string, string>();
  private readonly byBare = new Map<string, string | null>();
  private readonly byLocal = new Map<string, string>();
  private readonly rooms: Set<string>;

  constructor(session: Pick<DebugSessionApi, 'script' | 'clientNames' | 'rooms'>) {
    this.rooms = new Set(session.rooms().map((room) => room.jid));
    for (const client of session.script.clients) {
      if (client.jid.includes('/')) this.byFull.set(client.jid, client.name);
      const bare = bareJid(client.jid);
      this.byBare.set(bare, this.byBare.has(bare) ? null : client.name);
    }
    for (const name of session.clientNames()) this.byLocal.set(name.toLowerCase(), name);
  }

  /** `Romeo` for romeo@localhost/abc; `garden/Romeo` for a room occupant; the domain for a service. */
  label(jid: string): string {
    const full = this.byFull.get(jid);
    if (full) return full;
    const bare = this.byBare.get(bareJid(jid));
    if (bare) return bare;
    const local = localOf(jid);
    const named = local === undefined ? undefined : this.byLocal.get(local.toLowerCase());
    if (named && !this.rooms.has(bareJid(jid))) return named;
    const resource = resourceOf(jid);
    if (local === undefined) return resource ? `${bareJid(jid)}/${resource}` : jid;
    return resource ? `${local}/${resource}` : local;
  }
}

function child(el: Element, name: string, xmlns?: string): Element | undefined {
  return el.getChild(name, xmlns) ?? undefined;
}

function mucUserDetail(x: Element): string[] {
  const parts: string[] = [];
  const item = child(x, 'item');
  if (item) {
    const affiliation = item.attrs.affiliation as string | undefined;
    const role = item.attrs.role as string | undefined;
    if (affiliation || role) parts.push(`${affiliation ?? '?'}/${role ?? '?'}`);
    if (item.attrs.nick) parts.push(`nick ${item.attrs.nick}`);
  }
  const codes = x.getChildren('status').map((status) => String(status.attrs.code));
  if (codes.length > 0) parts.push(codes.map(statusInWords).join(', '));
  if (child(x, 'destroy')) parts.push('room destroyed');
  const invite = child(x, 'invite');
  if (invite) parts.push(`invite from ${invite.attrs.from ?? '?'}`);
  if (child(x, 'decline')) parts.push('invitation declined');
  return parts;
}

function errorDetail(stanza: Element): string | undefined {
  const error = child(stanza, 'error');
  if (!error) return undefined;
  const condition = error.children.find(
    (node): node is Element => typeof node !== 'string' && node.attrs.xmlns === NS.stanzas,
  );
  return `error ${condition?.name ?? '?'} (${error.attrs.type ?? '?'})`;
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

function payloadDetail(stanza: Element): string[] {
  const parts: string[] = [];
  const x = child(stanza, 'x', NS.mucUser);
  if (x) parts.push(...mucUserDetail(x));
  if (stanza.name === 'presence' && child(stanza, 'x', NS.muc)) parts.push('join (muc)');
  const body = stanza.getChildText('body');
  if (body !== null && body !== undefined) parts.push(`"${body.replace(/\s+/g, ' ')}"`);
  const subject = child(stanza, 'subject');
  if (subject) parts.push(`subject "${subject.getText()}"`);
  for (const node of stanza.children) {
    if (typeof node === 'string') continue;
    const short = NS_SHORT[node.attrs.xmlns as string];
    if (!short) continue;
    const item = child(node, 'item');
    const itemText = item
      ? ` item ${Object.entries(item.attrs)
          .map(([name, value]) => `${name}=${value}`)
          .join(' ')}`
      : '';
    parts.push(`${short}${itemText}`);
  }
  const error = errorDetail(stanza);
  if (error) parts.push(error);
  return parts;
}

/** `presence unavailable`, `iq result`, `message groupchat`. */
export function stanzaKind(stanza: Element): string {
  const type = stanza.attrs.type as string | undefined;
  return type ? `${stanza.name} ${type}` : stanza.name;
}

export interface StanzaRow {
  seq: number;
  /** `→` sent by a client, `←` delivered to a client, `✗` dropped. */
  direction: '→' | '←' | '✗';
  text: string;
  /** The trace entry whose input caused it (deliveries), for highlighting. */
  cause?: number;
  entry: TraceEntry;
}

type StanzaEntry = Extract<TraceEntry, { kind: 'input' | 'delivery' | 'dropped' }>;

export function isStanzaEntry(entry: TraceEntry): entry is StanzaEntry {
  return entry.kind === 'input' || entry.kind === 'delivery' || entry.kind === 'dropped';
}

/** `Juliet ← presence from garden/Romeo: owner/moderator, 110 self-presence (§7.2.2)` */
export function summarizeEntry(entry: StanzaEntry, labels: ClientLabels): StanzaRow {
  const stanza = entry.stanza;
  const detail = payloadDetail(stanza);
  const tail = detail.length > 0 ? `: ${detail.join(', ')}` : '';
  if (entry.kind === 'input') {
    const to = stanza.attrs.to ? ` to ${labels.label(String(stanza.attrs.to))}` : '';
    const who = entry.sender === 'server' ? 'server' : labels.label(entry.sender);
    const id = stanza.name === 'iq' && stanza.attrs.id ? ` id=${stanza.attrs.id}` : '';
    return {
      seq: entry.seq,
      direction: '→',
      text: `${who} → ${stanzaKind(stanza)}${to}${id}${tail}`,
      entry,
    };
  }
  const from = stanza.attrs.from ? ` from ${labels.label(String(stanza.attrs.from))}` : '';
  const id = stanza.name === 'iq' && stanza.attrs.id ? ` id=${stanza.attrs.id}` : '';
  const dropped = entry.kind === 'dropped' ? ` [dropped: ${entry.reason}]` : '';
  return {
    seq: entry.seq,
    direction: entry.kind === 'dropped' ? '✗' : '←',
    text: `${labels.label(entry.to)} ← ${stanzaKind(stanza)}${from}${id}${tail}${dropped}`,
    cause: entry.cause,
    entry,
  };
}

/** The row of `entry` with its text summarised when first read: a long trace shows a screenful. */
export function lazySummary(entry: StanzaEntry, labels: () => ClientLabels): StanzaRow {
  let text: string | undefined;
  return {
    seq: entry.seq,
    direction: entry.kind === 'input' ? '→' : entry.kind === 'dropped' ? '✗' : '←',
    get text() {
      text ??= summarizeEntry(entry, labels()).text;
      return text;
    },
    ...(entry.kind !== 'input' && { cause: entry.cause }),
    entry,
  };
}
