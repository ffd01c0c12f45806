// Runs scansion scripts against the simulator: each [Client] is a virtual user of a fresh world — XEP-0045 scenarios (§7–§10)
import type { Element } from 'ltx';
import type { ClientDefinition } from '../scansion/script.js';
import type { ScriptTarget } from '../scansion/target.js';
import { World, type WorldOptions } from './world.js';

export class SimTarget implements ScriptTarget {
  readonly live = false;
  readonly world: World;
  private readonly jids = new Map<string, string>();

  constructor(options: WorldOptions = {}) {
    this.world = new World(options);
  }

  async connect(client: ClientDefinition, deliver: (stanza: Element) => void): Promise<string> {
    const session = this.world.connect(client.jid, {
      resource: client.resource,
      label: client.name,
    });
    this.jids.set(client.name, session.jid);
    this.world.onDelivery(session.jid, deliver);
    return session.jid;
  }

  async send(clientName: string, stanza: Element): Promise<void> {
    this.world.send(this.jidOf(clientName), stanza);
  }

  async disconnect(clientName: string): Promise<void> {
    this.world.disconnect(this.jidOf(clientName));
    this.jids.delete(clientName);
  }

  async close(): Promise<void> {}

  private jidOf(clientName: string): string {
    const jid = this.jids.get(clientName);
    if (!jid) throw new Error(`${clientName} is not connected`);
    return jid;
  }
}
