// The keys of a `[Client]` definition (jid, password, resource, connect_host, connect_port), each checked as `connects` will use it — the users of XEP-0045 scenarios (§7–§10)
import { visibleToken } from '../xmpp/visible.js';
import type { ClientDefinition } from './script.js';
import { jidProblem, resourceProblem } from './script-checks.js';

export const CLIENT_KEYS = ['jid', 'password', 'resource', 'connect_host', 'connect_port'] as const;
export type ClientKey = (typeof CLIENT_KEYS)[number];

export function isClientKey(key: string): key is ClientKey {
  return (CLIENT_KEYS as readonly string[]).includes(key);
}

/** Sets the key on the client, or says what is wrong with its value. */
export function assignKey(
  client: ClientDefinition,
  key: ClientKey,
  value: string,
): { message: string; expected: string } | undefined {
  switch (key) {
    case 'jid': {
      const message = jidProblem(value);
      if (message) return { message, expected: 'a JID such as romeo@localhost' };
      client.jid = value;
      return undefined;
    }
    case 'password':
      client.password = value;
      return undefined;
    case 'resource': {
      const message = resourceProblem(value);
      if (message) return { message, expected: 'a resource such as balcony' };
      client.resource = value;
      return undefined;
    }
    case 'connect_host':
      client.connectHost = value;
      return undefined;
    case 'connect_port': {
      const port = Number(value);
      if (!/^\d+$/.test(value) || port < 1 || port > 65535) {
        return {
          message: `invalid port '${visibleToken(value)}'`,
          expected: 'a port number from 1 to 65535',
        };
      }
      client.connectPort = port;
      return undefined;
    }
  }
}
