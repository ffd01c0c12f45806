// One room: its data, lookups and the primitive changes every feature goes through — XEP-0045 §5 (roles, affiliations) and §7
import type { Element } from 'ltx';
import { bareJid, domainOf } from '../xmpp/jid.js';
import type { Effects } from './effects.js';
import type { MucEnvironment } from './environment.js';
import type { MucExtra } from './extras.js';
import type { Decision, HookBus } from './hook-bus.js';
import type { HookEvents, HookName } from './hooks.js';
import type { Affiliation } from './model/affiliation.js';
import { defaultRoomConfig } from './model/config.js';
import { Occupant } from './model/occupant.js';
import { defaultRole } from './model/privileges.js';
import type { Role } from './model/role.js';
import type { AffiliationRecord, RoomState } from './model/room-state.js';
import {
  advanceOccupant,
  type OccupantEvent,
  occupantRole,
  occupantState,
} from './occupant-machine.js';
import type { RoomChange } from './room-change.js';
import {
  advanceRoom,
  initialRoomSnapshot,
  type RoomLifecycle,
  type RoomLifecycleEvent,
  roomLifecycle,
} from './room-machine.js';
import type { OccupantView, RoomView } from './room-view.js';

export interface RoomServices {
  bus: HookBus;
  /** The core's way of making the changes features return (src/muc/core/apply-changes.ts). */
  applyChanges(room: Room, out: Effects, changes: readonly RoomChange[], by: string): void;
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

export class Room implements RoomView {
  readonly state: RoomState;
  /** Every occupant's sessions in occupant order, until an occupant or session comes or goes. */
  private recipientList: string[] | undefined;

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
      archive: [],
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

  /**
   * Fires a hook for this room (only the core does): each handler gets the room read-only, and
   * the changes it returns are made before the next one runs.
   */
  fire<K extends HookName>(name: K, event: HookEvents[K] & { out: Effects }): Decision | undefined {
    return this.services.bus.fire(name, event, (changes, feature) =>
      this.services.applyChanges(this, event.out, changes, feature),
    );
  }

  now(): number {
    return this.services.env.now();
  }

  lifecycle(): RoomLifecycle {
    return roomLifecycle(this.state.lifecycle);
  }

  /** Every occupant's sessions in occupant order: whom a message to everyone reaches (§7.4). */
  recipients(): readonly string[] {
    this.recipientList ??= [...this.occupants()].flatMap((occupant) => [
      ...occupant.sessions.keys(),
    ]);
    return this.recipientList;
  }

  advanceLifecycle(out: Effects, event: RoomLifecycleEvent, by: string): void {
    const from = this.lifecycle();
    this.state.lifecycle = advanceRoom(this.state.lifecycle, event);
    const to = this.lifecycle();
    if (from !== to) out.record({ kind: 'room', room: this.jid, from, to, by });
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
    if (!this.state.reservedNicks) {
      const reserved = new Map<string, string>();
      for (const [jid, record] of this.state.affiliations) {
        if (record.reservedNick !== undefined && !reserved.has(record.reservedNick)) {
          reserved.set(record.reservedNick, jid);
        }
      }
      this.state.reservedNicks = reserved;
    }
    return this.state.reservedNicks.get(nick);
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
    out: Effects,
    jid: string,
    affiliation: Affiliation,
    details: { reservedNick?: string; reason?: string; actor?: string },
    by: string,
  ): void {
    // The stored affiliation, not affiliationOf's view of it (service admins, domain-wide
    // records): the event tells what changed in the room's list.
    const previous = this.state.affiliations.get(jid)?.affiliation ?? 'none';
    delete this.state.reservedNicks;
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
      out.record({
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
  canSeeRealJids(viewer: OccupantView | undefined): boolean {
    return this.config.whois === 'anyone' || viewer?.role === 'moderator';
  }

  newOccupant(nick: string, realJid: string, presence: Element): Occupant {
    return new Occupant(nick, this.occupantJidOf(nick), bareJid(realJid), realJid, presence);
  }

  /** Puts an occupant in the room with its first role (the occupant chart's `admitted`). */
  admitOccupant(out: Effects, occupant: Occupant, role: Role, codes: string[], by: string): void {
    this.recipientList = undefined;
    this.moveOccupant(occupant, { type: 'occupant.admitted', role });
    this.state.occupants.set(occupant.nick, occupant);
    for (const session of occupant.sessions.keys()) {
      this.state.nickBySession.set(session, occupant.nick);
    }
    this.recordRole(out, occupant, 'none', role, codes, by);
  }

  /**
   * Moves the occupant's chart by a role event. A role the chart does not take from where the
   * occupant is (admitting with no role, changing a role of someone gone) is a bug of the core:
   * it throws, and the world puts the error in the trace (DESIGN, style 5).
   */
  private moveOccupant(occupant: Occupant, event: OccupantEvent & { role: Role }): void {
    const next = advanceOccupant(occupant.machine, event);
    if (next === occupant.machine || occupantRole(next) !== event.role) {
      const from = occupantState(occupant.machine);
      throw new Error(
        `illegal role change in ${this.jid}: ${occupant.nick} (${from}) cannot become ${event.role} by ${event.type}`,
      );
    }
    occupant.machine = next;
  }

  addSession(occupant: Occupant, realJid: string, presence: Element): void {
    this.recipientList = undefined;
    occupant.sessions.set(realJid, presence);
    this.state.nickBySession.set(realJid, occupant.nick);
  }

  /** Removes one session; returns true when it was the occupant's last. */
  removeSession(occupant: Occupant, realJid: string): boolean {
    this.recipientList = undefined;
    occupant.sessions.delete(realJid);
    this.state.nickBySession.delete(realJid);
    if (occupant.sessions.size > 0 && occupant.primaryJid === realJid) {
      occupant.primaryJid = occupant.sessions.keys().next().value as string;
    }
    return occupant.sessions.size === 0;
  }

  changeRole(out: Effects, occupant: Occupant, role: Role, codes: string[], by: string): void {
    const previous = occupant.role;
    if (previous === role) return;
    this.moveOccupant(occupant, { type: 'role.changed', role });
    this.recordRole(out, occupant, previous, role, codes, by);
    if (role === 'none') this.detachOccupant(occupant);
  }

  /** Takes an occupant out of the room (its role is already none). */
  detachOccupant(occupant: Occupant): void {
    this.recipientList = undefined;
    if (this.state.occupants.get(occupant.nick) === occupant) {
      this.state.occupants.delete(occupant.nick);
    }
    for (const session of occupant.sessions.keys()) {
      if (this.state.nickBySession.get(session) === occupant.nick) {
        this.state.nickBySession.delete(session);
      }
    }
  }

  renameOccupant(out: Effects, occupant: Occupant, newNick: string, by: string): void {
    this.recipientList = undefined;
    const oldNick = occupant.nick;
    this.state.occupants.delete(oldNick);
    occupant.nick = newNick;
    occupant.occupantJid = this.occupantJidOf(newNick);
    occupant.machine = advanceOccupant(occupant.machine, { type: 'nick.changed' });
    this.state.occupants.set(newNick, occupant);
    for (const session of occupant.sessions.keys()) this.state.nickBySession.set(session, newNick);
    out.record({
      kind: 'nick',
      room: this.jid,
      jid: occupant.bareJid,
      from: oldNick,
      to: newNick,
      by,
    });
  }

  private recordRole(
    out: Effects,
    occupant: Occupant,
    from: Role,
    to: Role,
    codes: string[],
    by: string,
  ): void {
    out.record({
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
