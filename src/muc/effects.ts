// What one input stanza did: the ordered outgoing stanzas and the state transitions — the trace's raw material (XEP-0045 §7.1 order of events)
import type { Element } from 'ltx';
import { freezeStanza } from '../xmpp/addressed-copy.js';
import { type StanzaErrorSpec, stanzaError } from '../xmpp/stanza-error.js';
import type { Affiliation } from './model/affiliation.js';
import type { Role } from './model/role.js';
import type { RoomLifecycle } from './room-machine.js';

export interface Outgoing {
  kind: 'stanza';
  stanza: Element;
  /** The feature (or hook) that decided to send it. */
  by: string;
}

/**
 * One stanza for several recipients, in order (a broadcast, §7.2.3 and §7.4): the world delivers
 * each an addressed copy that shares the payload, and makes the copies only as it delivers them.
 */
export interface Copies {
  kind: 'copies';
  /** The stanza without `to`; read-only from here on. */
  stanza: Element;
  to: string[];
  by: string;
}

export type DomainEvent =
  | { kind: 'room'; room: string; from: RoomLifecycle | 'absent'; to: RoomLifecycle; by: string }
  | {
      kind: 'role';
      room: string;
      nick: string;
      jid: string;
      from: Role;
      to: Role;
      codes: string[];
      by: string;
    }
  | {
      kind: 'affiliation';
      room: string;
      jid: string;
      from: Affiliation;
      to: Affiliation;
      actor: string | undefined;
      reason: string | undefined;
      by: string;
    }
  | { kind: 'nick'; room: string; jid: string; from: string; to: string; by: string }
  | { kind: 'verdict'; room: string; hook: string; by: string; condition: string };

export type Effect = Outgoing | Copies | DomainEvent;

/** Collects, in order, everything the service did while handling one stanza. */
export class Effects {
  readonly entries: Effect[] = [];

  send(stanza: Element, by: string): void {
    this.entries.push({ kind: 'stanza', stanza, by });
  }

  /**
   * Sends a copy of `stanza` to `to`; consecutive copies of one stanza share one entry. The
   * stanza is frozen: it is shared by every copy.
   */
  sendCopy(stanza: Element, to: string, by: string): void {
    const last = this.entries.at(-1);
    if (last?.kind === 'copies' && last.stanza === stanza && last.by === by) {
      last.to.push(to);
      return;
    }
    freezeStanza(stanza);
    this.entries.push({ kind: 'copies', stanza, to: [to], by });
  }

  /** Sends a copy of `stanza` to each of `to` (copied: the caller may keep its list). */
  sendCopies(stanza: Element, to: readonly string[], by: string): void {
    if (to.length === 0) return;
    freezeStanza(stanza);
    this.entries.push({ kind: 'copies', stanza, to: [...to], by });
  }

  /**
   * Replies to `stanza` with an error (its `by` as the spec names it, see `stanzaError`) and
   * records the verdict of `by` in `room`. An error is never answered: Prosody's error_reply
   * refuses to, and nothing goes out.
   */
  sendError(stanza: Element, spec: StanzaErrorSpec, by: string, room: string): void {
    if (stanza.attrs.type !== 'error') this.send(stanzaError(stanza, spec), by);
    this.record({ kind: 'verdict', room, hook: by, by, condition: spec.condition });
  }

  record(event: DomainEvent): void {
    this.entries.push(event);
  }
}
