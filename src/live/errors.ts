// Failures of the live transport that are not the script's fault: no server, no login — the XMPP session under XEP-0045 scenarios
import { describeService, type ServiceAddress } from './service.js';

const SOCKET_ERRORS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused: is the server running and listening there?',
  ECONNRESET: 'connection reset by the server',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  EPIPE: 'the server closed the connection',
};

/** A readable reason from an Error, a socket error code or an XMPP (SASL, stream, stanza) error. */
export function describeFailure(error: unknown): string {
  if (error === undefined || error === null) return 'unknown failure';
  if (typeof error !== 'object') return String(error);
  const { code, name, condition, text, message } = error as {
    code?: unknown;
    name?: unknown;
    condition?: unknown;
    text?: unknown;
    message?: unknown;
  };
  if (typeof code === 'string' && SOCKET_ERRORS[code]) return `${SOCKET_ERRORS[code]} (${code})`;
  // @xmpp/client rejects a wait that ran out with an error that has a name and no message.
  if (name === 'TimeoutError') return 'the server did not answer in time';
  if (typeof condition === 'string') {
    const kind = name === 'SASLError' ? 'SASL' : name === 'StreamError' ? 'stream error' : 'error';
    return `${kind} ${condition}${typeof text === 'string' && text ? `: ${text}` : ''}`;
  }
  return typeof message === 'string' && message !== '' ? message : String(error);
}

/**
 * Could not connect, open a stream, authenticate or bind: the CLI reports it with the address
 * and exits with code 2, since no script can run.
 */
export class LiveConnectionError extends Error {
  constructor(
    readonly service: ServiceAddress,
    readonly account: string | undefined,
    readonly stage: string,
    readonly reason: string,
  ) {
    const address = `xmpp://${describeService(service)}`;
    super(
      account === undefined
        ? `cannot connect to ${address}: ${reason}`
        : `cannot log in ${account} at ${address}: failed while ${stage}: ${reason}`,
    );
    this.name = 'LiveConnectionError';
  }
}
