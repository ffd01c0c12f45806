// Is anything listening at the live server's address? A quick TCP check before any script runs — the server that hosts the XEP-0045 service
import { createConnection } from 'node:net';
import { describeFailure, LiveConnectionError } from './errors.js';
import type { ServiceAddress } from './service.js';

/** Resolves when a TCP connection to the service opens; otherwise a LiveConnectionError. */
export function probeService(service: ServiceAddress, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: service.host, port: service.port });
    const fail = (reason: string) => {
      socket.destroy();
      reject(new LiveConnectionError(service, undefined, 'connecting', reason));
    };
    socket.setTimeout(timeoutMs, () => fail(`no answer within ${timeoutMs} ms`));
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', (error) => fail(describeFailure(error)));
  });
}
