// The world behind the door: real clients and scripted virtual users as sessions of one World, each action a step in one timeline — XEP-0045 §7 occupants, whatever their client
import type { Element } from 'ltx';
import type { SessionStep } from '../debugger/session-api.js';
import type { Action, ActionKind, ClientDefinition } from '../scansion/script.js';
import { SeededIds } from '../sim/ids.js';
import { DEFAULT_MAX_STANZA_BYTES, type World } from '../sim/world.js';
import { bareJid, resourceOf } from '../xmpp/jid.js';
import type { BoundClient, StreamHost, StreamTransport } from './c2s-stream.js';

/** scansion's way of naming characters: real clients take these in order of arrival. */
export const CLIENT_NAMES = [
  'Romeo',
  'Juliet',
  'Mercutio',
  'Benvolio',
  'Tybalt',
  'Nurse',
  'Paris',
  'Balthasar',
  'Rosaline',
  'Escalus',
  'Sampson',
  'Gregory',
  'Abram',
  'Peter',
  'Friar Laurence',
  'Friar John',
] as const;

export type Transport = StreamTransport['kind'] | 'virtual';

export interface ServedClient {
  name: string;
  /** The full JID of its session. */
  jid: string;
  transport: Transport;
}

export type ClientEvent = { kind: 'connected' | 'disconnected'; client: ServedClient };

export interface ServedWorldOptions {
  /** Seeds the door's own ids (stream ids, anonymous users, generated resources), apart from the world's. */
  seed?: number;
  maxStanzaBytes?: number;
}

/**
 * Every client action (connects, sends, disconnects) runs here, one at a time, and becomes a
 * step with the trace range it produced: the timeline a debugger session shows and the
 * recorder writes. The world itself is the one the virtual users live in.
 */
export class ServedWorld implements StreamHost {
  readonly steps: SessionStep[] = [];
  readonly maxStanzaBytes: number;
  private readonly doorIds: SeededIds;
  /** Every client that ever connected, by name, in order (the recording's definitions). */
  private readonly definitions = new Map<string, Omit<ClientDefinition, 'line'>>();
  private readonly connected = new Map<string, ServedClient>();
  /** Names the scripts' virtual users hold: real clients never take them. */
  private readonly reserved = new Set<string>();
  private readonly stepListeners: ((step: SessionStep) => void)[] = [];
  private readonly clientListeners: ((event: ClientEvent) => void)[] = [];

  constructor(
    readonly world: World,
    options: ServedWorldOptions = {},
  ) {
    this.doorIds = new SeededIds(options.seed ?? 1);
    this.maxStanzaBytes = options.maxStanzaBytes ?? DEFAULT_MAX_STANZA_BYTES;
  }

  get domain(): string {
    return this.world.domain;
  }

  nextId(): string {
    return this.doorIds.next();
  }

  isBound(fullJid: string): boolean {
    return this.world.session(fullJid) !== undefined;
  }

  /** The `[Client]` definitions of everyone who connected, in order of first arrival. */
  clientDefinitions(): Omit<ClientDefinition, 'line'>[] {
    return [...this.definitions.values()];
  }

  connectedClients(): ServedClient[] {
    return [...this.connected.values()];
  }

  onStep(listener: (step: SessionStep) => void): void {
    this.stepListeners.push(listener);
  }

  offStep(listener: (step: SessionStep) => void): void {
    const index = this.stepListeners.indexOf(listener);
    if (index >= 0) this.stepListeners.splice(index, 1);
  }

  onClient(listener: (event: ClientEvent) => void): void {
    this.clientListeners.push(listener);
  }

  /** Keeps names for a script's virtual users. */
  reserveNames(names: Iterable<string>): void {
    for (const name of names) this.reserved.add(name);
  }

  /** A real client finished binding: it becomes a session of the world under a scansion name. */
  bind(
    fullJid: string,
    deliver: (stanza: Element) => void,
    transport: StreamTransport['kind'],
  ): BoundClient {
    const client = this.connect(this.nameFor(fullJid), fullJid, { transport, deliver });
    return {
      send: (stanza) => this.send(client.name, stanza),
      detach: () => this.disconnect(client.name),
    };
  }

  /**
   * Connects a session under `name` (a real client, or a script's virtual user); `jid` may be
   * bare, and the world then binds `resource` or one it generates.
   */
  connect(
    name: string,
    jid: string,
    options: { transport: Transport; deliver: (stanza: Element) => void; resource?: string },
  ): ServedClient {
    const { transport, deliver, resource } = options;
    let session: { jid: string } | undefined;
    this.perform('connects', name, () => {
      session = this.world.connect(jid, {
        label: name,
        ...(resource !== undefined && { resource }),
      });
      this.world.onDelivery(session.jid, deliver);
    });
    const bound = (session as { jid: string }).jid;
    const client: ServedClient = { name, jid: bound, transport };
    this.definitions.set(name, {
      name,
      jid: bareJid(bound),
      password: 'password',
      resource: resourceOf(bound) as string,
    });
    this.connected.set(name, client);
    for (const listener of this.clientListeners) listener({ kind: 'connected', client });
    return client;
  }

  send(name: string, stanza: Element): void {
    if (!this.connected.has(name)) return;
    const client = this.connected.get(name) as ServedClient;
    this.perform('sends', name, () => this.world.send(client.jid, stanza), stanza);
  }

  disconnect(name: string): void {
    const client = this.connected.get(name);
    if (!client) return;
    this.connected.delete(name);
    this.perform('disconnects', name, () => this.world.disconnect(client.jid));
    for (const listener of this.clientListeners) listener({ kind: 'disconnected', client });
  }

  /** Disconnects everyone (shutdown): each client's rooms hear it leave. */
  disconnectAll(): void {
    for (const name of [...this.connected.keys()]) this.disconnect(name);
  }

  /** A name for a new session: the same as before for a reconnecting full JID, else the next free one. */
  private nameFor(fullJid: string): string {
    for (const [name, definition] of this.definitions) {
      const earlier = `${definition.jid}/${definition.resource}`;
      if (earlier === fullJid && !this.connected.has(name)) return name;
    }
    const taken = (name: string) => this.definitions.has(name) || this.reserved.has(name);
    const free = CLIENT_NAMES.find((name) => !taken(name));
    if (free) return free;
    let number = CLIENT_NAMES.length + 1;
    while (taken(`Client ${number}`)) number += 1;
    return `Client ${number}`;
  }

  private perform(kind: ActionKind, client: string, run: () => void, sent?: Element): void {
    const entries = this.world.trace.entries;
    const first = (entries[entries.length - 1]?.seq ?? 0) + 1;
    const action: Action = { kind, client, line: 0, column: 0, narration: [] };
    if (sent) action.xml = sent.toString();
    run();
    const last = entries[entries.length - 1]?.seq ?? 0;
    const index = this.steps.length;
    const step: SessionStep = {
      index,
      action,
      origin: 'typed',
      result: { index, action, status: 'passed', skipped: [], ...(sent && { sent }) },
      ...(last >= first && { traceRange: { first, last } }),
    };
    this.steps.push(step);
    for (const listener of this.stepListeners) listener(step);
  }
}
