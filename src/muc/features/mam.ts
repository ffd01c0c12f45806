// Message archive of a room, as Prosody's mod_muc_mam shows it to XEP-0045 clients: stanza-ids on messages, history served from the archive, the archiving option — XEP-0045 §7.2.13–14 and §10.2.1 (170/171)
import { clone, type Element } from 'ltx';
import { NS } from '../../xmpp/namespaces.js';
import { isoStamp } from '../environment.js';
import type { Feature, HistoryRequestEvent } from '../hooks.js';
import type { Room } from '../room.js';

const BY = 'mam';
const NS_MAM = 'urn:xmpp:mam:2';

interface Archived {
  id: string;
  stanza: Element;
  /** Simulated milliseconds. */
  when: number;
}

/** Each room's archive, oldest first (Prosody's muc_log store). */
const archives = new WeakMap<Room, Archived[]>();

function archiveOf(room: Room): Archived[] {
  let archive = archives.get(room);
  if (!archive) {
    archive = [];
    archives.set(room, archive);
  }
  return archive;
}

function isFromRoom(room: Room, child: Element | string): boolean {
  return (
    typeof child !== 'string' &&
    child.name === 'stanza-id' &&
    child.attrs.xmlns === NS.stanzaId &&
    child.attrs.by === room.jid
  );
}

/**
 * Prosody's save_to_history: the message is archived (in a non-anonymous room with an item
 * naming the sender's bare JID and default role) and gets the archive's id as a `<stanza-id>`.
 */
function archive(room: Room, message: Element): void {
  if (!room.config.archiving) return;
  const stored = clone(message);
  stored.attrs.to = room.jid;
  const sender = room.occupantByNick(message.attrs.from?.slice(room.jid.length + 1) ?? '');
  if (room.config.whois === 'anyone' && sender) {
    delete stored.attrs.to;
    const affiliation = room.affiliationOf(sender.bareJid);
    stored
      .c('x', { xmlns: NS.mucUser })
      .c('item', { affiliation, role: room.defaultRoleFor(affiliation), jid: sender.bareJid });
  }
  const id = room.services.env.nextId();
  archiveOf(room).push({ id, stanza: stored, when: room.now() });
  message.c('stanza-id', { xmlns: NS.stanzaId, by: room.jid, id });
}

/**
 * Prosody's muc-get-history of mod_muc_mam: when the room's own history is shorter than what
 * the joiner asks for, the newest archived messages are sent instead, each with its delay and
 * stanza-id (without the sender's item in a semi-anonymous room); maxchars counts whole stanzas.
 */
function historyFromArchive(event: HistoryRequestEvent): 'handled' | undefined {
  const { room } = event;
  if (!room.config.archiving || event.maxstanzas === 0 || event.maxchars === 0) return undefined;
  const length = room.config.historyLength;
  const wanted =
    event.maxstanzas === undefined || event.maxstanzas > length ? length : event.maxstanzas;
  if (room.state.history.length >= wanted) return undefined;
  const found: Element[] = [];
  let chars = event.maxchars;
  for (const entry of [...archiveOf(room)].reverse()) {
    if (found.length >= wanted) break;
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
  return 'handled';
}

export const mam: Feature = {
  name: BY,
  section: '§7.2.13',
  config: [
    {
      priority: 0,
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
    'muc-room-destroyed': {
      priority: 0,
      run: ({ room }) => {
        archives.delete(room);
      },
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
