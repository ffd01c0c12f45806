// serve --script: virtual users play a scansion script in the served world, waiting for what real clients do — XEP-0045 scenarios (§7–§10) with a real client on the other side
import type { Element } from 'ltx';
import { runScript, type ScriptResult } from '../scansion/runner.js';
import type { ClientDefinition, Script } from '../scansion/script.js';
import type { ScriptTarget } from '../scansion/target.js';
import type { ServedWorld } from './served-world.js';

/**
 * The script's clients are sessions of the served world like the real ones. The target is
 * `live`: a `receives` waits (up to the timeout) for a stanza a real client's action causes.
 */
export class ServedScriptTarget implements ScriptTarget {
  readonly live = true;

  constructor(private readonly served: ServedWorld) {}

  async connect(client: ClientDefinition, deliver: (stanza: Element) => void): Promise<string> {
    return this.served.connect(client.name, client.jid, {
      transport: 'virtual',
      deliver,
      ...(client.resource !== undefined && { resource: client.resource }),
    }).jid;
  }

  async send(clientName: string, stanza: Element): Promise<void> {
    this.served.send(clientName, stanza);
  }

  async disconnect(clientName: string): Promise<void> {
    this.served.disconnect(clientName);
  }

  async close(): Promise<void> {}
}

/** Plays `script` in the served world; its users stay connected afterwards unless it disconnects them. */
export function playScript(
  served: ServedWorld,
  script: Script,
  timeoutMs: number,
): Promise<ScriptResult> {
  served.reserveNames(script.clients.map((client) => client.name));
  return runScript(script, new ServedScriptTarget(served), { timeoutMs });
}
