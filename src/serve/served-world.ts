// The world behind the door: real clients and scripted virtual users as sessions of one World, each action a step in one timeline — XEP-0045 §7 occupants, whatever their client
import type { Element } from 'ltx';
import type { HeldAction, SessionStep } from '../debugger/session-api.js';
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
  private readonly holdListeners: (() => void)[] = [];
  /** While paused: what real clients sent (and their disconnects), in order of arrival. */
  private queue: HeldAction[] | undefined;
  private readonly currentWorld: () => World;

  /**
   * `world` is the world itself, or where to find it: a debugger session replaces its world when
   * it travels in time, which it does only before any client has connected.
   */
  constructor(world: World | (() => World), options: ServedWorldOptions = {}) {
    this.currentWorld = typeof world === 'function' ? world : () => world;
    this.doorIds = new SeededIds(options.seed ?? 1);
    this.maxStanzaBytes = options.maxStanzaBytes ?? DEFAULT_MAX_STANZA_BYTES;
  }

  get world(): World {
    return this.currentWorld();
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

  /** Told when the door pauses or resumes, and of every action it holds. */
  onHold(listener: () => void): void {
    this.holdListeners.push(listener);
  }

  get paused(): boolean {
    return this.queue !== undefined;
  }

  /** What real clients sent while the door was paused, oldest first. */
  held(): readonly HeldAction[] {
    return this.queue ?? [];
  }

  /** From now on, what clients send (and their disconnects) waits for `resume()`; connecting does not. */
  pause(): void {
    if (this.queue) return;
    this.queue = [];
    this.heldChanged();
  }

  /** Runs what was held, in order of arrival, and lets clients through again. */
  resume(): void {
    const queue = this.queue;
    if (!queue) return;
    this.queue = undefined;
    for (const action of queue) {
      if (action.kind === 'sends') this.send(action.client, action.stanza);
      else this.disconnect(action.client);
    }
    this.heldChanged();
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
    let client: ServedClient | undefined;
    // The step's listeners already find the client among the connected, with its definition.
    this.perform('connects', name, transport, () => {
      const bound = this.world.connect(jid, {
        label: name,
        ...(resource !== undefined && { resource }),
      }).jid;
      this.world.onDelivery(bound, deliver);
      client = { name, jid: bound, transport };
      this.definitions.set(name, {
        name,
        jid: bareJid(bound),
        password: 'password',
        resource: resourceOf(bound) as string,
      });
      this.connected.set(name, client);
    });
    const connected = client as ServedClient;
    for (const listener of this.clientListeners) listener({ kind: 'connected', client: connected });
    return connected;
  }

  send(name: string, stanza: Element): void {
    if (!this.connected.has(name)) return;
    if (this.hold({ kind: 'sends', client: name, stanza })) return;
    const client = this.connected.get(name) as ServedClient;
    this.perform(
      'sends',
      name,
      client.transport,
      () => this.world.send(client.jid, stanza),
      stanza,
    );
  }

  disconnect(name: string): void {
    const client = this.connected.get(name);
    if (!client) return;
    if (this.hold({ kind: 'disconnects', client: name })) return;
    this.connected.delete(name);
    this.perform('disconnects', name, client.transport, () => this.world.disconnect(client.jid));
    for (const listener of this.clientListeners) listener({ kind: 'disconnected', client });
  }

  /** Runs what was held, then disconnects everyone (shutdown): each client's rooms hear it leave. */
  disconnectAll(): void {
    this.resume();
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

  /** Queues the action while paused (a client's disconnect only once); false when not paused. */
  private hold(action: HeldAction): boolean {
    if (!this.queue) return false;
    const again = (other: HeldAction) =>
      other.kind === 'disconnects' && other.client === action.client;
    if (action.kind === 'disconnects' && this.queue.some(again)) return true;
    this.queue.push(action);
    this.heldChanged();
    return true;
  }

  private heldChanged(): void {
    for (const listener of this.holdListeners) listener();
  }

  private perform(
    kind: ActionKind,
    client: string,
    transport: Transport,
    run: () => void,
    sent?: Element,
  ): void {
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
      ...(transport !== 'virtual' && { via: transport }),
      result: { index, action, status: 'passed', skipped: [], ...(sent && { sent }) },
      ...(last >= first && { traceRange: { first, last } }),
    };
    this.steps.push(step);
    for (const listener of this.stepListeners) listener(step);
  }
}
