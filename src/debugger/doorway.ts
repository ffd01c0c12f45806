// A debugger session's door for real XMPP clients (mucsim serve --tui, :serve): their actions become steps at the cursor, and the first one ends time travel — XEP-0045 rooms shared by real and virtual users (§7)
import type { ClientDefinition } from '../scansion/script.js';
import type { DebugSession } from './debug-session.js';
import type { DoorPorts, SessionDoor, SessionStep } from './session-api.js';

/** Opens a door on a session; the command line gives it, so that the server loads only when asked for. */
export type DoorOpener = (session: DebugSession, ports: DoorPorts) => Promise<SessionDoor>;

export const NO_DOOR =
  'no door here: real clients come in through the simulator (mucsim tui without --server, or mucsim serve --tui)';

/** A real client: its session's `[Client]` definition and, after a connects, its bound JID. */
export interface RealClient {
  definition: Omit<ClientDefinition, 'line'>;
  jid?: string;
}

export interface DoorwayDeps {
  /** The session's clients: a real client's definition joins them. */
  clients: ClientDefinition[];
  /** Puts a step that already ran at the cursor; a bound JID is named after the step's client. */
  insertExecuted(step: SessionStep, jid: string | undefined): void;
  /** Tells the session's subscribers. */
  changed(): void;
}

/** The session's side of the door: opening and closing it, its real clients, and their steps. */
export class Doorway {
  private opened: SessionDoor | undefined;
  private opening: Promise<SessionDoor> | undefined;
  /** Real clients, by name, in order of arrival: how each is connected. */
  private readonly real = new Map<string, 'tcp' | 'websocket'>();
  private readonly admitListeners = new Set<(step: SessionStep) => void>();

  constructor(
    private readonly session: DebugSession,
    private readonly opener: DoorOpener | undefined,
    private readonly deps: DoorwayDeps,
  ) {}

  /** The open door, if any. */
  get door(): SessionDoor | undefined {
    return this.opened;
  }

  /** Opens the door (later calls get the same one); rejects with why it cannot (a port in use…). */
  open(ports: DoorPorts): Promise<SessionDoor> {
    const { opener, session } = this;
    if (!opener) {
      return Promise.reject(new Error(NO_DOOR));
    }
    this.opening ??= opener(session, ports).then(
      (door) => {
        this.opened = door;
        this.deps.changed();
        return door;
      },
      (error: unknown) => {
        this.opening = undefined;
        throw error;
      },
    );
    return this.opening;
  }

  /** Closes the door, once open (or opening): its clients' last steps join the timeline; `:serve` may open another. */
  async close(): Promise<void> {
    const opening = this.opening;
    const door = await opening?.catch(() => undefined);
    if (!door) return;
    await door.close();
    if (this.opening !== opening) return;
    this.opening = undefined;
    this.opened = undefined;
    this.deps.changed();
  }

  /** How a real client is connected; undefined for the session's virtual users. */
  realClient(name: string): 'tcp' | 'websocket' | undefined {
    return this.real.get(name);
  }

  /** The first real client that acted: from then on the session's world is theirs too. */
  get firstRealClient(): string | undefined {
    const [first] = this.real.keys();
    return first;
  }

  /** Why time travel is refused once a real client has acted: it cannot be rewound. */
  get timeTravelRefusal(): string | undefined {
    const first = this.firstRealClient;
    if (first === undefined) return undefined;
    return `no time travel: ${first}, a real client, has acted, and a real client cannot be rewound`;
  }

  /** A real client's step, already run in the world, takes its place at the cursor. */
  admit(step: SessionStep, client: RealClient): void {
    const { definition } = client;
    if (step.via) this.real.set(definition.name, step.via);
    const known = this.deps.clients.find((candidate) => candidate.name === definition.name);
    if (known) Object.assign(known, definition);
    else this.deps.clients.push({ ...definition, line: 0 });
    this.deps.insertExecuted(step, client.jid);
    for (const listener of this.admitListeners) listener(step);
  }

  /** Told of each real client's step after it joined the timeline; returns the unsubscribe. */
  onAdmit(listener: (step: SessionStep) => void): () => void {
    this.admitListeners.add(listener);
    return () => {
      this.admitListeners.delete(listener);
    };
  }

  /** The door paused, resumed or held a stanza: the session's views change. */
  changed(): void {
    this.deps.changed();
  }
}
