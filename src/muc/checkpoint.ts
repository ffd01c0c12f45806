// A checkpoint of the MUC service: its rooms (configuration, affiliations, occupants and their charts, subject, history, archive), tombstones and vCards, copied so a world can come back to them — XEP-0045 §5, §7, §9, §10 (everything a room keeps)
import type { Element } from 'ltx';
import { Occupant } from './model/occupant.js';
import type { ArchivedMessage, RoomState } from './model/room-state.js';
import { Room } from './room.js';
import type { MucService } from './service.js';
import type { Tombstone } from './service-machine.js';

/** How each field of a room's state is copied: every field is named, so a new one cannot be forgotten. */
type FieldCopiers<T> = { [K in keyof T]-?: (value: T[K], copies: RoomCopies) => T[K] };

/** Values that are never changed once made: kept as they are. */
const same = <T>(value: T): T => value;

/**
 * Chart snapshots are interned and immutable (src/muc/*-machine.ts), stored stanzas are
 * read-only, subjects, destructions and affiliation records are replaced whole: they are shared.
 * The archive only grows (a deletion makes a new one): it is shared and cut back to its length.
 */
const ROOM_STATE: FieldCopiers<RoomState> = {
  jid: same,
  lifecycle: same,
  config: (config) => ({ ...config, presenceBroadcast: new Set(config.presenceBroadcast) }),
  affiliations: (affiliations) => new Map(affiliations),
  occupants: (occupants, copies) =>
    new Map([...occupants].map(([nick, occupant]) => [nick, copies.occupant(occupant)])),
  nickBySession: (nicks) => new Map(nicks),
  subject: same,
  history: (history) => [...history],
  archive: (archive, copies) => copies.shareArchive(archive),
  destruction: same,
  avatarHash: same,
  reservedNicks: (reserved) => reserved && new Map(reserved),
};

/** A copy of `value` made field by field, each field as `copiers` says. */
function copyFields<T extends object>(value: T, copiers: FieldCopiers<T>, copies: RoomCopies): T {
  const copy: Partial<T> = {};
  for (const key of Object.keys(copiers) as (keyof T)[]) {
    if (key in value) copy[key] = copiers[key](value[key], copies);
  }
  return copy as T;
}

/**
 * Copies of rooms and occupants, each made once, so that everything naming the same room (the
 * registry, a pending timer) names the same copy; and the length of every archive copied.
 */
export class RoomCopies {
  private readonly rooms = new Map<Room, Room>();
  private readonly occupants = new Map<Occupant, Occupant>();
  private readonly lengths = new Map<ArchivedMessage[], number>();

  room(room: Room): Room {
    let copy = this.rooms.get(room);
    if (!copy) {
      copy = new Room(room.jid, room.services);
      Object.assign(copy.state, copyFields(room.state, ROOM_STATE, this));
      this.rooms.set(room, copy);
    }
    return copy;
  }

  occupant(occupant: Occupant): Occupant {
    let copy = this.occupants.get(occupant);
    if (!copy) {
      // Its own fields (nick, JIDs, primary session, chart snapshot) and a map of its sessions.
      copy = Object.assign(Object.create(Occupant.prototype) as Occupant, occupant, {
        sessions: new Map(occupant.sessions),
      });
      this.occupants.set(occupant, copy);
    }
    return copy;
  }

  shareArchive(archive: ArchivedMessage[]): ArchivedMessage[] {
    this.lengths.set(archive, archive.length);
    return archive;
  }

  /** Every archive shared so far, and its length when it was. */
  archiveLengths(): ReadonlyMap<ArchivedMessage[], number> {
    return new Map(this.lengths);
  }
}

/** The service's state at one moment, in copies of its own. */
export interface ServiceCheckpoint {
  readonly rooms: ReadonlyMap<string, Room>;
  readonly tombstones: ReadonlyMap<string, Tombstone>;
  readonly vcards: ReadonlyMap<string, Element>;
}

/** Copies the service's rooms, tombstones and vCards (the rooms through `copies`). */
export function checkpointService(service: MucService, copies: RoomCopies): ServiceCheckpoint {
  return {
    rooms: new Map([...service.rooms].map(([jid, room]) => [jid, copies.room(room)])),
    tombstones: new Map(service.tombstones),
    vcards: new Map(service.vcards),
  };
}

/** Puts copies of a checkpoint's rooms, tombstones and vCards back into the service. */
export function restoreService(
  service: MucService,
  checkpoint: ServiceCheckpoint,
  copies: RoomCopies,
): void {
  service.rooms.clear();
  for (const [jid, room] of checkpoint.rooms) service.rooms.set(jid, copies.room(room));
  service.tombstones.clear();
  for (const [jid, tombstone] of checkpoint.tombstones) service.tombstones.set(jid, tombstone);
  service.vcards.clear();
  for (const [node, vcard] of checkpoint.vcards) service.vcards.set(node, vcard);
}
