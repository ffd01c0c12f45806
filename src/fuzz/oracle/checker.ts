// The oracle: reads each step's trace entries in order — inputs, events, deliveries, drops — keeps its own model of the rooms, and reports the first broken invariant — XEP-0045 §5, §7, §9, §10, §17
// It reads nothing of src/muc but the trace: the actor of a change is the sender of the stanza
// that caused it, configuration is known by value, and rights come from ./prosody-rules.ts.
import type { DomainEvent } from '../../muc/effects.js';
import type { TraceEntry } from '../../muc/trace.js';
import { Addresses } from './addresses.js';
import { onAffiliationEvent } from './affiliation-changes.js';
import { fieldsNamedBy } from './config-model.js';
import { type Oracle, StepState, type Violation, violation } from './context.js';
import { checkExposure } from './exposure.js';
import { readInput, type StepInput } from './inputs.js';
import { onRoomEvent } from './lifecycle-changes.js';
import { noteSubmission, observe } from './observations.js';
import { isKickingError } from './prosody-rules.js';
import { checkRecipient, RelayLedger } from './recipients.js';
import { onNickEvent, onRoleEvent, unmetExpectations } from './role-changes.js';
import { type ModelRoom, occupantOfSession, removeSession } from './room-model.js';
import { factsOf } from './stanza-facts.js';

type DeliveryEntry = Extract<TraceEntry, { kind: 'delivery' }>;

const NO_REPLIES: readonly DeliveryEntry[] = [];

export interface OracleCast {
  mucDomain: string;
  /** Every real user's bare JID. */
  users: readonly string[];
  admins: readonly string[];
}

export class InvariantChecker implements Oracle {
  readonly mucDomain: string;
  readonly realBares: ReadonlySet<string>;
  readonly admins: ReadonlySet<string>;
  readonly rooms = new Map<string, ModelRoom>();
  readonly connected = new Set<string>();
  readonly step = new StepState();
  checks = 0;
  private readonly relays = new RelayLedger();
  private readonly addresses: Addresses;
  private readonly replies = new Map<number, DeliveryEntry[]>();

  constructor(cast: OracleCast) {
    this.mucDomain = cast.mucDomain;
    this.addresses = new Addresses(cast.mucDomain);
    this.realBares = new Set(cast.users);
    this.admins = new Set(cast.admins);
  }

  /** Checks one step's entries, in order; returns the first violation. */
  check(entries: readonly TraceEntry[]): Violation | undefined {
    this.step.reset(entries[0]?.time ?? 0);
    this.replies.clear();
    for (const entry of entries) {
      const found = this.entry(entry);
      if (found) return found;
    }
    return this.endOfStep();
  }

  private entry(entry: TraceEntry): Violation | undefined {
    switch (entry.kind) {
      case 'connect':
        this.connected.add(entry.jid);
        return undefined;
      case 'disconnect':
        this.connected.delete(entry.jid);
        this.step.disconnected.push(entry.jid);
        return undefined;
      case 'input': {
        const input = readInput(entry, this.addresses);
        this.step.inputs.set(entry.seq, input);
        const type = entry.stanza.attrs.type;
        if (entry.stanza.name === 'iq' && (type === 'get' || type === 'set')) {
          this.replies.set(entry.seq, []);
        }
        noteSubmission(this, input);
        return undefined;
      }
      case 'crash':
        return violation('no-crash', `the service threw: ${entry.message}`);
      case 'event':
        return this.event(entry.event, this.step.inputs.get(entry.cause));
      case 'delivery':
        return this.delivery(entry);
      case 'dropped': {
        const source = this.addresses.source(entry.stanza.attrs.from as string | undefined);
        const input = this.step.inputs.get(entry.cause);
        if (!source.muc) return undefined;
        return checkRecipient(this, source, entry.stanza, entry.to, input, true);
      }
    }
  }

  private event(event: DomainEvent, input: StepInput | undefined): Violation | undefined {
    switch (event.kind) {
      case 'affiliation':
        return onAffiliationEvent(this, event, input);
      case 'role':
        return onRoleEvent(this, event, input);
      case 'nick':
        return onNickEvent(this, event, input);
      case 'room':
        return onRoomEvent(this, event, input);
      default:
        return undefined;
    }
  }

  private delivery(entry: DeliveryEntry): Violation | undefined {
    const { stanza, to } = entry;
    const input = this.step.inputs.get(entry.cause);
    // Only an iq get or set waits for its answers (request-reply).
    this.replies.get(entry.cause)?.push(entry);
    const facts = factsOf(stanza);
    if (stanza.attrs.type === 'error' && facts.internalError)
      return violation('no-crash', `internal-server-error delivered to ${to}`);
    const answered = this.relays.checkReply(this, entry, facts, input);
    if (answered) return answered;
    const source = this.addresses.source(stanza.attrs.from as string | undefined);
    if (!source.muc) return undefined;
    const misdirected = checkRecipient(this, source, stanza, to, input, false);
    if (misdirected) return misdirected;
    const room = source.room === undefined ? undefined : this.rooms.get(source.room);
    if (!room) return undefined;
    return (
      observe(this, room, source.nick, stanza, facts, to, input) ??
      checkExposure(this, room, source.nick, stanza, facts, to, input)
    );
  }

  /**
   * An unavailable presence from a session ends that session's presence in the room (the world
   * sends one for a closed stream), and so does an error that gets it kicked: the model lets it
   * go, and an occupant left with no session must have left the room.
   */
  private sessionsGone(): Violation | undefined {
    for (const input of this.step.inputs.values()) {
      const { request, room: jid } = input;
      const leaves =
        (request.kind === 'presence' && request.type === 'unavailable') ||
        isKickingError(input.stanza);
      if (!leaves || jid === undefined) continue;
      const room = this.rooms.get(jid);
      const occupant = room ? occupantOfSession(room, input.sender) : undefined;
      if (!room || !occupant) continue;
      removeSession(room, occupant, input.sender);
      if (occupant.sessions.size === 0) {
        return violation(
          'occupancy',
          `${input.sender} left ${jid}, its occupant ${occupant.nick}'s last session, but ${occupant.nick} is still in the room`,
        );
      }
    }
    return undefined;
  }

  /** An owner's form the room left unanswered may have set some of its fields: unknown until shown. */
  private unansweredForms(): void {
    for (const [seq, submission] of this.step.submissions) {
      const answered = this.replies.get(seq)?.some((entry) => entry.to === submission.sender);
      const room = this.rooms.get(submission.room);
      if (answered || !room || !submission.byOwner || submission.form.attrs.type !== 'submit')
        continue;
      for (const field of fieldsNamedBy(submission.form)) room.config[field] = undefined;
    }
  }

  private endOfStep(): Violation | undefined {
    for (const input of this.step.inputs.values()) {
      const unanswered = this.relays.checkAnswered(
        this,
        input,
        this.replies.get(input.seq) ?? NO_REPLIES,
      );
      if (unanswered) return unanswered;
    }
    this.unansweredForms();
    const unmet = unmetExpectations(this);
    if (unmet) return unmet;
    const stranded = this.sessionsGone();
    if (stranded) return stranded;
    for (const room of this.step.destroying) {
      return violation(
        'occupancy',
        `the occupants of ${room} were removed for a destruction that did not happen`,
      );
    }
    for (const session of this.step.disconnected) {
      for (const room of this.rooms.values()) {
        const nick = room.nickBySession.get(session);
        if (nick !== undefined) {
          return violation(
            'occupancy',
            `${session} disconnected, but ${room.jid}/${nick} still holds it (a ghost)`,
          );
        }
      }
    }
    return undefined;
  }
}
