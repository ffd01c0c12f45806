// What the fuzzer does, step by step: virtual users connect, send stanzas, disconnect — the client side of XEP-0045 (§7–§10)
import type { Element } from 'ltx';

export interface FuzzClient {
  /** The scansion client name, e.g. `U1` or `U1b` (a second session of u1). */
  name: string;
  /** The full JID the session binds. */
  jid: string;
  bare: string;
}

export type FuzzAction =
  | { kind: 'connect'; client: string }
  | { kind: 'disconnect'; client: string }
  | { kind: 'send'; client: string; stanza: Element };

export interface FuzzCast {
  clients: FuzzClient[];
  rooms: string[];
  domain: string;
  mucDomain: string;
  /** Service admins (Prosody's `admins`): owners of every room. */
  admins: string[];
}

/**
 * `users` users u1…uN (every third with a second session `b`), plus the service admin when
 * N ≥ 3, on `domain`, with rooms r1…rM at `mucDomain`.
 */
export function makeCast(
  users: number,
  rooms: number,
  domain = 'localhost',
  mucDomain = `conference.${domain}`,
): FuzzCast {
  const clients: FuzzClient[] = [];
  for (let index = 1; index <= users; index += 1) {
    const bare = `u${index}@${domain}`;
    clients.push({ name: `U${index}`, jid: `${bare}/a`, bare });
    if (index % 3 === 2) clients.push({ name: `U${index}b`, jid: `${bare}/b`, bare });
  }
  const admin = `admin@${domain}`;
  if (users >= 3) clients.push({ name: 'Admin', jid: `${admin}/a`, bare: admin });
  return {
    clients,
    rooms: Array.from({ length: rooms }, (_, index) => `r${index + 1}`),
    domain,
    mucDomain,
    admins: [admin],
  };
}
