// Message archive of a room, as Prosody's mod_muc_mam shows it to XEP-0045 clients: stanza-ids on messages, history served from the archive, the archiving option — XEP-0045 §7.2.13–14 and §10.2.1 (170/171)
import { clone, Element } from 'ltx';
import { buildForm, type FormField, readForm } from '../../xmpp/data-form.js';
import { parseDateTime } from '../../xmpp/datetime.js';
import { iqResult } from '../../xmpp/iq-result.js';
import { bareJid, prepJid, resourceOf } from '../../xmpp/jid.js';
import { NS } from '../../xmpp/namespaces.js';
import { type StanzaErrorSpec, stanzaError } from '../../xmpp/stanza-error.js';
import { isoStamp } from '../environment.js';
import type {
  Feature,
  HistoryRequestEvent,
  HookOutcome,
  HostIqContext,
  IqAnswer,
} from '../hooks.js';
import { raiseLuaError } from '../lua-error.js';
import { defaultRole } from '../model/privileges.js';
import type { ArchivedMessage } from '../model/room-state.js';
import type { RoomView } from '../room-view.js';

const BY = 'mam';
const NS_MAM = 'urn:xmpp:mam:2';
const NS_RSM = 'http://jabber.org/protocol/rsm';
const NS_FORWARD = 'urn:xmpp:forward:0';
/** mod_muc_mam's page size when the query names none, and the most it serves (max_archive_query_results). */
const DEFAULT_MAX = 20;
const MAX_MAX = 50;

function isFromRoom(room: RoomView, child: Element | string): boolean {
  return (
    typeof child !== 'string' &&
    child.name === 'stanza-id' &&
    child.attrs.xmlns === NS.stanzaId &&
    child.attrs.by === room.jid
  );
}

/**
 * Prosody's save_to_history: the message is archived (in a non-anonymous room with an item
 * naming the sender's bare JID, affiliation and the role its affiliation's rank gives) and gets
 * the archive's id as a `<stanza-id>`.
 */
function archive(room: RoomView, message: Element): HookOutcome {
  if (!room.config.archiving) return undefined;
  const stored = clone(message);
  stored.attrs.to = room.jid;
  const sender = room.occupantByNick(message.attrs.from?.slice(room.jid.length + 1) ?? '');
  if (room.config.whois === 'anyone' && sender) {
    delete stored.attrs.to;
    const affiliation = room.affiliationOf(sender.bareJid);
    // get_default_role is asked with the affiliation spelled out ("none" for none), where the
    // moderated and members-only hooks answer only for nil: the rank alone decides the role.
    const role = defaultRole(affiliation, { membersOnly: false, moderated: false });
    stored.c('x', { xmlns: NS.mucUser }).c('item', { affiliation, role, jid: sender.bareJid });
  }
  const id = room.services.env.nextId();
  message.c('stanza-id', { xmlns: NS.stanzaId, by: room.jid, id });
  return { changes: [{ kind: 'archived', entry: { id, stanza: stored, when: room.now() } }] };
}

/**
 * Prosody's muc-get-history of mod_muc_mam: when the room's own history is shorter than what
 * the joiner asks for, the newest archived messages are sent instead, each with its delay and
 * stanza-id (without the sender's item in a semi-anonymous room); maxchars counts whole stanzas.
 */
function historyFromArchive(event: HistoryRequestEvent): HookOutcome {
  const { room } = event;
  if (!room.config.archiving || event.maxstanzas === 0 || event.maxchars === 0) return undefined;
  const length = room.config.historyLength;
  const wanted =
    event.maxstanzas === undefined || event.maxstanzas > length ? length : event.maxstanzas;
  // Prosody leaves it to the room's own history when there is one (a room that keeps none has
  // nil, whatever is asked); the memory store cuts the archive at a limit of zero or more only.
  const own = room.state.history.length;
  if (own > 0 && own >= wanted) return undefined;
  const found: Element[] = [];
  let chars = event.maxchars;
  for (const entry of [...room.state.archive].reverse()) {
    if (wanted >= 0 && found.length >= wanted) break;
    if (event.since !== undefined && entry.when < event.since) continue;
    const item = clone(entry.stanza);
    item.attrs.to = event.to;
    item.c('delay', { xmlns: NS.delay, from: room.jid, stamp: isoStamp(entry.when) });
    item.c('stanza-id', { xmlns: NS.stanzaId, by: room.jid, id: entry.id });
    if (room.config.whois !== 'anyone') {
      item.children = item.children.filter(
        (child) =>
          typeof child === 'string' || child.name !== 'x' || child.attrs.xmlns !== NS.mucUser,
      );
    }
    if (chars !== undefined) {
      const size = item.toString().length;
      if (chars - size < 0) break;
      chars -= size;
    }
    found.push(item);
  }
  event.stanzas = found.reverse();
  return { handled: true };
}

/** mod_muc_mam's query form, with the fields the memory store's capabilities add. */
const QUERY_FORM: FormField[] = [
  { var: 'FORM_TYPE', type: 'hidden', value: NS_MAM },
  { var: 'with', type: 'jid-single' },
  { var: 'start', type: 'text-single', datatype: 'xs:dateTime' },
  { var: 'end', type: 'text-single', datatype: 'xs:dateTime' },
  { var: 'before-id', type: 'text-single' },
  { var: 'after-id', type: 'text-single' },
  { var: 'ids', type: 'list-multi' },
];

/**
 * A MAM query (get: the form; set: a search) to a bare JID of the service. Prosody's mod_iq hands
 * it to mod_muc_mam before the MUC looks for the room: the form is served for any address.
 */
function isMamQuery(stanza: Element): boolean {
  const type = stanza.attrs.type;
  const payload = stanza.getChildElements()[0];
  return (
    stanza.name === 'iq' &&
    (type === 'get' || type === 'set') &&
    resourceOf(stanza.attrs.to) === undefined &&
    payload?.name === 'query' &&
    payload.attrs.xmlns === NS_MAM
  );
}

interface MamSearch {
  start?: number;
  end?: number;
  ids?: readonly string[];
  before?: string;
  after?: string;
  reverse: boolean;
  flip: boolean;
  max: number;
}

/** The search a query asks for, or the error mod_muc_mam answers (`raises` where its Lua fails). */
function readSearch(query: Element): MamSearch | StanzaErrorSpec {
  let start: number | undefined;
  let end: number | undefined;
  let ids: readonly string[] | undefined;
  let formBefore: string | undefined;
  let formAfter: string | undefined;
  const form = query.getChild('x', NS.dataForms);
  if (form) {
    const submitted = readForm(form);
    const typeField = form.getChildren('field').find((field) => field.attrs.var === 'FORM_TYPE');
    if (typeField && submitted.formType === undefined) {
      // get_form_type returns nil for a FORM_TYPE without a value, and the error text concatenates it.
      raiseLuaError(BY, "attempt to concatenate a nil value (local 'err')");
    }
    if ((submitted.formType ?? '') !== NS_MAM) {
      const text = `Unexpected FORM_TYPE, expected '${NS_MAM}'`;
      return { type: 'modify', condition: 'bad-request', text };
    }
    const text = (name: string) => {
      const value = submitted.values.get(name)?.[0];
      return value === undefined || value === '' ? undefined : value;
    };
    const withJid = text('with');
    if (withJid !== undefined && !prepJid(withJid)) {
      return { type: 'modify', condition: 'bad-request', text: `Invalid JID: ${withJid}` };
    }
    for (const name of ['start', 'end'] as const) {
      const raw = text(name);
      if (raw === undefined) continue;
      const when = parseDateTime(raw);
      if (when === undefined) {
        return { type: 'modify', condition: 'bad-request', text: 'invalid timestamp' };
      }
      if (name === 'start') start = when;
      else end = when;
    }
    formBefore = text('before-id');
    formAfter = text('after-id');
    if (submitted.values.has('ids')) ids = submitted.values.get('ids');
  }
  const set = query.getChild('set', NS_RSM);
  const rsm = set && set.getChildElements().length > 0 ? set : undefined;
  const rsmBefore = rsm?.getChild('before');
  const rsmAfter = rsm?.getChild('after');
  const maxText = rsm?.getChild('max')?.getText();
  const askedMax = maxText === undefined || maxText.trim() === '' ? Number.NaN : Number(maxText);
  const reverse = rsmBefore !== undefined;
  const beforeText = rsmBefore?.getText();
  return {
    start,
    end,
    ids,
    // rsm.lua reads an empty <before/> as `true`, which mod_muc_mam then drops: the last page.
    before: rsm ? (reverse ? beforeText || undefined : formBefore) : formBefore,
    after: rsmAfter !== undefined ? rsmAfter.getText() : formAfter,
    reverse,
    flip: reverse !== (query.getChild('flip-page') !== undefined),
    max: Math.min(Number.isNaN(askedMax) ? DEFAULT_MAX : askedMax, MAX_MAX),
  };
}

/**
 * mod_storage_memory's archive find over a room's archive: filters, then the page after `after`
 * (or, reversed, before `before`) of `limit` items; an unknown id is item-not-found.
 */
function findInArchive(
  archived: readonly ArchivedMessage[],
  search: MamSearch,
): { items: ArchivedMessage[]; total: number } | 'item-not-found' {
  if (archived.length === 0) {
    if (search.before !== undefined || search.after !== undefined) return 'item-not-found';
    return { items: [], total: 0 };
  }
  let items = [...archived];
  if (search.ids) {
    const wanted = new Set(search.ids);
    items = items.filter((item) => wanted.has(item.id));
  }
  const { start, end } = search;
  if (start !== undefined) items = items.filter((item) => item.when >= start);
  if (end !== undefined) items = items.filter((item) => item.when <= end);
  const total = items.length;
  let from = 0;
  let stopAt: string | undefined;
  if (search.reverse) {
    items.reverse();
    if (search.before !== undefined) {
      from = items.findIndex((item) => item.id === search.before) + 1;
      if (from === 0) return 'item-not-found';
    }
    stopAt = search.after;
  } else if (search.after !== undefined) {
    from = items.findIndex((item) => item.id === search.after) + 1;
    if (from === 0) return 'item-not-found';
    stopAt = search.before;
  } else stopAt = search.before;
  // Lua truncates the list with items[i+limit+1] = nil: only a whole, non-negative limit cuts it.
  const limit = search.max + 1;
  const cut = Number.isInteger(limit) && limit >= 0 ? from + limit : Number.POSITIVE_INFINITY;
  const page: ArchivedMessage[] = [];
  for (let index = from; index < items.length && index < cut; index++) {
    if (stopAt !== undefined && items[index].id === stopAt) break;
    page.push(items[index]);
  }
  return { items: page, total };
}

/**
 * mod_muc_mam's query handlers: the form for a get; for a set, the room's archived groupchat
 * messages, each forwarded in its own message, then the result with `<fin/>` and the RSM page.
 * Outcasts, and non-members of a members-only room, are forbidden.
 */
function answerMamQuery({ stanza, room, out }: HostIqContext): IqAnswer {
  const query = stanza.getChildElements()[0];
  if (stanza.attrs.type === 'get') {
    const form = buildForm({ type: 'form', fields: QUERY_FORM });
    return { reply: iqResult(stanza).c('query', { xmlns: NS_MAM }).cnode(form).root() };
  }
  const refuse = (spec: StanzaErrorSpec) => ({ reply: stanzaError(stanza, spec) });
  if (!room) return refuse({ type: 'cancel', condition: 'item-not-found' });
  const affiliation = room.affiliationOf(bareJid(stanza.attrs.from));
  if (affiliation === 'outcast' || (room.config.membersOnly && affiliation === 'none')) {
    return refuse({ type: 'auth', condition: 'forbidden' });
  }
  const search = readSearch(query);
  if ('condition' in search) return refuse(search);
  const found = findInArchive(room.state.archive, search);
  if (found === 'item-not-found') return refuse({ type: 'modify', condition: 'item-not-found' });
  const results: Element[] = [];
  let complete = true;
  for (const [index, entry] of found.items.entries()) {
    if (index + 1 > search.max) {
      complete = false;
      break;
    }
    results.push(forwarded(room, stanza, query.attrs.queryid, entry));
  }
  if (search.flip) results.reverse();
  for (const result of results) out.send(result, BY);
  const sent = found.items.slice(0, results.length);
  const [first, last] = search.reverse
    ? [sent.at(-1)?.id, sent[0]?.id]
    : [sent[0]?.id, sent.at(-1)?.id];
  const fin = new Element('fin', { xmlns: NS_MAM, ...(complete ? { complete: 'true' } : {}) });
  const set = fin.c('set', { xmlns: NS_RSM });
  if (first !== undefined) set.c('first').t(first);
  if (last !== undefined) set.c('last').t(last);
  set.c('count').t(String(found.total));
  return { reply: iqResult(stanza).cnode(fin).root() };
}

/** One archived message as a MAM result: forwarded with its time, the sender's item only where real JIDs are public. */
function forwarded(
  room: RoomView,
  stanza: Element,
  queryid: string | undefined,
  entry: ArchivedMessage,
): Element {
  const message = new Element('message', { to: stanza.attrs.from, from: stanza.attrs.to });
  const forward = message
    .c('result', { xmlns: NS_MAM, ...(queryid === undefined ? {} : { queryid }), id: entry.id })
    .c('forwarded', { xmlns: NS_FORWARD });
  forward.c('delay', { xmlns: NS.delay, stamp: isoStamp(entry.when) });
  const item = clone(entry.stanza);
  if (room.config.whois !== 'anyone') {
    item.children = item.children.filter(
      (child) =>
        typeof child === 'string' || child.name !== 'x' || child.attrs.xmlns !== NS.mucUser,
    );
  }
  delete item.attrs.to;
  item.attrs.xmlns = 'jabber:client';
  forward.cnode(item);
  return message;
}

export const mam: Feature = {
  name: BY,
  section: '§7.2.13',
  hostIq: { matches: isMamQuery, answer: answerMamQuery },
  config: [
    {
      priority: 0,
      word: 'archiving',
      field: {
        var: 'muc#roomconfig_enablearchiving',
        type: 'boolean',
        label: 'Archive chat on server',
      },
      read: (config) => config.archiving,
      // Prosody stores what was submitted (nothing means its default, on) and always tells 170 or 171.
      write: (config, value) => {
        const next = value !== false;
        const changed = config.archiving !== next;
        config.archiving = next;
        return changed;
      },
      codes: (value) => [value === true ? '170' : '171'],
    },
  ],
  hooks: {
    'muc-broadcast-message': {
      priority: 1,
      // A client may not claim the room's archive ids.
      run: ({ room, message }) => {
        message.children = message.children.filter((child) => !isFromRoom(room, child));
      },
    },
    'muc-add-history': { priority: 0, run: ({ room, message }) => archive(room, message) },
    'muc-get-history': { priority: 1, run: historyFromArchive },
    // A destroyed room's archive goes with it: a room made again under its name starts empty,
    // and so does the one a lone occupant's nick change empties for a moment.
    'muc-room-destroyed': {
      priority: 0,
      run: () => ({ changes: [{ kind: 'archive-deleted' }] }),
    },
    'muc-disco#info': {
      priority: 0,
      run: ({ room, features }) => {
        if (room.config.archiving) features.push(NS_MAM, `${NS_MAM}#extended`);
        features.push(NS.stanzaId);
      },
    },
  },
};
