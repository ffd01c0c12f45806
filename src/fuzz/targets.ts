// What the stanza generator aims at: rooms (past tombstones), nicks present or odd, JIDs real or broken, and who holds rights where — XEP-0045 §7–§10 from the client side
import type { Room } from '../muc/room.js';
import type { World } from '../sim/world.js';
import { prepJid } from '../xmpp/jid.js';
import { resourceprep } from '../xmpp/stringprep.js';
import type { FuzzCast, FuzzClient } from './actions.js';
import type { Random } from './random.js';

/** Nicks that stress nickname rules (§7.2.8, §17.1): emoji, whitespace, invisible, folding, length. */
export const ODD_NICKS = [
  '😀',
  ' ',
  '\u200b',
  '\u3000',
  'Ｕ１',
  ' Lead',
  'Trail ',
  'e\u0301',
  'é',
  '\ufe0f',
  'a\ufe0fb',
  'x'.repeat(200),
  '<&\'">',
  '\t',
  '👨\u200d👩',
  'Nick/Slash',
  'Ω',
  '\u0301',
  'İ',
];

/**
 * Reads the simulated world to aim at real targets. Each action built from it stands alone:
 * replaying the actions in a fresh world, or on a real server, needs no generator.
 */
export class Targets {
  private ids = 0;
  private readonly generation: number[];
  /** Each slot's room JID at its current generation, made once per generation. */
  private readonly jids: string[];
  private readonly baseNicks = new Map<FuzzClient, string>();
  /** Each client's base nick with a digit after it, made once per digit. */
  private readonly numberedNicks = new Map<FuzzClient, string[]>();
  /**
   * Each room JID's occupant JIDs by nick, made once: the same string object every time, so the
   * simulator's memos by JID find its hash already computed instead of hashing a fresh string.
   */
  private readonly occupantJids = new Map<string, Map<string, string>>();
  /**
   * The odd nicks to draw from. A live run leaves out those that prepare to nothing: Prosody 13
   * routes `room@service/` to the sender's own host, where mod_pep raises on a presence to it,
   * and when that address comes up in a session's unavailable presence to its directed
   * addresses, the loop stops there: whether its rooms hear the session leave depends on Lua's
   * table order (docs/prosody-differences.md).
   */
  private readonly oddNicks: readonly string[];

  constructor(
    readonly rng: Random,
    readonly cast: FuzzCast,
    private readonly world: World,
    /** Only what a real server accepts from real clients, and answers the same whatever the time. */
    readonly live: boolean,
  ) {
    this.generation = cast.rooms.map(() => 0);
    this.jids = cast.rooms.map((base) => `${base}@${cast.mucDomain}`);
    this.oddNicks = live ? ODD_NICKS.filter((nick) => resourceprep(nick) !== '') : ODD_NICKS;
  }

  nextId(): string {
    this.ids += 1;
    return `f${this.ids}`;
  }

  roomJid(slot: number): string {
    // A destroyed persistent room leaves a tombstone for good: move on to a fresh name.
    while (this.world.service.tombstones.has(this.jids[slot]!)) {
      const generation = this.generation[slot]! + 1;
      this.generation[slot] = generation;
      this.occupantJids.delete(this.jids[slot]!);
      this.jids[slot] = `${this.cast.rooms[slot]!}g${generation}@${this.cast.mucDomain}`;
    }
    return this.jids[slot]!;
  }

  /** `room/nick`, the same string object for the same room JID and nick. */
  occupantJid(room: string, nick: string): string {
    let byNick = this.occupantJids.get(room);
    if (byNick === undefined) {
      byNick = new Map();
      this.occupantJids.set(room, byNick);
    }
    let jid = byNick.get(nick);
    if (jid === undefined) {
      jid = `${room}/${nick}`;
      byNick.set(nick, jid);
    }
    return jid;
  }

  anyRoom(): string {
    return this.roomJid(this.rng.int(this.cast.rooms.length));
  }

  room(jid: string): Room | undefined {
    return this.world.service.room(jid);
  }

  nickIn(room: Room | undefined, client: FuzzClient): string | undefined {
    return room?.occupantBySession(client.jid)?.nick;
  }

  /** A room the client is in (its nick there), or any room. */
  roomOf(client: FuzzClient): { jid: string; nick: string | undefined } {
    if (this.rng.chance(0.8)) {
      const start = this.rng.int(this.cast.rooms.length);
      for (let offset = 0; offset < this.cast.rooms.length; offset += 1) {
        const jid = this.roomJid((start + offset) % this.cast.rooms.length);
        const nick = this.nickIn(this.room(jid), client);
        if (nick !== undefined) return { jid, nick };
      }
    }
    const jid = this.anyRoom();
    return { jid, nick: this.nickIn(this.room(jid), client) };
  }

  baseNick(client: FuzzClient): string {
    let nick = this.baseNicks.get(client);
    if (nick === undefined) {
      const local = client.bare.split('@')[0]!;
      nick = local.charAt(0).toUpperCase() + local.slice(1);
      this.baseNicks.set(client, nick);
    }
    return nick;
  }

  private numberedNick(client: FuzzClient, digit: number): string {
    let nicks = this.numberedNicks.get(client);
    if (nicks === undefined) {
      const base = this.baseNick(client);
      nicks = [0, 1, 2].map((each) => `${base}${each}`);
      this.numberedNicks.set(client, nicks);
    }
    return nicks[digit]!;
  }

  someNick(room: Room | undefined): string {
    if (room && room.occupantCount() > 0 && this.rng.chance(0.8)) {
      return this.rng.pick([...room.occupants()]).nick;
    }
    if (this.rng.chance(0.3)) return this.rng.pick(this.oddNicks);
    return this.baseNick(this.rng.pick(this.cast.clients));
  }

  joinNick(client: FuzzClient, room: Room | undefined): string {
    const roll = this.rng.int(10);
    if (roll < 6) return this.baseNick(client);
    if (roll < 7) return this.numberedNick(client, this.rng.int(3));
    if (roll < 8) return this.someNick(room);
    return this.rng.pick(this.oddNicks);
  }

  /** A JID to name in an item or an invitation: mostly users, sometimes a domain, a stranger, garbage. */
  someJid(): string {
    const roll = this.rng.int(20);
    if (roll < 14) return this.rng.pick(this.cast.clients).bare;
    if (roll < 15) return this.rng.pick(this.cast.clients).jid;
    if (roll < 16) return this.cast.domain;
    if (roll < 17) return `stranger@${this.cast.domain}`;
    // Another server's user: a live run stays on its own server, whose links to others vary.
    if (roll < 18)
      return this.live ? `someone@${this.cast.mucDomain}` : 'someone@elsewhere.example';
    if (roll < 19) return 'bad@@jid';
    return this.cast.admins[0] ?? this.rng.pick(this.cast.clients).bare;
  }

  /** Someone holding admin or owner in the room, when such a client is online, else anyone. */
  privileged(online: readonly FuzzClient[], room: Room | undefined): FuzzClient {
    if (room && this.rng.chance(0.65)) {
      const strong = online.filter((client) => {
        const affiliation = room.affiliationOf(client.jid);
        return affiliation === 'owner' || affiliation === 'admin';
      });
      if (strong.length > 0) return this.rng.pick(strong);
    }
    return this.rng.pick(online);
  }

  moderatorIn(online: readonly FuzzClient[], room: Room | undefined): FuzzClient {
    if (room && this.rng.chance(0.65)) {
      const mods = online.filter(
        (client) => room.occupantBySession(client.jid)?.role === 'moderator',
      );
      if (mods.length > 0) return this.rng.pick(mods);
    }
    return this.privileged(online, room);
  }

  /**
   * Whether an admin item for `jid` (or, without one, for the occupant holding `nick`) would
   * reserve `nick` when the room already reserves it for another JID. Prosody 13 keeps both
   * reservations and then honours whichever its Lua table order lists last: a live run must not
   * ask for that.
   */
  reservesTwice(room: Room | undefined, nick: string, jid: string | undefined): boolean {
    const wanted = resourceprep(nick);
    if (!room || wanted === undefined) return false;
    const holder = jid === undefined ? room.occupantByNick(wanted)?.bareJid : prepJid(jid);
    // Without a JID the item reserves nothing (Prosody answers bad-request).
    if (holder === undefined) return false;
    // The records themselves, not the room's cache of them: Prosody rebuilds that cache from
    // the records, and two records naming one nick is what makes the rebuild a matter of chance.
    for (const [reserver, record] of room.state.affiliations) {
      if (record.reservedNick === wanted && reserver !== holder) return true;
    }
    return false;
  }

  /** The real JID of a visitor in the room (whom a voice approval names), or of anyone. */
  visitorJid(room: Room | undefined): string {
    const visitors = room
      ? [...room.occupants()].filter((occupant) => occupant.role === 'visitor')
      : [];
    if (visitors.length > 0 && this.rng.chance(0.8)) return this.rng.pick(visitors).primaryJid;
    return this.rng.pick(this.cast.clients).jid;
  }
}
