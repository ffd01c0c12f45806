// The invariants checked after every fuzzing step: no crash, occupancy, roles and rights, anonymity, request/reply, delivery — XEP-0045 §5, §7.2, §17
import type { Element } from 'ltx';
import type { DomainEvent } from '../muc/effects.js';
import type { Affiliation } from '../muc/model/affiliation.js';
import type { RoomConfig } from '../muc/model/config.js';
import type { Role } from '../muc/model/role.js';
import type { Room } from '../muc/room.js';
import type { RoomLifecycle } from '../muc/room-machine.js';
import type { TraceEntry } from '../muc/trace.js';
import type { World } from '../sim/world.js';
import { bareJid, domainOf, localOf, prepJid } from '../xmpp/jid.js';
import { NS } from '../xmpp/namespaces.js';
import type { FuzzAction, FuzzCast } from './actions.js';
import {
  affiliationAbove,
  affiliationChangeRefusal,
  entryRole,
  isMemberOrAbove,
  roleAbove,
  roleChangeRefusal,
} from './rules.js';

export const INVARIANTS = [
  'no-crash',
  'occupancy',
  'roles',
  'privileges',
  'anonymity',
  'request-reply',
  'delivery',
] as const;
export type InvariantName = (typeof INVARIANTS)[number];

export interface Violation {
  invariant: InvariantName;
  detail: string;
}

type InputEntry = Extract<TraceEntry, { kind: 'input' }>;
type DeliveryEntry = Extract<TraceEntry, { kind: 'delivery' }>;

/** A room as it was before the step, and as the step's events move it along. */
interface RoomView {
  room: Room | undefined;
  lifecycle: RoomLifecycle | 'absent';
  config: RoomConfig | undefined;
  /** Affiliation records (bare JID or domain → affiliation), updated by the step's events. */
  affiliations: Map<string, Affiliation>;
  /** Sessions' roles before the step. */
  rolesBefore: Map<string, Role>;
  anonymousBefore: boolean;
}

/** The fuzzer's model of an occupant: the role it should hold, and why it may change. */
interface ModelOccupant {
  bare: string;
  role: Role;
  /** Set by an affiliation change in this step: the role the change leads to. */
  expected?: Role;
}

const MAX_PENDING = 1024;

function isError(stanza: Element, condition?: string): boolean {
  if (stanza.attrs.type !== 'error') return false;
  if (condition === undefined) return true;
  const error = stanza.getChild('error');
  return error?.getChild(condition, NS.stanzas) !== undefined;
}

/**
 * Checks a step's trace entries against an independent model of the rooms. The harness calls
 * `begin` before the step (to see the rooms as they were) and `end` with the step's entries.
 */
/**
 * A ban of a whole domain (an admin item with a domain JID): Prosody removes every occupant of
 * that domain with 301, whatever its own affiliation, even an owner's.
 */
function isDomainBan(stanza: Element | undefined, occupantJid: string): boolean {
  const item = stanza?.getChild('query', NS.mucAdmin)?.getChild('item');
  return item?.attrs.affiliation === 'outcast' && item.attrs.jid === domainOf(occupantJid);
}

export class InvariantChecker {
  /** How many invariant checks ran. */
  checks = 0;
  private readonly connected = new Set<string>();
  private readonly model = new Map<string, Map<string, ModelOccupant>>();
  private readonly pendingRelays = new Map<string, number>();
  private readonly realBares: Set<string>;
  private readonly admins: Set<string>;
  private views = new Map<string, RoomView>();

  constructor(
    private readonly world: World,
    private readonly cast: FuzzCast,
  ) {
    this.realBares = new Set(cast.clients.map((client) => client.bare));
    this.admins = new Set(cast.admins);
  }

  markConnected(jid: string): void {
    this.connected.add(jid);
  }

  markDisconnected(jid: string): void {
    this.connected.delete(jid);
  }

  /** Looks at the rooms the action may touch, before it runs. */
  begin(action: FuzzAction, sender: string): void {
    this.views = new Map();
    if (action.kind === 'connect') return;
    const session = this.world.session(sender);
    const rooms = new Set<string>();
    if (action.kind === 'send') {
      const raw = action.stanza.attrs.to;
      const to = raw === undefined ? undefined : prepJid(raw);
      if (to !== undefined && domainOf(to) === this.cast.mucDomain) {
        if (localOf(to) !== undefined) rooms.add(bareJid(to));
        else for (const jid of this.world.service.rooms.keys()) rooms.add(jid);
      }
      if (raw === undefined && action.stanza.name === 'presence') {
        for (const joined of session?.joined ?? []) rooms.add(bareJid(joined));
      }
    } else {
      for (const joined of session?.joined ?? []) rooms.add(bareJid(joined));
    }
    for (const jid of rooms) this.views.set(jid, this.snapshot(jid));
  }

  private snapshot(jid: string): RoomView {
    const room = this.world.service.room(jid);
    const affiliations = new Map<string, Affiliation>();
    const rolesBefore = new Map<string, Role>();
    if (room) {
      for (const [key, record] of room.state.affiliations)
        affiliations.set(key, record.affiliation);
      for (const occupant of room.occupants()) {
        for (const session of occupant.sessions.keys()) rolesBefore.set(session, occupant.role);
      }
    }
    return {
      room,
      lifecycle: room ? room.lifecycle() : 'absent',
      config: room?.config,
      affiliations,
      rolesBefore,
      anonymousBefore: room ? room.config.whois !== 'anyone' : true,
    };
  }

  private view(jid: string): RoomView {
    let view = this.views.get(jid);
    if (!view) {
      view = this.snapshot(jid);
      this.views.set(jid, view);
    }
    return view;
  }

  /** The room now, or as it was before the step if the step destroyed it. */
  private roomNow(jid: string): Room | undefined {
    return this.world.service.room(jid) ?? this.views.get(jid)?.room;
  }

  /** Prosody 13 gives service admins no affiliation of their own in rooms (component_admins_as_room_owners is off). */
  private affiliationIn(view: RoomView, jid: string): Affiliation {
    const bare = bareJid(jid);
    const own = view.affiliations.get(bare);
    if (own) return own;
    return view.affiliations.get(domainOf(bare)) === 'outcast' ? 'outcast' : 'none';
  }

  private roomModel(jid: string): Map<string, ModelOccupant> {
    let occupants = this.model.get(jid);
    if (!occupants) {
      occupants = new Map();
      this.model.set(jid, occupants);
    }
    return occupants;
  }

  /** Checks one step's trace entries; returns the first violation. */
  end(entries: readonly TraceEntry[]): Violation | undefined {
    const inputs = new Map<number, InputEntry>();
    const replies = new Map<number, DeliveryEntry[]>();
    const touched = new Set(this.views.keys());
    const destroyedBy = new Set<string>();
    // Inputs whose handler stopped on a Lua error, as Prosody's does: they get no reply.
    const raised = new Set<number>();
    for (const entry of entries) {
      let violation: Violation | undefined;
      switch (entry.kind) {
        case 'input':
          inputs.set(entry.seq, entry);
          break;
        case 'crash':
          violation = { invariant: 'no-crash', detail: `the service threw: ${entry.message}` };
          break;
        case 'delivery': {
          const list = replies.get(entry.cause) ?? [];
          list.push(entry);
          replies.set(entry.cause, list);
          violation = this.checkDelivery(entry, inputs.get(entry.cause));
          break;
        }
        case 'event': {
          if (entry.event.kind === 'verdict' && entry.event.hook === 'lua-error') {
            raised.add(entry.cause);
          }
          const room = 'room' in entry.event ? entry.event.room : undefined;
          if (room !== undefined) touched.add(room);
          violation = this.checkEvent(entry.event, inputs.get(entry.cause), destroyedBy);
          break;
        }
        default:
          break;
      }
      if (violation) return violation;
    }
    for (const input of inputs.values()) {
      if (raised.has(input.seq)) continue;
      const violation = this.checkReplies(input, replies.get(input.seq) ?? []);
      if (violation) return violation;
    }
    for (const jid of touched) {
      const violation =
        this.checkRoom(jid, destroyedBy.has(jid)) ?? this.checkConfigChange(jid, inputs);
      if (violation) return violation;
    }
    return undefined;
  }

  /** §10.2: only owners change the configuration (a submitted form replaces the config object). */
  private checkConfigChange(jid: string, inputs: Map<number, InputEntry>): Violation | undefined {
    const view = this.views.get(jid);
    const room = this.world.service.room(jid);
    if (!view?.room || view.room !== room || view.config === room.config) return undefined;
    this.checks += 1;
    const input = [...inputs.values()].find((entry) => entry.origin === 'client');
    if (input && this.affiliationIn(view, input.sender) === 'owner') return undefined;
    return {
      invariant: 'privileges',
      detail: `${input?.sender ?? 'nobody'} changed the configuration of ${jid} without being its owner (§10.2)`,
    };
  }

  // — delivery: crashes, connected sessions, anonymity, relayed answers

  private checkDelivery(
    entry: DeliveryEntry,
    input: InputEntry | undefined,
  ): Violation | undefined {
    const { stanza, to } = entry;
    this.checks += 3;
    if (isError(stanza, 'internal-server-error')) {
      return { invariant: 'no-crash', detail: `internal-server-error delivered to ${to}` };
    }
    if (!this.connected.has(to)) {
      return {
        invariant: 'delivery',
        detail: `a ${stanza.name} was delivered to ${to}, which is not connected`,
      };
    }
    if (
      input &&
      (input.stanza.attrs.type === 'error' ||
        (input.stanza.name === 'iq' && input.stanza.attrs.type === 'result'))
    ) {
      // An answer to it, that is, not a relayed answer that happens to come back to the same session.
      // (Prosody relays an error message to an occupant like a private message, with the muc#user <x/>.)
      const relayed = stanza.getChild('x', NS.mucUser) !== undefined;
      if (
        stanza.attrs.type === 'error' &&
        to === input.sender &&
        stanza.attrs.id === input.stanza.attrs.id &&
        !relayed
      ) {
        return {
          invariant: 'request-reply',
          detail: `a ${input.stanza.name} of type ${input.stanza.attrs.type} from ${input.sender} was answered with an error`,
        };
      }
    }
    if (stanza.name === 'iq' && (stanza.attrs.type === 'result' || stanza.attrs.type === 'error')) {
      const key = `${to}\n${stanza.attrs.id}`;
      const answers = this.pendingRelays.get(key);
      if (
        answers !== undefined &&
        input?.stanza.name === 'iq' &&
        input.stanza.attrs.type !== 'get' &&
        input.stanza.attrs.type !== 'set'
      ) {
        if (answers >= 1) {
          return {
            invariant: 'request-reply',
            detail: `the relayed iq ${stanza.attrs.id} of ${to} was answered twice`,
          };
        }
        this.pendingRelays.set(key, answers + 1);
      }
    }
    return this.checkAnonymity(stanza, to);
  }

  /** §7.2.3–4: a semi-anonymous room shows real JIDs to moderators only. */
  private checkAnonymity(stanza: Element, to: string): Violation | undefined {
    const from = stanza.attrs.from;
    if (
      from === undefined ||
      domainOf(from) !== this.cast.mucDomain ||
      localOf(from) === undefined
    ) {
      return undefined;
    }
    const recipientBare = bareJid(to);
    for (const x of stanza.getChildren('x', NS.mucUser)) {
      for (const child of x.getChildElements()) {
        const shown: (string | undefined)[] = [];
        if (child.name === 'item') {
          shown.push(child.attrs.jid, child.getChild('actor')?.attrs.jid);
        } else if (
          child.name === 'invite' &&
          this.views.get(bareJid(from))?.rolesBefore.has(child.attrs.from)
        ) {
          // An inviter outside the room is shown by its real JID: Prosody's known leak (a FIXME
          // in its code), which the outside-invite-guard extra refuses instead.
          shown.push(child.attrs.from);
        }
        for (const jid of shown) {
          if (jid === undefined) continue;
          const bare = bareJid(jid);
          if (!this.realBares.has(bare) || bare === recipientBare) continue;
          this.checks += 1;
          const roomJid = bareJid(from);
          const view = this.view(roomJid);
          const room = this.world.service.room(roomJid) ?? view.room;
          const anonymousNow = room ? room.config.whois !== 'anyone' : true;
          if (!view.anonymousBefore || !anonymousNow) continue;
          const wasModerator = view.rolesBefore.get(to) === 'moderator';
          const isModerator = room?.occupantBySession(to)?.role === 'moderator';
          // An admin or owner enters as a moderator: it may see real JIDs before it is in the room.
          const affiliation = room?.affiliationOf(to);
          if (wasModerator || isModerator || affiliation === 'owner' || affiliation === 'admin')
            continue;
          return {
            invariant: 'anonymity',
            detail: `${to}, not a moderator of the semi-anonymous room ${roomJid}, was shown the real JID ${jid} (<${child.name}> in a ${stanza.name} from ${from})`,
          };
        }
      }
    }
    return undefined;
  }

  // — request/reply: every iq get/set gets exactly one result or error

  private checkReplies(input: InputEntry, deliveries: DeliveryEntry[]): Violation | undefined {
    const { stanza, sender } = input;
    if (input.origin !== 'client' || stanza.name !== 'iq') return undefined;
    const type = stanza.attrs.type;
    if (type !== 'get' && type !== 'set') return undefined;
    const to = stanza.attrs.to;
    // An iq to another user's session is theirs to answer; the virtual users never do.
    if (to !== undefined && domainOf(to) === this.cast.domain && to.includes('/')) return undefined;
    this.checks += 1;
    const id = stanza.attrs.id;
    let answers = 0;
    let relayed = false;
    for (const delivery of deliveries) {
      const answer = delivery.stanza;
      if (answer.name !== 'iq') continue;
      const answerType = answer.attrs.type;
      if (answerType === 'get' || answerType === 'set') relayed = true;
      else if (delivery.to === sender && answer.attrs.id === id) answers += 1;
    }
    if (answers === 1) return undefined;
    if (answers === 0 && relayed) {
      if (id !== undefined) {
        this.pendingRelays.set(`${sender}\n${id}`, 0);
        if (this.pendingRelays.size > MAX_PENDING) {
          this.pendingRelays.delete(this.pendingRelays.keys().next().value as string);
        }
      }
      return undefined;
    }
    return {
      invariant: 'request-reply',
      detail: `iq ${type} ${id ?? '(no id)'} from ${sender} to ${to ?? '(no to)'} got ${answers} answers`,
    };
  }

  // — events: who changed what, and whether they could

  private checkEvent(
    event: DomainEvent,
    input: InputEntry | undefined,
    destroyedBy: Set<string>,
  ): Violation | undefined {
    switch (event.kind) {
      case 'affiliation':
        return this.onAffiliation(event, input);
      case 'role':
        return this.onRole(event, input, destroyedBy);
      case 'nick':
        return this.onNick(event);
      case 'room':
        return this.onLifecycle(event, input, destroyedBy);
      default:
        return undefined;
    }
  }

  private onAffiliation(
    event: Extract<DomainEvent, { kind: 'affiliation' }>,
    input: InputEntry | undefined,
  ): Violation | undefined {
    const view = this.view(event.room);
    const previous = view.affiliations.get(event.jid) ?? 'none';
    this.checks += 1;
    if (event.actor !== undefined) {
      const refusal = affiliationChangeRefusal({
        actorAffiliation: this.affiliationIn(view, event.actor),
        actorIsTarget: bareJid(event.actor) === event.jid,
        previous,
        next: event.to,
        otherOwners: [...view.affiliations].filter(
          ([jid, affiliation]) => affiliation === 'owner' && jid !== event.jid,
        ).length,
      });
      if (refusal) {
        return {
          invariant: 'privileges',
          detail: `in ${event.room}, ${event.actor} made ${event.jid} ${event.to}: ${refusal}`,
        };
      }
    } else {
      const refusal = this.roomDecisionRefusal(view, event, previous, input);
      if (refusal) {
        return {
          invariant: 'privileges',
          detail: `in ${event.room}, the room itself (${event.by}) made ${event.jid} ${previous} → ${event.to}: ${refusal}`,
        };
      }
    }
    // The occupants of that bare JID, or of that domain when a whole domain is banned (a domain's
    // other affiliations apply to nobody, as Prosody's get_affiliation has it).
    const byDomain = !event.jid.includes('@');
    const holders = [...(this.model.get(event.room)?.values() ?? [])].filter((occupant) =>
      byDomain
        ? event.to === 'outcast' && domainOf(occupant.bare) === event.jid
        : occupant.bare === event.jid,
    );
    if (event.to === 'none') view.affiliations.delete(event.jid);
    else view.affiliations.set(event.jid, event.to);
    // Holders move to Table 4's role for the affiliation just set, when it is higher or when the
    // affiliation went down (Prosody's set_affiliation).
    const config = this.roomNow(event.room)?.config ?? view.config;
    if (!config) return undefined;
    const target = entryRole(event.to, config);
    const wentDown = affiliationAbove(previous, event.to);
    for (const occupant of holders) {
      const current = occupant.expected ?? occupant.role;
      if (target !== current && (wentDown || roleAbove(target, current)))
        occupant.expected = target;
    }
    return undefined;
  }

  /** Affiliation changes the room makes without an actor: creation, registration, members-only invitations. */
  private roomDecisionRefusal(
    view: RoomView,
    event: Extract<DomainEvent, { kind: 'affiliation' }>,
    previous: Affiliation,
    input: InputEntry | undefined,
  ): string | undefined {
    const sender = input ? bareJid(input.sender) : undefined;
    switch (event.by) {
      case 'service':
        return view.room === undefined && event.to === 'owner' && sender === event.jid
          ? undefined
          : 'only the creator of a new room becomes its owner (§10.1.1)';
      case 'register': {
        // §7.10: registering makes an unaffiliated user a member (Prosody writes down any other
        // affiliation the user holds, e.g. as a service admin); removing it undoes only that.
        if (sender !== event.jid) return 'registration changed someone else';
        const held = this.affiliationIn(view, event.jid);
        if (held === 'none' && event.to === 'member') return undefined;
        if (held !== 'none' && held !== 'outcast' && event.to === held) return undefined;
        if (previous === 'member' && event.to === 'none') return undefined;
        return `registration may only add or remove a membership (held: ${held})`;
      }
      case 'members-only':
        return previous === 'none' && event.to === 'member'
          ? undefined
          : 'an invitation may only make an unaffiliated user a member (§7.8.2)';
      default:
        return 'no rule lets the room decide this';
    }
  }

  private onRole(
    event: Extract<DomainEvent, { kind: 'role' }>,
    input: InputEntry | undefined,
    destroyedBy: Set<string>,
  ): Violation | undefined {
    const view = this.view(event.room);
    const occupants = this.roomModel(event.room);
    const at = `${event.room}/${event.nick}`;
    this.checks += 1;
    if (event.from === 'none') return this.onJoin(event, view, occupants, input);
    const occupant = occupants.get(event.nick);
    if (!occupant) {
      return {
        invariant: 'roles',
        detail: `${at} went ${event.from} → ${event.to}, but the model has no such occupant`,
      };
    }
    if (event.to === 'none') {
      const refusal = this.removalRefusal(event, view, occupant, input, destroyedBy);
      if (refusal) return refusal;
      occupants.delete(event.nick);
      return undefined;
    }
    if (this.isExplicitRoleChange(event, input)) {
      // §8.6: approving a voice request grants voice, that is visitor → participant, and nothing else.
      if (event.by === 'request' && (event.from !== 'visitor' || event.to !== 'participant')) {
        return {
          invariant: 'roles',
          detail: `approving a voice request took ${at} from ${event.from} to ${event.to} (§8.6: it only grants voice to a visitor)`,
        };
      }
      const refusal = this.roleRightRefusal(event, view, input!);
      if (refusal) return refusal;
      occupant.role = event.to;
      occupant.expected = undefined;
      return undefined;
    }
    if (occupant.expected === event.to || this.isAffiliationDefault(event, view)) {
      occupant.role = event.to;
      occupant.expected = undefined;
      return undefined;
    }
    return {
      invariant: 'roles',
      detail: `${at} went ${event.from} → ${event.to} (by ${event.by}) with no moderator's request or affiliation change behind it`,
    };
  }

  private onJoin(
    event: Extract<DomainEvent, { kind: 'role' }>,
    view: RoomView,
    occupants: Map<string, ModelOccupant>,
    input: InputEntry | undefined,
  ): Violation | undefined {
    const at = `${event.room}/${event.nick}`;
    if (occupants.has(event.nick)) {
      return { invariant: 'occupancy', detail: `${at} was admitted while that nick is taken` };
    }
    if (!input || bareJid(input.sender) !== event.jid || input.stanza.name !== 'presence') {
      return {
        invariant: 'occupancy',
        detail: `${event.jid} entered ${event.room} without sending a presence`,
      };
    }
    const affiliation = this.affiliationIn(view, event.jid);
    const config = this.roomNow(event.room)?.config ?? view.config;
    if (view.lifecycle === 'locked' && affiliation !== 'owner') {
      return {
        invariant: 'occupancy',
        detail: `the locked room ${event.room} admitted ${event.jid} (${affiliation}) (§7.2.10: owners only)`,
      };
    }
    if (affiliation === 'outcast') {
      return {
        invariant: 'occupancy',
        detail: `the outcast ${event.jid} entered ${event.room} (§7.2.7)`,
      };
    }
    if (config?.membersOnly && !isMemberOrAbove(affiliation)) {
      return {
        invariant: 'occupancy',
        detail: `the members-only room ${event.room} admitted ${event.jid} (${affiliation}) (§7.2.6)`,
      };
    }
    const expected = config ? entryRole(affiliation, config) : event.to;
    // A session moving to a new nick keeps its occupant's role there (Prosody's nick change).
    const moved = event.by === 'nickname';
    if (event.to !== expected && !moved) {
      return {
        invariant: 'roles',
        detail: `${event.jid} (${affiliation}) entered ${at} as ${event.to}, Table 4 says ${expected}`,
      };
    }
    occupants.set(event.nick, { bare: event.jid, role: event.to });
    return undefined;
  }

  /**
   * Whether a role change the room made (not a moderator) brings the occupant to Table 4's role
   * for its affiliation. Setting an affiliation, even to the same value, re-applies it.
   */
  private isAffiliationDefault(
    event: Extract<DomainEvent, { kind: 'role' }>,
    view: RoomView,
  ): boolean {
    if (event.by !== 'admin' && event.by !== 'register' && event.by !== 'members-only')
      return false;
    const config = this.roomNow(event.room)?.config ?? view.config;
    if (!config) return false;
    return entryRole(this.affiliationIn(view, event.jid), config) === event.to;
  }

  private isExplicitRoleChange(
    event: Extract<DomainEvent, { kind: 'role' }>,
    input: InputEntry | undefined,
  ): boolean {
    if (!input || (event.by !== 'admin' && event.by !== 'request')) return false;
    const { stanza } = input;
    if (stanza.name === 'message') return event.by === 'request';
    const item = stanza.getChild('query', NS.mucAdmin)?.getChild('item');
    return item?.attrs.role !== undefined && item.attrs.affiliation === undefined;
  }

  private roleRightRefusal(
    event: Extract<DomainEvent, { kind: 'role' }>,
    view: RoomView,
    input: InputEntry,
  ): Violation | undefined {
    const actor = input.sender;
    const refusal = roleChangeRefusal({
      actorAffiliation: this.affiliationIn(view, actor),
      actorRole: view.rolesBefore.get(actor) ?? 'none',
      actorIsTarget: bareJid(actor) === event.jid,
      targetAffiliation: this.affiliationIn(view, event.jid),
      targetRole: event.from,
      newRole: event.to,
    });
    if (!refusal) return undefined;
    return {
      invariant: 'privileges',
      detail: `${actor} changed ${event.room}/${event.nick} from ${event.from} to ${event.to}: ${refusal}`,
    };
  }

  private removalRefusal(
    event: Extract<DomainEvent, { kind: 'role' }>,
    view: RoomView,
    occupant: ModelOccupant,
    input: InputEntry | undefined,
    destroyedBy: Set<string>,
  ): Violation | undefined {
    const at = `${event.room}/${event.nick}`;
    const stanza = input?.stanza;
    const fromOccupant = input !== undefined && bareJid(input.sender) === event.jid;
    const codes = event.codes;
    let legitimate = false;
    if (codes.length === 0 && (event.by === 'enter' || event.by === 'nickname')) {
      // Leaving, or a session moving to another nick its user holds (Prosody's session swap).
      legitimate = fromOccupant && stanza?.name === 'presence';
    } else if (codes.length === 0 && event.by === 'destroy') {
      destroyedBy.add(event.room);
      legitimate = true;
    } else if (codes.includes('303') && event.by === 'nickname') {
      // The last occupant of a room changing nick: Prosody empties the room for a moment.
      legitimate = fromOccupant && stanza?.name === 'presence';
    } else if (codes.includes('307') && (event.by === 'admin' || event.by === 'request')) {
      if (input && this.isExplicitRoleChange(event, input))
        return this.roleRightRefusal(event, view, input);
      // Prosody removes whoever holds a nick an admin item reserves for someone else, before
      // (and whether or not) the sender may change affiliations.
      legitimate = stanza?.name === 'iq' && stanza.attrs.type === 'set';
    } else if (codes.includes('301') || codes.includes('321')) {
      legitimate =
        occupant.expected === 'none' ||
        this.isAffiliationDefault(event, view) ||
        isDomainBan(stanza, event.jid);
    } else if (codes.includes('322')) {
      const config = this.roomNow(event.room)?.config;
      legitimate =
        event.by === 'members-only' &&
        config?.membersOnly === true &&
        !isMemberOrAbove(this.affiliationIn(view, event.jid));
    } else if (codes.includes('333')) {
      legitimate = fromOccupant && stanza?.attrs.type === 'error';
    }
    if (legitimate) return undefined;
    return {
      invariant: 'roles',
      detail: `${at} (${event.jid}) was removed (by ${event.by}, codes [${codes.join(' ')}]) without a cause that allows it`,
    };
  }

  private onNick(event: Extract<DomainEvent, { kind: 'nick' }>): Violation | undefined {
    const occupants = this.roomModel(event.room);
    const occupant = occupants.get(event.from);
    this.checks += 1;
    if (!occupant) {
      return {
        invariant: 'occupancy',
        detail: `${event.room}/${event.from} changed nick but is not in the model`,
      };
    }
    if (occupants.has(event.to)) {
      return {
        invariant: 'occupancy',
        detail: `${event.jid} took the nick ${event.to} in ${event.room} while another occupant holds it`,
      };
    }
    occupants.delete(event.from);
    occupants.set(event.to, occupant);
    return undefined;
  }

  private onLifecycle(
    event: Extract<DomainEvent, { kind: 'room' }>,
    input: InputEntry | undefined,
    destroyedBy: Set<string>,
  ): Violation | undefined {
    const view = this.view(event.room);
    view.lifecycle = event.to;
    if (event.to !== 'destroyed') return undefined;
    this.checks += 1;
    if (event.by === 'destroy') {
      destroyedBy.delete(event.room);
      const sender = input?.sender;
      // Owners destroy their room; service admins any room, with the service's ad-hoc command.
      const byServiceAdmin =
        sender !== undefined &&
        this.admins.has(bareJid(sender)) &&
        input?.stanza.attrs.to === this.cast.mucDomain;
      if (!sender || (this.affiliationIn(view, sender) !== 'owner' && !byServiceAdmin)) {
        return {
          invariant: 'privileges',
          detail: `${sender ?? 'nobody'} destroyed ${event.room} without being its owner (§10.9)`,
        };
      }
    }
    const left = this.model.get(event.room)?.size ?? 0;
    this.model.delete(event.room);
    if (left > 0) {
      return {
        invariant: 'occupancy',
        detail: `${event.room} was destroyed with ${left} occupant(s) still in it`,
      };
    }
    return undefined;
  }

  // — the rooms after the step

  private checkRoom(jid: string, destroyPending: boolean): Violation | undefined {
    const view = this.views.get(jid);
    const room = this.world.service.room(jid) ?? view?.room;
    this.checks += 1;
    if (destroyPending) {
      return {
        invariant: 'occupancy',
        detail: `occupants of ${jid} were removed for a destruction that did not happen`,
      };
    }
    if (!room) return undefined;
    const model = this.model.get(jid) ?? new Map<string, ModelOccupant>();
    if (room.lifecycle() === 'destroyed') {
      return room.occupantCount() === 0
        ? undefined
        : { invariant: 'occupancy', detail: `the destroyed room ${jid} still has occupants` };
    }
    let sessions = 0;
    for (const [nick, occupant] of room.state.occupants) {
      const at = `${jid}/${nick}`;
      if (occupant.nick !== nick) {
        return { invariant: 'occupancy', detail: `${at} is filed under the nick ${occupant.nick}` };
      }
      if (occupant.role === 'none' || occupant.sessions.size === 0) {
        return {
          invariant: 'occupancy',
          detail: `${at} is present with role ${occupant.role} and ${occupant.sessions.size} sessions`,
        };
      }
      for (const session of occupant.sessions.keys()) {
        sessions += 1;
        if (
          room.state.nickBySession.get(session) !== nick ||
          bareJid(session) !== occupant.bareJid
        ) {
          return {
            invariant: 'occupancy',
            detail: `the session ${session} of ${at} is filed inconsistently`,
          };
        }
        if (!this.connected.has(session)) {
          return {
            invariant: 'occupancy',
            detail: `${at} is held by ${session}, which is not connected (a ghost)`,
          };
        }
      }
      const affiliation = room.affiliationOf(occupant.bareJid);
      if (affiliation === 'outcast') {
        return {
          invariant: 'occupancy',
          detail: `the outcast ${occupant.bareJid} is present as ${at}`,
        };
      }
      if (room.config.membersOnly && !isMemberOrAbove(affiliation)) {
        return {
          invariant: 'occupancy',
          detail: `${occupant.bareJid} (${affiliation}) is present as ${at} in a members-only room`,
        };
      }
      const modelled = model.get(nick);
      if (!modelled || modelled.bare !== occupant.bareJid) {
        return {
          invariant: 'occupancy',
          detail: `${at} (${occupant.bareJid}) is present, but never entered`,
        };
      }
      if (modelled.expected !== undefined && modelled.expected !== modelled.role) {
        return {
          invariant: 'roles',
          detail: `${at} should be ${modelled.expected} after its affiliation changed, but is ${occupant.role}`,
        };
      }
      if (modelled.role !== occupant.role) {
        return {
          invariant: 'roles',
          detail: `${at} (${affiliation}) is ${occupant.role}; entry, moderators and affiliation changes say ${modelled.role}`,
        };
      }
    }
    if (model.size !== room.occupantCount()) {
      const missing = [...model.keys()].filter((nick) => !room.state.occupants.has(nick));
      return {
        invariant: 'occupancy',
        detail: `${jid}/${missing.join(', ')} left without a trace`,
      };
    }
    if (sessions !== room.state.nickBySession.size) {
      return { invariant: 'occupancy', detail: `${jid} files sessions that hold no occupant` };
    }
    return undefined;
  }
}
