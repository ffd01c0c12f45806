// `--domain`: log the script's clients in on another XMPP domain — the users' server in front of a XEP-0045 service
import type { ClientDefinition, Script } from '../scansion/script.js';
import { domainOf, localOf, resourceOf } from '../xmpp/jid.js';

/** `user@localhost/res` → `user@example.org/res`; a JID already on `domain` is kept. */
export function mapClientDomain(client: ClientDefinition, domain: string): ClientDefinition {
  if (domainOf(client.jid) === domain) return client;
  const local = localOf(client.jid);
  const resource = resourceOf(client.jid);
  const jid = `${local === undefined ? '' : `${local}@`}${domain}${resource === undefined ? '' : `/${resource}`}`;
  return { ...client, jid };
}

/**
 * The script with its clients' JIDs moved to `domain`. Only the `[Client]` definitions change
 * (and so `${X's JID}` and `${X's full JID}`); JIDs written out in stanzas, such as
 * `room@conference.localhost`, are left as they are.
 */
export function mapScriptDomain(script: Script, domain: string | undefined): Script {
  if (domain === undefined) return script;
  return { ...script, clients: script.clients.map((client) => mapClientDomain(client, domain)) };
}
