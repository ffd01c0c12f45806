// What one input stanza did: the ordered outgoing stanzas and the state transitions — the trace's raw material (XEP-0045 §7.1 order of events)
import type { Element } from 'ltx';
import type { Affiliation } from './model/affiliation.js';
import type { Role } from './model/role.js';
import type { RoomLifecycle } from './room-machine.js';

export interface Outgoing {
  kind: 'stanza';
  stanza: Element;
  /** The feature (or hook) that decided to send it. */
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

export type Effect = Outgoing | DomainEvent;

/** Collects, in order, everything the service did while handling one stanza. */
export class Effects {
  readonly entries: Effect[] = [];

  send(stanza: Element, by: string): void {
    this.entries.push({ kind: 'stanza', stanza, by });
  }

  record(event: DomainEvent): void {
    this.entries.push(event);
  }
}
