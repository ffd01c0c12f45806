// The core makes the changes features return, one after the other, as Prosody's room methods make them: the one place a feature's wish becomes room state and output — XEP-0045 §7–§10
import type { Element } from 'ltx';
import { iqResult } from '../../xmpp/iq-result.js';
import type { StanzaErrorSpec } from '../../xmpp/stanza-error.js';
import type { Effects } from '../effects.js';
import { isAffiliation } from '../model/affiliation.js';
import type { Room } from '../room.js';
import type { RoomChange } from '../room-change.js';
import { advanceLifecycle } from './destroy.js';
import { broadcastMessage, publiciseOccupantStatus } from './publicise.js';
import { removeOccupants, setAffiliation, setRole } from './room-changes.js';

const NOT_ACCEPTABLE: StanzaErrorSpec = { type: 'modify', condition: 'not-acceptable' };

/** Answers the request a change carried: its error if refused, an iq's result once made. */
function answer(
  room: Room,
  out: Effects,
  request: Element | undefined,
  refusal: StanzaErrorSpec | undefined,
  by: string,
): void {
  if (!request) return;
  if (refusal) out.sendError(request, refusal, by, room.jid);
  else if (request.name === 'iq') out.send(iqResult(request), by);
}

function applyChange(room: Room, out: Effects, change: RoomChange, by: string): void {
  switch (change.kind) {
    case 'lifecycle':
      return advanceLifecycle(room, out, change.event, by);
    case 'config':
      Object.assign(room.state.config, change.patch);
      return;
    case 'role': {
      const { actor, nick, role, reason } = change;
      const refusal = setRole(room, out, actor, nick, role, reason, by);
      return answer(room, out, change.answer, refusal, by);
    }
    case 'affiliation': {
      const { actor, jid, affiliation, reason, data } = change;
      const record = room.affiliationRecord(jid);
      const refusal = isAffiliation(affiliation)
        ? setAffiliation(room, out, actor, jid, affiliation, { reason, data }, by)
        : NOT_ACCEPTABLE;
      // Prosody's table of the JID's data, when it had one (kept only while not empty), was
      // written before the change was refused.
      const hadData = record?.reservedNick !== undefined || record?.reason !== undefined;
      if (refusal && change.dataFirst && hadData && data) room.reviseAffiliationData(jid, data);
      return answer(room, out, change.answer, refusal, by);
    }
    case 'remove': {
      const occupants = change.nicks.flatMap((nick) => room.occupantByNick(nick) ?? []);
      return removeOccupants(room, out, occupants, change.code, change.tellOthers, by);
    }
    case 'presence': {
      const occupant = room.occupantByNick(change.nick);
      const publication = change.forceUnavailable ? { forceUnavailable: true } : {};
      if (occupant) publiciseOccupantStatus(room, out, occupant, publication, by);
      return;
    }
    case 'broadcast':
      return broadcastMessage(room, out, change.stanza, undefined, by);
    case 'subject':
      room.state.subject = change.subject;
      return;
    case 'history': {
      const history = room.state.history;
      history.push(change.entry);
      history.splice(0, Math.max(history.length - Math.max(change.keep, 0), 0));
      return;
    }
    case 'archived':
      room.state.archive.push(change.entry);
      return;
    case 'archive-deleted':
      // A new array: the archive is append-only, so a checkpoint shares it and keeps its length.
      room.state.archive = [];
      return;
    case 'avatar-hash':
      room.state.avatarHash = change.hash;
      return;
    case 'timer': {
      const { after, changes } = change;
      room.services.env.schedule(room.now() + after, { room, changes, by });
      return;
    }
  }
}

/** Makes `changes` in order, in the name of `by` (the feature that returned them). */
export function applyChanges(
  room: Room,
  out: Effects,
  changes: readonly RoomChange[],
  by: string,
): void {
  for (const change of changes) applyChange(room, out, change, by);
}
