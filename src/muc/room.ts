// One room: its data, lookups and the primitive changes every feature goes through — XEP-0045 §5 (roles, affiliations) and §7
import type { Element } from 'ltx';
import { bareJid, domainOf } from '../xmpp/jid.js';
import { type StanzaErrorSpec, stanzaError } from '../xmpp/stanza-error.js';
import type { Effects } from './effects.js';
import type { MucEnvironment } from './environment.js';
import type { MucExtra } from './extras.js';
import type { HookBus } from './hook-bus.js';
import type { Affiliation } from './model/affiliation.js';
import { defaultRoomConfig } from './model/config.js';
import type { Occupant } from './model/occupant.js';
import { defaultRole } from './model/privileges.js';
import type { Role } from './model/role.js';
import type { AffiliationRecord, RoomState } from './model/room-state.js';
import { advanceOccupant, initialOccupantSnapshot } from './occupant-machine.js';
import {
  advanceRoom,
  initialRoomSnapshot,
  type RoomLifecycle,
  type RoomLifecycleEvent,
  roomLifecycle,
} from './room-machine.js';

export interface RoomServices {
  bus: HookBus;
  /** The extras that are on (src/muc/extras.ts): by default none, the service behaves as Prosody. */
  extras: ReadonlySet<MucExtra>;
  env: MucEnvironment;
  /** The service's secret behind XEP-0421 occupant ids: without it nobody can recompute them. */
  occupantIdSecret: string;
  /**
   * The service's vCards (vcard-temp), by room node, as mod_vcard's store on the MUC host: they
   * outlive the rooms they belong to.
   */
  vcards: Map<string, Element>;
}

export class Room {
  readonly state: RoomState;
  private currentEffects: Effects | undefined;
  /** Every occupant's sessions in occupant order, until an occupant or session comes or goes. */
  private recipients: string[] | undefined;
  /** register.lib.lua's reserved nick cache (`jidReservingNick`). */
  private reservedNicks: Map<string, string> | undefined;

  constructor(
    jid: string,
    readonly services: RoomServices,
  ) {
    this.state = {
      jid,
      lifecycle: initialRoomSnapshot(),
      config: defaultRoomConfig(),
      affiliations: new Map(),
      occupants: new Map(),
      nickBySession: new Map(),
      subject: undefined,
      history: [],
      createdAt: services.env.now(),
    };
  }

  get jid(): string {
    return this.state.jid;
  }

  get config() {
    return this.state.config;
  }

  get bus(): HookBus {
    return this.services.bus;
  }

  now(): number {
    return this.services.env.now();
  }

  lifecycle(): RoomLifecycle {
    return roomLifecycle(this.state.lifecycle);
  }

  /** Runs `work` with `effects` as the place where this room's output goes. */
  withEffects<T>(effects: Effects, work: () => T): T {
    const previous = this.currentEffects;
    this.currentEffects = effects;
    try {
      return work();
    } finally {
      this.currentEffects = previous;
    }
  }

  get effects(): Effects {
    if (!this.currentEffects) throw new Error(`room ${this.jid} used outside of a stanza`);
    return this.currentEffects;
  }

  send(stanza: Element, by: string): void {
    this.effects.send(stanza, by);
  }

  /** Sends a copy of `stanza` addressed to `to`; the stanza is shared by its copies, and frozen. */
  sendCopy(stanza: Element, to: string, by: string): void {
    this.effects.sendCopy(stanza, to, by);
  }

  /** Sends a copy of `stanza` to every session of every occupant, in occupant order (§7.4). */
  sendToAll(stanza: Element, by: string): void {
    this.recipients ??= [...this.occupants()].flatMap((occupant) => [...occupant.sessions.keys()]);
    this.effects.sendCopies(stanza, this.recipients, by);
  }

  /**
   * Replies to `stanza` with an error (its `by` as the spec names it, see `stanzaError`). An
   * error is never answered: Prosody's error_reply refuses to, and nothing goes out.
   */
  sendError(stanza: Element, spec: StanzaErrorSpec, by: string): void {
    if (stanza.attrs.type !== 'error') this.send(stanzaError(stanza, spec), by);
    this.effects.record({
      kind: 'verdict',
      room: this.jid,
      hook: by,
      by,
      condition: spec.condition,
    });
  }

  advanceLifecycle(event: RoomLifecycleEvent, by: string): void {
    const from = this.lifecycle();
    this.state.lifecycle = advanceRoom(this.state.lifecycle, event);
    const to = this.lifecycle();
    if (from !== to) this.effects.record({ kind: 'room', room: this.jid, from, to, by });
  }

  // — affiliations (§5.2): keyed by bare JID, with a domain-wide fallback for bans (§9.2)

  affiliationRecord(jid: string): AffiliationRecord | undefined {
    return this.state.affiliations.get(bareJid(jid));
  }

  /**
   * The affiliation of `jid`: its bare JID's record, or outcast when its whole domain is banned
   * (Prosody's get_affiliation: a domain's other affiliations apply to nobody). Prosody 13 makes
   * service admins owners only with `component_admins_as_room_owners`, off by default.
   */
  affiliationOf(jid: string): Affiliation {
    const record = this.affiliationRecord(jid);
    if (record) return record.affiliation;
    return this.state.affiliations.get(domainOf(jid))?.affiliation === 'outcast'
      ? 'outcast'
      : 'none';
  }

  reservedNickOf(jid: string): string | undefined {
    return this.affiliationRecord(jid)?.reservedNick;
  }

  /**
   * Who reserved `nick`, as register.lib.lua's get_reserved_nicks knows it: read from the records
   * once, and read again only after an affiliation is set (muc-set-affiliation), so a record's
   * nick revised by a refused admin item (`reviseAffiliationData`) is not seen until then.
   */
  jidReservingNick(nick: string): string | undefined {
    if (!this.reservedNicks) {
      this.reservedNicks = new Map();
      for (const [jid, record] of this.state.affiliations) {
        if (record.reservedNick !== undefined && !this.reservedNicks.has(record.reservedNick)) {
          this.reservedNicks.set(record.reservedNick, jid);
        }
      }
    }
    return this.reservedNicks.get(nick);
  }

  /**
   * Prosody's handle_admin_query_set_command writes an item's reason and nick into the JID's
   * affiliation data before set_affiliation decides: they stay even when the change is refused.
   */
  reviseAffiliationData(jid: string, data: { reservedNick?: string; reason?: string }): void {
    const record = this.state.affiliations.get(jid);
    if (record) this.state.affiliations.set(jid, { ...record, ...data });
  }

  ownerCount(): number {
    let owners = 0;
    for (const record of this.state.affiliations.values()) {
      if (record.affiliation === 'owner') owners += 1;
    }
    return owners;
  }

  storeAffiliation(
    jid: string,
    affiliation: Affiliation,
    details: { reservedNick?: string; reason?: string; actor?: string },
    by: string,
  ): void {
    // The stored affiliation, not affiliationOf's view of it (service admins, domain-wide
    // records): the event tells what changed in the room's list.
    const previous = this.state.affiliations.get(jid)?.affiliation ?? 'none';
    this.reservedNicks = undefined;
    if (affiliation === 'none') {
      this.state.affiliations.delete(jid);
    } else {
      this.state.affiliations.set(jid, {
        affiliation,
        reservedNick: details.reservedNick,
        reason: details.reason,
      });
    }
    if (previous !== affiliation) {
      this.effects.record({
        kind: 'affiliation',
        room: this.jid,
        jid,
        from: previous,
        to: affiliation,
        actor: details.actor,
        reason: details.reason,
        by,
      });
    }
  }

  // — occupants (§5.1): one per nick, each with its sessions

  occupantByNick(nick: string): Occupant | undefined {
    return this.state.occupants.get(nick);
  }

  occupantBySession(realJid: string): Occupant | undefined {
    const nick = this.state.nickBySession.get(realJid);
    return nick === undefined ? undefined : this.state.occupants.get(nick);
  }

  occupantJidOf(nick: string): string {
    return `${this.jid}/${nick}`;
  }

  occupants(): IterableIterator<Occupant> {
    return this.state.occupants.values();
  }

  occupantCount(): number {
    return this.state.occupants.size;
  }

  defaultRoleFor(affiliation: Affiliation): Role {
    return defaultRole(affiliation, this.config);
  }

  /** §7.2.3–4 as Prosody's publicise_occupant_status decides per recipient: real JIDs if whois is anyone or the viewer moderates. */
  canSeeRealJids(viewer: Occupant | undefined): boolean {
    return this.config.whois === 'anyone' || viewer?.role === 'moderator';
  }

  newOccupant(nick: string, realJid: string, presence: Element): Occupant {
    return {
      nick,
      occupantJid: this.occupantJidOf(nick),
      bareJid: bareJid(realJid),
      role: 'none',
      sessions: new Map([[realJid, presence]]),
      primaryJid: realJid,
      machine: initialOccupantSnapshot(),
    };
  }

  /** Puts an occupant in the room with its first role (the occupant chart's `admitted`). */
  admitOccupant(occupant: Occupant, role: Role, codes: string[], by: string): void {
    this.recipients = undefined;
    occupant.machine = advanceOccupant(occupant.machine, { type: 'occupant.admitted', role });
    this.state.occupants.set(occupant.nick, occupant);
    for (const session of occupant.sessions.keys()) {
      this.state.nickBySession.set(session, occupant.nick);
    }
    this.recordRole(occupant, 'none', role, codes, by);
    occupant.role = role;
  }

  addSession(occupant: Occupant, realJid: string, presence: Element): void {
    this.recipients = undefined;
    occupant.sessions.set(realJid, presence);
    this.state.nickBySession.set(realJid, occupant.nick);
  }

  /** Removes one session; returns true when it was the occupant's last. */
  removeSession(occupant: Occupant, realJid: string): boolean {
    this.recipients = undefined;
    occupant.sessions.delete(realJid);
    this.state.nickBySession.delete(realJid);
    if (occupant.sessions.size > 0 && occupant.primaryJid === realJid) {
      occupant.primaryJid = occupant.sessions.keys().next().value as string;
    }
    return occupant.sessions.size === 0;
  }

  changeRole(occupant: Occupant, role: Role, codes: string[], by: string): void {
    const previous = occupant.role;
    if (previous === role) return;
    occupant.machine = advanceOccupant(occupant.machine, { type: 'role.changed', role });
    occupant.role = role;
    this.recordRole(occupant, previous, role, codes, by);
    if (role === 'none') this.detachOccupant(occupant);
  }

  /** Takes an occupant out of the room (its role is already none). */
  detachOccupant(occupant: Occupant): void {
    this.recipients = undefined;
    if (this.state.occupants.get(occupant.nick) === occupant) {
      this.state.occupants.delete(occupant.nick);
    }
    for (const session of occupant.sessions.keys()) {
      if (this.state.nickBySession.get(session) === occupant.nick) {
        this.state.nickBySession.delete(session);
      }
    }
  }

  renameOccupant(occupant: Occupant, newNick: string, by: string): void {
    this.recipients = undefined;
    const oldNick = occupant.nick;
    this.state.occupants.delete(oldNick);
    occupant.nick = newNick;
    occupant.occupantJid = this.occupantJidOf(newNick);
    occupant.machine = advanceOccupant(occupant.machine, { type: 'nick.changed' });
    this.state.occupants.set(newNick, occupant);
    for (const session of occupant.sessions.keys()) this.state.nickBySession.set(session, newNick);
    this.effects.record({
      kind: 'nick',
      room: this.jid,
      jid: occupant.bareJid,
      from: oldNick,
      to: newNick,
      by,
    });
  }

  private recordRole(occupant: Occupant, from: Role, to: Role, codes: string[], by: string) {
    this.effects.record({
      kind: 'role',
      room: this.jid,
      nick: occupant.nick,
      jid: occupant.bareJid,
      from,
      to,
      codes,
      by,
    });
  }
}
