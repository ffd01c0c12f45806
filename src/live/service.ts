// Where a live server listens: the `xmpp://HOST:PORT` address of the users' server that hosts the XEP-0045 service
export interface ServiceAddress {
  /** `xmpp://host:port`, as @xmpp/client takes it. */
  url: string;
  host: string;
  port: number;
}

export const DEFAULT_XMPP_PORT = 5222;

/**
 * Parses `xmpp://HOST[:PORT]` (an IPv6 host in brackets). Returns an error message instead of
 * throwing, so the CLI can turn it into a usage error.
 */
export function parseService(text: string): ServiceAddress | { error: string } {
  const match = /^xmpp:\/\/(\[[0-9a-fA-F:.]+\]|[^:/[\]\s]+)(?::(\d+))?\/?$/.exec(text.trim());
  if (!match) return { error: `expected xmpp://HOST:PORT, got '${text}'` };
  const bracketed = match[1] as string;
  const host = bracketed.startsWith('[') ? bracketed.slice(1, -1) : bracketed;
  const port = match[2] === undefined ? DEFAULT_XMPP_PORT : Number(match[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    return { error: `port ${match[2]} is not between 1 and 65535` };
  }
  return { url: `xmpp://${bracketed}:${port}`, host, port };
}

/** `host:port`, for messages. */
export function describeService(service: ServiceAddress): string {
  return service.host.includes(':')
    ? `[${service.host}]:${service.port}`
    : `${service.host}:${service.port}`;
}
