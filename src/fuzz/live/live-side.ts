// The fuzzer's actions on a real server: one c2s connection per client, a ping barrier on every connection after each action, and what each client received in that step — XEP-0045 from real clients
import type { Element } from 'ltx';
import { LiveTarget } from '../../live/live-target.js';
import type { ServiceAddress } from '../../live/service.js';
import type { FuzzAction, FuzzCast, FuzzClient } from '../actions.js';
import type { RoomNames } from './room-names.js';

export interface LiveSideOptions {
  server: ServiceAddress;
  cast: FuzzCast;
  names: RoomNames;
  /** How long connecting, and each barrier, may take. */
  timeoutMs?: number;
}

/**
 * Drives a real server through the fuzzer's actions. After an action, every connected client
 * pings its server and waits for the answer: whatever the server sent it because of the action
 * is then in, in the order it was sent.
 */
export class LiveSide {
  private readonly target: LiveTarget;
  private readonly clients = new Map<string, FuzzClient>();
  private readonly inboxes = new Map<string, Element[]>();
  private readonly connected = new Set<string>();

  constructor(private readonly options: LiveSideOptions) {
    this.target = new LiveTarget({
      service: options.server,
      mucDomain: options.cast.mucDomain,
      connectTimeoutMs: options.timeoutMs ?? 10_000,
      barrierTimeoutMs: options.timeoutMs ?? 10_000,
    });
    for (const client of options.cast.clients) this.clients.set(client.name, client);
  }

  /** The first connection or login failure: the server cannot be used at all. */
  get connectionError(): Error | undefined {
    return this.target.connectionError;
  }

  /** Performs the action and returns what each client received because of it. */
  async step(action: FuzzAction): Promise<Map<string, Element[]>> {
    const client = this.clients.get(action.client);
    if (!client) throw new Error(`no client ${action.client} in the cast`);
    switch (action.kind) {
      case 'connect':
        this.inboxes.set(client.name, []);
        await this.target.connect({ name: client.name, jid: client.jid, line: 0 }, (stanza) =>
          this.inboxes.get(client.name)?.push(this.options.names.incoming(stanza)),
        );
        this.connected.add(client.name);
        break;
      case 'disconnect':
        this.connected.delete(client.name);
        this.inboxes.delete(client.name);
        await this.target.disconnect(client.name);
        break;
      case 'send':
        await this.target.send(client.name, this.options.names.outgoing(action.stanza));
        break;
    }
    await this.target.settle();
    const received = new Map<string, Element[]>();
    for (const [name, inbox] of this.inboxes) {
      if (inbox.length > 0) received.set(name, inbox.splice(0));
    }
    return received;
  }

  async close(): Promise<void> {
    await this.target.close();
  }
}
