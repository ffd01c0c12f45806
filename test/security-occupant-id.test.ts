// Anonymity of XEP-0421 occupant ids: an occupant who sees them cannot unmask a semi-anonymous room by recomputing them from candidate JIDs — XEP-0045 §7.2.2 (semi-anonymous rooms)
import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { occupantIdOf } from '../src/muc/features/occupant-id.js';
import type { Session } from '../src/sim/session.js';
import { World } from '../src/sim/world.js';
import { NS } from '../src/xmpp/namespaces.js';
import { createRoom, join, take } from './helpers/world.js';

const ROOM = 'room@conference.localhost';
const CANDIDATES = [
  'juliet@localhost',
  'romeo@localhost',
  'nurse@localhost',
  'tybalt@localhost',
  'benvolio@localhost',
  'mercutio@localhost',
];

/** Juliet owns a semi-anonymous room; the Nurse is in it; Romeo enters and sees her occupant-id. */
function seenByRomeo(seed: number, room = ROOM): { world: World; nurseId: string } {
  const world = new World({ seed });
  const juliet = world.connect('juliet@localhost/balcony');
  const nurse = world.connect('nurse@localhost/chamber');
  const romeo = world.connect('romeo@localhost/pda');
  createRoom(world, juliet, `${room}/Juliet`);
  join(world, nurse, `${room}/Nurse`);
  take(world, romeo);
  join(world, romeo, `${room}/Romeo`);
  return { world, nurseId: occupantIdFrom(take(world, romeo), `${room}/Nurse`) };
}

function occupantIdFrom(stanzas: ReturnType<typeof take>, from: string): string {
  const presence = stanzas.find((stanza) => stanza.attrs.from === from);
  const id = presence?.getChild('occupant-id', NS.occupantId)?.attrs.id;
  if (typeof id !== 'string') throw new Error(`no occupant-id from ${from}`);
  return id;
}

/** mucsim's ids before they needed a secret: an FNV-style hash of public values. */
function formerHash(text: string): string {
  let high = 0x811c9dc5;
  let low = 0x01000193;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    high = Math.imul(high ^ code, 0x01000193) >>> 0;
    low = Math.imul(low ^ code, 0x5bd1e995) >>> 0;
  }
  return (high * 0x200000 + (low & 0x1fffff)).toString(36);
}

/** Every id an attacker can compute for a candidate from what the room and the server reveal. */
function guesses(candidate: string): string[] {
  const publicValues = ['', ROOM, 'room', 'conference.localhost', 'localhost', '1', '0'];
  const out: string[] = [];
  for (const value of publicValues) {
    out.push(formerHash(`${value}\u0000${ROOM}\u0000${candidate}`));
    for (const encoding of ['base64', 'hex', 'base64url'] as const) {
      // Prosody's own formula, with a salt guessed from public values.
      out.push(createHmac('sha256', candidate).update(value).digest(encoding));
      out.push(createHmac('sha256', value).update(candidate).digest(encoding));
      for (const algorithm of ['sha256', 'sha1', 'md5']) {
        out.push(createHash(algorithm).update(`${value}${candidate}`).digest(encoding));
        out.push(createHash(algorithm).update(`${candidate}${value}`).digest(encoding));
      }
    }
  }
  return out;
}

describe('XEP-0421 occupant-id: only the service can compute it', () => {
  it('cannot be recomputed from candidate JIDs and what the room reveals', () => {
    const { nurseId } = seenByRomeo(1);
    const unmasked = CANDIDATES.filter((candidate) => guesses(candidate).includes(nurseId));
    expect(unmasked).toEqual([]);
  });

  it('has the form of Prosody 13’s ids (base64 of an HMAC-SHA256)', () => {
    const { nurseId } = seenByRomeo(1);
    expect(nurseId).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  it('is what the service computes with its secret (so the attempt above is a fair one)', () => {
    const { world, nurseId } = seenByRomeo(1);
    const room = world.service.room(ROOM)!;
    expect(occupantIdOf(room, 'nurse@localhost')).toBe(nurseId);
    expect(CANDIDATES.filter((candidate) => occupantIdOf(room, candidate) === nurseId)).toEqual([
      'nurse@localhost',
    ]);
  });

  it('is the same for the same seed and differs with another seed: traces stay deterministic', () => {
    expect(seenByRomeo(1).nurseId).toBe(seenByRomeo(1).nurseId);
    expect(seenByRomeo(2).nurseId).not.toBe(seenByRomeo(1).nurseId);
  });

  it('differs from room to room, so one user cannot be followed across rooms', () => {
    expect(seenByRomeo(1, 'other@conference.localhost').nurseId).not.toBe(seenByRomeo(1).nurseId);
  });

  it('is the same for every session of the user and across nick changes', () => {
    const { world, nurseId } = seenByRomeo(1);
    const phone: Session = world.connect('nurse@localhost/phone');
    const romeo = world.session('romeo@localhost/pda')!;
    take(world, romeo);
    join(world, phone, `${ROOM}/Nurse`);
    expect(occupantIdFrom(take(world, romeo), `${ROOM}/Nurse`)).toBe(nurseId);
  });
});
