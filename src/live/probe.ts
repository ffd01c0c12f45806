// Is an XMPP server listening at the live server's address? Opens a stream and reads the answer before any script runs — the server that hosts the XEP-0045 service
import { createConnection } from 'node:net';
import { visibleToken } from '../xmpp/visible.js';
import { describeFailure, LiveConnectionError } from './errors.js';
import type { ServiceAddress } from './service.js';

const C2S_HINT = "is this the server's client port (usually 5222)?";

/** A TLS record (handshake or alert): the port expects TLS from the first byte. */
function isTls(answer: Buffer): boolean {
  return (answer[0] === 0x15 || answer[0] === 0x16) && answer[1] === 0x03;
}

/** What the first bytes of an answer say about the service, or undefined for an XMPP stream. */
export function notXmpp(answer: Buffer): string | undefined {
  const text = answer.toString('latin1');
  if (/^\s*(<\?xml|<(\w+:)?stream[\s>])/.test(text)) return undefined;
  if (isTls(answer)) {
    return 'it answered with TLS: a port for direct TLS (such as 5223); mucsim speaks plain TCP to the client port (usually 5222)';
  }
  const firstLine = text.split(/\r?\n/)[0] ?? '';
  return `it answered ${JSON.stringify(visibleToken(firstLine, 60))}, not an XMPP stream: ${C2S_HINT}`;
}

/**
 * Opens a client stream and waits for the server's stream header: resolves for an XMPP
 * server, otherwise a LiveConnectionError saying what answered instead (nothing, TLS, HTTP…).
 * `domain` is the stream's `to`: any XMPP server answers with a header, even for an unknown host.
 */
export function probeService(
  service: ServiceAddress,
  options: { domain?: string; timeoutMs?: number } = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const domain = options.domain ?? 'localhost';
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: service.host, port: service.port });
    let answer = Buffer.alloc(0);
    let settled = false;
    const settle = (reason: string | undefined) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      if (reason === undefined) resolve();
      else reject(new LiveConnectionError(service, undefined, 'connecting', reason));
    };
    socket.setTimeout(timeoutMs, () => {
      settle(
        answer.length > 0
          ? notXmpp(answer)
          : `it accepted the connection but sent no XMPP stream within ${timeoutMs} ms: ${C2S_HINT}`,
      );
    });
    socket.once('connect', () => {
      socket.write(
        `<?xml version='1.0'?><stream:stream to='${domain}' version='1.0' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>`,
      );
    });
    socket.on('data', (chunk: Buffer) => {
      answer = Buffer.concat([answer, chunk]).subarray(0, 512);
      // Enough to judge: a whole tag or line, a TLS record header, or 512 bytes.
      if (answer.length >= 512 || /[>\n]/.test(answer.toString('latin1')) || isTls(answer)) {
        settle(notXmpp(answer));
      }
    });
    socket.once('end', () => {
      settle(
        answer.length > 0
          ? notXmpp(answer)
          : `the server closed the connection without opening an XMPP stream: ${C2S_HINT}`,
      );
    });
    socket.once('error', (error) => settle(describeFailure(error)));
  });
}
