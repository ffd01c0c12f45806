// The part of @xmpp/client 0.14 (no bundled types) that the live transport uses — the client side of XEP-0045 scenarios
declare module '@xmpp/client' {
  import type { EventEmitter } from 'node:events';
  import type { Socket } from 'node:net';
  import type { Element } from 'ltx';

  export interface ClientOptions {
    service: string;
    domain?: string;
    resource?: string;
    username?: string;
    password?: string;
    credentials?: (
      authenticate: (
        credentials: { username: string; password: string },
        mechanism: string,
      ) => Promise<void>,
      mechanisms: string[],
    ) => Promise<void>;
    timeout?: number;
  }

  export interface JID {
    toString(): string;
  }

  export interface XmppClient extends EventEmitter {
    status: string;
    jid: JID | null;
    socket: Socket | null;
    timeout: number;
    reconnect: { stop(): void };
    iqCaller: { request(stanza: Element, timeoutMs?: number): Promise<Element> };
    start(): Promise<JID>;
    stop(): Promise<unknown>;
    send(element: Element): Promise<void>;
  }

  export function client(options: ClientOptions): XmppClient;
  export function xml(
    name: string,
    attrs?: Record<string, string>,
    ...children: unknown[]
  ): Element;
}
