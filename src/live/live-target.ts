// Runs scansion scripts against a real XMPP server: each [Client] is a real c2s connection (@xmpp/client) — XEP-0045 scenarios (§7–§10) end to end

import type { XmppClient } from '@xmpp/client';
import { clone, type Element } from 'ltx';
import type { ClientDefinition } from '../scansion/script.js';
import type { ScriptTarget } from '../scansion/target.js';
import { domainOf, localOf, resourceOf } from '../xmpp/jid.js';
import { NS } from '../xmpp/namespaces.js';
import { describeFailure, LiveConnectionError } from './errors.js';
import {
  boundedParser,
  DEFAULT_INCOMING_LIMITS,
  IncomingLimitError,
  type IncomingLimits,
  ReceivedCount,
  type StreamParserClass,
} from './incoming-limits.js';
import { parseService, type ServiceAddress } from './service.js';

export interface LiveTargetOptions {
  /** `xmpp://HOST:PORT` or a parsed address. */
  service: string | ServiceAddress;
  /**
   * The MUC service's domain on that server (`--muc`). Nothing in a script is rewritten with it;
   * it is kept for features that need to address the service.
   */
  mucDomain?: string;
  /** How long connecting, authenticating and binding may take (default 10 s). */
  connectTimeoutMs?: number;
  /** How long the ping round trip after a `sends` may take (default 10 s). */
  barrierTimeoutMs?: number;
  /** What the server may send each connection (default DEFAULT_INCOMING_LIMITS). */
  limits?: Partial<IncomingLimits>;
}

interface Connection {
  name: string;
  xmpp: XmppClient;
  /** The client's server: where the barrier pings go. */
  domain: string;
  jid: string;
  /** Set when the server closed the stream or the socket failed. */
  lost?: string;
  /** Ids of barrier pings whose reply has not arrived yet; their replies are not delivered. */
  barriers: Set<string>;
  /** Sends a stanza of the script (the only iq replies that go out). */
  sendOwn: (stanza: Element) => Promise<void>;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const DEFAULT_BARRIER_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 2_000;
const BARRIER_PREFIX = 'mucsim-barrier-';

function isIqReply(stanza: Element): boolean {
  return stanza.name === 'iq' && (stanza.attrs.type === 'result' || stanza.attrs.type === 'error');
}

/**
 * The stanza, serialised with tabs, line feeds and carriage returns as character references:
 * raw, the server's XML parser would turn them into spaces in attribute values (and a carriage
 * return into a line feed in text), and the server would not see what the script wrote.
 */
export function keepingWhitespace(stanza: Element): Element {
  const serialise = stanza.toString.bind(stanza);
  stanza.toString = () => serialise().replace(/[\t\n\r]/g, (char) => `&#${char.charCodeAt(0)};`);
  return stanza;
}

/**
 * A received stanza as the runner expects it: detached from the stream element and without the
 * stream-level `xmlns='jabber:client'`, so it matches (and prints) like the simulator's.
 */
export function detachStanza(stanza: Element): Element {
  const copy = clone(stanza);
  if (copy.attrs.xmlns === NS.client) delete copy.attrs.xmlns;
  return copy;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms ${what()}`)), ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

/** Who a client logs in as. */
interface Login {
  domain: string;
  username: string;
  password: string;
  resource: string | undefined;
  /** The bare JID, for the error that says which login failed. */
  account: string;
}

/** How far one connection attempt got, and what went wrong first. */
interface Attempt {
  stage: string;
  online: boolean;
  firstError?: unknown;
}

function loginOf(client: ClientDefinition): Login {
  const domain = domainOf(client.jid);
  const username = localOf(client.jid);
  if (!username) throw new Error(`'${client.jid}' has no local part to log in with`);
  const password = client.password ?? 'password';
  const resource = resourceOf(client.jid) ?? client.resource;
  return { domain, username, password, resource, account: `${username}@${domain}` };
}

/**
 * Only the script speaks: iq replies the library would send by itself are dropped. Returns how
 * the script's own stanzas are sent (the only iq replies that go out).
 */
function scriptSpeaksOnly(xmpp: XmppClient): (element: Element) => Promise<void> {
  const rawSend = xmpp.send.bind(xmpp);
  const ours = new WeakSet<Element>();
  xmpp.send = (element: Element) =>
    isIqReply(element) && !ours.has(element) ? Promise.resolve() : rawSend(element);
  return (element) => {
    ours.add(element);
    return rawSend(element);
  };
}

/**
 * Follows the connection's life: the stage of the attempt, its first error, whether it is
 * online, and what cuts it once it is. Returns a promise rejected if the server closes the
 * connection before it is online.
 */
function watchLifecycle(connection: Connection, attempt: Attempt): Promise<never> {
  const { xmpp } = connection;
  xmpp.on('status', (status: string) => {
    if (status === 'connect') {
      xmpp.socket?.setNoDelay(true); // Nagle costs ~40 ms per exchange
      attempt.stage = 'opening the stream';
    }
  });
  xmpp.on('error', (error: unknown) => {
    // The library drops its parser but would go on feeding it: stop reading at once.
    if (error instanceof IncomingLimitError) xmpp.socket?.destroy();
    attempt.firstError ??= error;
    if (attempt.online) connection.lost ??= `connection error: ${describeFailure(error)}`;
  });
  let closedEarly: (error: Error) => void = () => {};
  const closed = new Promise<never>((_, reject) => {
    closedEarly = reject;
  });
  closed.catch(() => {});
  xmpp.on('disconnect', () => {
    if (attempt.online) connection.lost ??= 'the server closed the connection';
    else closedEarly(new Error('the server closed the connection'));
  });
  xmpp.on('online', () => {
    attempt.online = true;
  });
  return closed;
}

/**
 * The live side of the runner. Connects each client with PLAIN over plain TCP (the server must
 * not require StartTLS), never reconnects, and after every `sends` waits for one XEP-0199 ping
 * round trip to the client's own server, so the server has handled the stanza before the next
 * client acts (docs/live-servers.md: cross-client races).
 *
 * Unlike @xmpp/client's default, it never answers an iq by itself: a scansion client only sends
 * what the script says, so automatic replies (service-unavailable, pong) are dropped.
 */
export class LiveTarget implements ScriptTarget {
  readonly live = true;
  readonly service: ServiceAddress;
  readonly mucDomain: string | undefined;
  /** The first connection or authentication failure, for the CLI (exit code 2). */
  connectionError: LiveConnectionError | undefined;
  private readonly connections = new Map<string, Connection>();
  private readonly connectTimeoutMs: number;
  private readonly barrierTimeoutMs: number;
  private readonly limits: IncomingLimits;
  private barrierCount = 0;

  constructor(options: LiveTargetOptions) {
    if (typeof options.service === 'string') {
      const parsed = parseService(options.service);
      if ('error' in parsed) throw new Error(parsed.error);
      this.service = parsed;
    } else {
      this.service = options.service;
    }
    this.mucDomain = options.mucDomain;
    this.connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    this.barrierTimeoutMs = options.barrierTimeoutMs ?? DEFAULT_BARRIER_TIMEOUT_MS;
    this.limits = { ...DEFAULT_INCOMING_LIMITS, ...options.limits };
  }

  async connect(client: ClientDefinition, deliver: (stanza: Element) => void): Promise<string> {
    if (this.connections.has(client.name)) throw new Error(`${client.name} is already connected`);
    const login = loginOf(client);
    const attempt: Attempt = { stage: 'connecting', online: false };
    const xmpp = await this.createClient(login, attempt);
    xmpp.reconnect.stop();
    const received = this.bound(xmpp);
    const connection: Connection = {
      name: client.name,
      xmpp,
      domain: login.domain,
      jid: '',
      barriers: new Set(),
      sendOwn: scriptSpeaksOnly(xmpp),
    };
    const closed = watchLifecycle(connection, attempt);
    xmpp.on('stanza', (stanza: Element) => {
      if (!attempt.online || connection.lost) return; // the bind result; nothing after a cut
      const flood = received.stanza(this.limits);
      if (flood) {
        connection.lost = flood;
        xmpp.socket?.destroy();
        return;
      }
      const id = stanza.attrs.id;
      if (isIqReply(stanza) && typeof id === 'string' && connection.barriers.delete(id)) return;
      deliver(detachStanza(stanza));
    });
    connection.jid = await this.start(connection, attempt, closed, login.account);
    this.connections.set(client.name, connection);
    return connection.jid;
  }

  /** An @xmpp/client for the login, which logs in with PLAIN and tells the attempt how far it got. */
  private async createClient(login: Login, attempt: Attempt): Promise<XmppClient> {
    const { domain, username, password, resource } = login;
    // Loaded on first use: the library is most of what `mucsim --help` would otherwise load.
    const { client: xmppClient } = await import('@xmpp/client');
    return xmppClient({
      service: this.service.url,
      domain,
      username,
      password,
      ...(resource !== undefined && { resource }),
      // On plain TCP @xmpp/client prefers SCRAM (0.5–1.3 s a login): force PLAIN.
      credentials: async (authenticate, mechanisms) => {
        attempt.stage = 'authenticating';
        if (!mechanisms.includes('PLAIN')) {
          throw new Error(
            `the server offers no PLAIN mechanism (offers ${mechanisms.join(', ') || 'none'})`,
          );
        }
        await authenticate({ username, password }, 'PLAIN');
        attempt.stage = 'binding a resource';
      },
    });
  }

  /** Starts the stream and returns the bound JID; a failure is the target's connection error. */
  private async start(
    connection: Connection,
    attempt: Attempt,
    closed: Promise<never>,
    account: string,
  ): Promise<string> {
    try {
      const bound = await withTimeout(
        Promise.race([connection.xmpp.start(), closed]),
        this.connectTimeoutMs,
        () => `while ${attempt.stage}`,
      );
      return String(bound);
    } catch (error) {
      await this.abandon(connection.xmpp);
      const failure = new LiveConnectionError(
        this.service,
        attempt.stage === 'connecting' ? undefined : account,
        attempt.stage,
        // The library's first error event (socket error, stream error, SASL failure) says more
        // than the rejection of start(), which may be a timeout or a closed connection.
        describeFailure(attempt.firstError ?? error),
      );
      this.connectionError ??= failure;
      throw failure;
    }
  }

  async send(clientName: string, stanza: Element): Promise<void> {
    const connection = this.connection(clientName);
    await connection.sendOwn(keepingWhitespace(clone(stanza)));
    await this.barrier(connection);
  }

  async disconnect(clientName: string): Promise<void> {
    const connection = this.connection(clientName);
    this.connections.delete(clientName);
    await this.stopClient(connection.xmpp);
  }

  /**
   * The server does not decide how much memory mucsim uses: every stream of the client is read
   * by a parser that refuses oversized or overdeep stanzas and a flood (@xmpp/client sets its
   * `Parser` on each connect; this one extends it).
   */
  private bound(xmpp: XmppClient): ReceivedCount {
    const received = new ReceivedCount();
    let parser: StreamParserClass | undefined;
    Object.defineProperty(xmpp, 'Parser', {
      get: () => parser,
      set: (Base: StreamParserClass) => {
        parser = boundedParser(Base, this.limits, received);
      },
    });
    return received;
  }

  /** One ping round trip for every connected client: what the server sent before is in. */
  async settle(): Promise<void> {
    await Promise.all(
      [...this.connections.values()]
        .filter((connection) => connection.lost === undefined)
        .map((connection) => this.barrier(connection).catch(() => undefined)),
    );
  }

  async close(): Promise<void> {
    const open = [...this.connections.values()];
    this.connections.clear();
    await Promise.all(open.map((connection) => this.stopClient(connection.xmpp)));
  }

  private connection(clientName: string): Connection {
    const connection = this.connections.get(clientName);
    if (!connection) throw new Error(`${clientName} is not connected`);
    if (connection.lost) throw new Error(`${clientName}'s stream is gone: ${connection.lost}`);
    return connection;
  }

  /** XEP-0199 ping to the client's own server; any reply (even an error) completes the round trip. */
  private async barrier(connection: Connection): Promise<void> {
    this.barrierCount += 1;
    const id = `${BARRIER_PREFIX}${this.barrierCount}`;
    connection.barriers.add(id);
    const { xml } = await import('@xmpp/client');
    const ping = xml(
      'iq',
      { type: 'get', to: connection.domain, id },
      xml('ping', { xmlns: NS.ping }),
    );
    try {
      await connection.xmpp.iqCaller.request(ping, this.barrierTimeoutMs);
    } catch (error) {
      if ((error as { name?: string }).name === 'StanzaError') return;
      connection.barriers.delete(id);
      throw new Error(
        `no reply to the barrier ping from ${connection.domain} for ${connection.name}: ${describeFailure(error)}`,
      );
    }
  }

  /** Closes the stream cleanly; if the server does not answer, drops the socket. */
  private async stopClient(xmpp: XmppClient): Promise<void> {
    try {
      await withTimeout(xmpp.stop(), STOP_TIMEOUT_MS, () => 'closing the stream');
    } catch {
      xmpp.socket?.destroy();
    }
  }

  private async abandon(xmpp: XmppClient): Promise<void> {
    if (xmpp.status === 'offline') return;
    try {
      await withTimeout(xmpp.stop(), 200, () => 'closing');
    } catch {
      xmpp.socket?.destroy();
    }
  }
}
