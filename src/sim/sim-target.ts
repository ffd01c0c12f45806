// Runs scansion scripts against the simulator: each [Client] is a virtual user of a fresh world, and what it received is read from the world's trace — XEP-0045 scenarios (§7–§10)
import type { Element } from 'ltx';
import type { ClientDefinition } from '../scansion/script.js';
import type { ReceivedRecord, ScriptTarget } from '../scansion/target.js';
import { checkpointWorld, restoreWorld, type WorldCheckpoint } from './checkpoint.js';
import { World, type WorldOptions } from './world.js';

/** A simulator target at one moment: its world, and which client bound which JID from where. */
export interface SimTargetCheckpoint {
  readonly world: WorldCheckpoint;
  readonly jids: ReadonlyMap<string, string>;
  readonly bindings: ReadonlyMap<string, readonly Binding[]>;
}

interface Binding {
  client: string;
  from: number;
}

export class SimTarget implements ScriptTarget {
  readonly live = false;
  readonly world: World;
  private readonly jids = new Map<string, string>();
  /** Who bound each full JID, from which trace position on: deliveries to it are theirs. */
  private readonly bindings = new Map<string, Binding[]>();

  /** The world's trace, when it is kept: what each client received is read there. */
  readonly received: ReceivedRecord | undefined;

  constructor(options: WorldOptions = {}) {
    this.world = new World(options);
    const entries = this.world.trace.entries;
    const holder = (jid: string, position: number) => this.holder(jid, position);
    this.received = !this.world.trace.enabled
      ? undefined
      : {
          get length() {
            return entries.length;
          },
          receivedBy(position, client) {
            const entry = entries[position];
            if (entry?.kind !== 'delivery' || holder(entry.to, position) !== client)
              return undefined;
            return entry.stanza;
          },
        };
  }

  async connect(client: ClientDefinition, deliver: (stanza: Element) => void): Promise<string> {
    const from = this.world.trace.entries.length;
    const session = this.world.connect(client.jid, {
      resource: client.resource,
      label: client.name,
    });
    this.jids.set(client.name, session.jid);
    const held = this.bindings.get(session.jid) ?? [];
    held.push({ client: client.name, from });
    this.bindings.set(session.jid, held);
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

  /** The world and who holds which JID, at one moment (see src/sim/checkpoint.ts). */
  checkpoint(): SimTargetCheckpoint {
    const bindings = new Map([...this.bindings].map(([jid, held]) => [jid, [...held]]));
    return { world: checkpointWorld(this.world), jids: new Map(this.jids), bindings };
  }

  /** Back to a checkpoint of this target's world. */
  restore(checkpoint: SimTargetCheckpoint): void {
    restoreWorld(this.world, checkpoint.world);
    this.jids.clear();
    for (const [name, jid] of checkpoint.jids) this.jids.set(name, jid);
    this.bindings.clear();
    for (const [jid, held] of checkpoint.bindings) this.bindings.set(jid, [...held]);
  }

  /** The client that held `jid` at trace position `position`. */
  private holder(jid: string, position: number): string | undefined {
    const held = this.bindings.get(jid);
    if (!held) return undefined;
    for (let index = held.length - 1; index >= 0; index -= 1) {
      const binding = held[index]!;
      if (binding.from <= position) return binding.client;
    }
    return undefined;
  }

  private jidOf(clientName: string): string {
    const jid = this.jids.get(clientName);
    if (!jid) throw new Error(`${clientName} is not connected`);
    return jid;
  }
}
