// `mucsim serve`: real XMPP clients (TCP and WebSocket) in the simulated world, optionally with scripted virtual users and a recording — XEP-0045 rooms behind a real door
import { resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { parseScript } from '../../scansion/parser.js';
import type { Script } from '../../scansion/script.js';
import { ScriptSyntaxError } from '../../scansion/syntax-error.js';
import { type CliIo, EXIT, InputError } from '../io.js';
import { parseDomain, parseDuration, parseSeed } from '../options.js';
import { recordingWriter } from '../recording-writer.js';
import { displayPath, readScript } from '../script-files.js';
import { serveInTui } from './serve-tui.js';

export interface ServeCliOptions {
  tui?: boolean;
  port: number;
  wsPort: number;
  listen: string;
  domain: string;
  muc?: string;
  seed: number;
  record?: string;
  script?: string;
  scriptTimeout: number;
}

const DEFAULT_SCRIPT_TIMEOUT_MS = 120_000;

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError('expected a port number from 0 to 65535 (0: any free port)');
  }
  return port;
}

function parseAddress(value: string): string {
  const address = value.trim();
  if (!/^[0-9a-fA-F.:]+$/.test(address)) {
    throw new InvalidArgumentError(`expected an IP address such as 0.0.0.0 or ::, got '${value}'`);
  }
  return address;
}

async function loadScript(path: string, io: CliIo): Promise<Script> {
  const file = resolve(io.cwd, path);
  try {
    return parseScript(await readScript(file), displayPath(file, io.cwd));
  } catch (error) {
    if (error instanceof ScriptSyntaxError) throw new InputError(error.toString());
    throw error;
  }
}

/** Resolves on the first SIGINT or SIGTERM. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((done) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

async function startError(error: unknown, options: ServeCliOptions): Promise<Error> {
  const { listenFailure } = await import('../../serve/server.js');
  const where = { address: options.listen, port: options.port, wsPort: options.wsPort };
  const failure = listenFailure(error, where);
  return failure === error ? failure : new InputError(failure.message);
}

async function serve(options: ServeCliOptions, io: CliIo): Promise<number> {
  const script = options.script === undefined ? undefined : await loadScript(options.script, io);
  // The server (ws, saxes, the negotiation) is loaded only by this command.
  const { startServer } = await import('../../serve/server.js');
  const { playScript } = await import('../../serve/script-users.js');
  const mucDomain = options.muc ?? `conference.${options.domain}`;
  const server = await startServer({
    port: options.port,
    wsPort: options.wsPort,
    address: options.listen,
    domain: options.domain,
    mucDomain,
    seed: options.seed,
    ...(options.record !== undefined && {
      record: { path: options.record, persist: recordingWriter(io.cwd) },
    }),
    onRecordingError: (error) => io.err(`mucsim serve: the recording stopped: ${error.message}\n`),
    onClient: ({ kind, client }) => {
      const sign = kind === 'connected' ? '+' : '-';
      io.out(`${sign} ${client.name} ${kind}: ${client.jid} (${client.transport})\n`);
    },
  }).catch(async (error: unknown) => {
    throw await startError(error, options);
  });
  io.out(
    `mucsim serve: XMPP on ${options.listen}:${server.port} (TCP, no TLS) and ws://${options.listen}:${server.wsPort}/xmpp-websocket\n` +
      `  domain ${options.domain}, rooms on ${mucDomain}; any user and password (PLAIN or ANONYMOUS)\n` +
      (options.record ? `  recording to ${options.record}\n` : '') +
      '  Ctrl-C to stop\n',
  );
  let scriptFailed = false;
  if (script) {
    void playScript(server.served, script, options.scriptTimeout).then((result) => {
      scriptFailed = !result.passed;
      const failure = result.steps.find((step) => step.status === 'failed');
      io.out(
        failure
          ? `✘ ${script.file}: ${failure.action.client} ${failure.action.kind} (line ${failure.action.line}): ${failure.reason ?? 'no match'}\n`
          : `✔ ${script.file}: the virtual users played every step\n`,
      );
    });
  }
  const signal = await untilSignal();
  await server.close();
  io.out(`mucsim serve: stopped (${signal})\n`);
  return scriptFailed ? EXIT.failed : EXIT.ok;
}

export function makeServeCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('serve')
    .description(
      'let real XMPP clients (TCP and WebSocket) into a simulated world: rooms on the MUC domain, any user and password',
    )
    .addOption(
      new Option('--port <n>', 'TCP port for XMPP clients (RFC 6120)')
        .argParser(parsePort)
        .default(5222),
    )
    .addOption(
      new Option('--ws-port <n>', 'WebSocket port (RFC 7395)').argParser(parsePort).default(5280),
    )
    .addOption(
      new Option('--listen <address>', 'listen on this address (0.0.0.0: beyond this machine)')
        .argParser(parseAddress)
        .default('127.0.0.1'),
    )
    .addOption(
      new Option('--domain <domain>', "the users' domain")
        .argParser(parseDomain)
        .default('localhost'),
    )
    .addOption(
      new Option('--muc <domain>', 'the MUC service (default: conference.<domain>)').argParser(
        parseDomain,
      ),
    )
    .addOption(
      new Option('--seed <n>', 'seed for generated ids and resources')
        .argParser(parseSeed)
        .default(1),
    )
    .option('--record <file>', 'write the session as a .scs after every step (replay: mucsim run)')
    .option(
      '--tui',
      'open the terminal debugger with the door open: type virtual users beside the real clients',
    )
    .option(
      '--script <file>',
      'virtual users play this .scs in the same world, beside the real clients',
    )
    .addOption(
      new Option(
        '--script-timeout <duration>',
        'how long a --script receives waits for the clients',
      )
        .argParser(parseDuration)
        .default(DEFAULT_SCRIPT_TIMEOUT_MS, '120s'),
    )
    .action(async (options: ServeCliOptions, command: Command) => {
      if (!options.tui) return setExit(await serve(options, io));
      const script = () => (options.script ? loadScript(options.script, io) : undefined);
      setExit(await serveInTui({ options, io, command, script }));
    });
}
