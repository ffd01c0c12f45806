// The options that point a command at a real XMPP server (--server, --domain, --muc, --timeout) — scripts of XEP-0045 scenarios run live
import { type Command, Option } from 'commander';
import { LiveConnectionError } from '../live/errors.js';
import { probeService } from '../live/probe.js';
import type { ServiceAddress } from '../live/service.js';
import { InputError } from './io.js';
import { parseDomain, parseDuration, parseServer } from './options.js';

export const DEFAULT_TIMEOUT_MS = 2000;

export interface LiveOptions {
  server?: ServiceAddress;
  /** Log the clients in on this domain instead of their JIDs' own. */
  domain?: string;
  /** The MUC service's domain on the server; nothing in the scripts is rewritten with it. */
  muc?: string;
  /** How long a `receives` waits for its stanza on a live server. */
  timeout: number;
}

/** Adds the live-server options to a command; `serverRequired` for commands that need one. */
export function addLiveOptions(command: Command, serverRequired = false): Command {
  const server = new Option(
    '--server <xmpp://host:port>',
    serverRequired
      ? 'the c2s address of the real XMPP server'
      : 'run against a real XMPP server at this c2s address instead of the simulator',
  ).argParser(parseServer);
  if (serverRequired) server.makeOptionMandatory();
  return command
    .addOption(server)
    .addOption(
      new Option(
        '--domain <domain>',
        "log the scripts' clients in on this domain (default: their JIDs' own)",
      ).argParser(parseDomain),
    )
    .addOption(
      new Option(
        '--muc <domain>',
        'the MUC service on the server (nothing in the scripts is rewritten with it)',
      ).argParser(parseDomain),
    )
    .addOption(
      new Option('--timeout <duration>', 'live server: how long a receives waits (2s, 500ms, 2000)')
        .argParser(parseDuration)
        .default(DEFAULT_TIMEOUT_MS, '2s'),
    );
}

/** Before any script runs: is the server there at all? Otherwise exit 2 at once. */
export async function checkServer(options: LiveOptions): Promise<void> {
  if (!options.server) return;
  try {
    await probeService(options.server, { ...(options.domain && { domain: options.domain }) });
  } catch (error) {
    if (error instanceof LiveConnectionError) throw new InputError(error.message);
    throw error;
  }
}
