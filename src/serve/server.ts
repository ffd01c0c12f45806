// mucsim serve: the TCP and WebSocket doors around one simulated world, with the recording beside it — real XMPP clients as occupants (XEP-0045 §7)
import { World } from '../sim/world.js';
import { type PersistRecording, RecordingFile } from './recording-file.js';
import { type ClientEvent, ServedWorld } from './served-world.js';
import { type Listening, listenTcp } from './tcp-listener.js';
import { listenWebSocket } from './websocket-listener.js';

export interface ServeOptions {
  /** TCP port for RFC 6120 clients (0: any free port). */
  port: number;
  /** WebSocket port for RFC 7395 clients (0: any free port). */
  wsPort: number;
  /** Where to listen: 127.0.0.1 unless asked otherwise. */
  address: string;
  domain: string;
  mucDomain: string;
  seed: number;
  /** Write the session to this .scs after every step, with this writer. */
  record?: { path: string; persist: PersistRecording };
  /** The largest stanza a client may send, in bytes (default 256 KiB, as Prosody's c2s). */
  maxStanzaBytes?: number;
  /** Told when writing the recording failed mid-session (it stops; the clients go on). */
  onRecordingError?: (error: Error) => void;
  /** Told of every client that connects or disconnects. */
  onClient?: (event: ClientEvent) => void;
}

export interface RunningServer {
  readonly served: ServedWorld;
  readonly port: number;
  readonly wsPort: number;
  /** Ends every stream (`system-shutdown`), stops listening, and writes the last steps. */
  close(): Promise<void>;
}

/** Starts the world and both listeners; rejects when a port cannot be bound. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const world = new World({
    seed: options.seed,
    domain: options.domain,
    mucDomain: options.mucDomain,
    ...(options.maxStanzaBytes !== undefined && { maxStanzaBytes: options.maxStanzaBytes }),
  });
  const served = new ServedWorld(world, {
    seed: options.seed,
    ...(options.maxStanzaBytes !== undefined && { maxStanzaBytes: options.maxStanzaBytes }),
  });
  if (options.onClient) served.onClient(options.onClient);
  const { record } = options;
  const recording = record ? new RecordingFile(record.path, served, record.persist) : undefined;
  if (recording) {
    // The first write fails the start (a path that cannot be written); a later failure stops
    // the recording, never a client's stream.
    recording.update();
    const update = () => {
      try {
        recording.update();
      } catch (error) {
        served.offStep(update);
        options.onRecordingError?.(error instanceof Error ? error : new Error(String(error)));
      }
    };
    served.onStep(update);
  }
  const doors = await listen(served, options);
  return {
    served,
    port: doors.port,
    wsPort: doors.wsPort,
    close: async () => {
      await doors.close();
      served.disconnectAll();
    },
  };
}

/** Both doors of a served world, TCP and WebSocket, listening. */
export interface Doors {
  port: number;
  wsPort: number;
  /** Ends every stream with `system-shutdown` and stops listening. */
  close(): Promise<void>;
}

/** Why a port could not be bound, in words (any other error as it is). */
export function listenFailure(
  error: unknown,
  options: Pick<ServeOptions, 'port' | 'wsPort' | 'address'>,
): Error {
  const { code } = error as NodeJS.ErrnoException;
  const where = `${options.address} port ${options.port} or ${options.wsPort}`;
  if (code === 'EADDRINUSE') return new Error(`cannot listen on ${where}: already in use`);
  if (code === 'EACCES') return new Error(`cannot listen on ${where}: permission denied`);
  if (code === 'EADDRNOTAVAIL')
    return new Error(`cannot listen on ${options.address}: no such local address`);
  return error instanceof Error ? error : new Error(String(error));
}

/** Opens the TCP and WebSocket doors of a served world; rejects when a port cannot be bound. */
export async function listen(
  served: ServedWorld,
  options: Pick<ServeOptions, 'port' | 'wsPort' | 'address'>,
): Promise<Doors> {
  const tcp = await listenTcp(served, options.port, options.address);
  let ws: Listening;
  try {
    ws = await listenWebSocket(served, options.wsPort, options.address);
  } catch (error) {
    await tcp.close();
    throw error;
  }
  return {
    port: tcp.port,
    wsPort: ws.port,
    close: async () => {
      await Promise.all([tcp.close(), ws.close()]);
    },
  };
}
