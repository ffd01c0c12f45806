// Test helper: a throw-away Prosody 13 on loopback with the MUC component, set up like Prosody's own scansion suite, one fresh server per script — the real XEP-0045 service
//
// `tsx test/helpers/prosody.ts config DIR PORT [LEVEL]` prints the configuration for a server in
// DIR on PORT: scripts/run-prosody.sh runs its server with it, so both are set up alike.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';

/** Where Debian's package puts Prosody's modules, and its version file. */
const PROSODY_DIR = '/usr/lib/prosody';
const MODULES_DIR = join(PROSODY_DIR, 'modules');

/** The reference: mucsim follows Prosody 13.x (scripts/install-prosody.sh installs it). */
export const REQUIRED_PROSODY_MAJOR = '13';

/**
 * The conformance suite's modules (its prosody.cfg.lua), less the components the MUC scripts do
 * not use (pubsub, http_file_share) and `external_services` (it needs the suite's STUN/TURN
 * settings). Each is loaded only if this Prosody has it. `stanza_debug` logs every stanza.
 */
const HOST_MODULES = [
  'roster',
  'saslauth',
  'disco',
  'carbons',
  'pep',
  'private',
  'blocklist',
  'vcard4',
  'vcard_legacy',
  'version',
  'uptime',
  'time',
  'ping',
  'register',
  'mam',
  'server_contact_info',
  'lastactivity',
  'tombstones',
  'user_account_management',
  'debug_reset',
  'stanza_debug',
];
const MUC_MODULES = ['muc_mam'];

const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

export interface ProsodyServer {
  /** `xmpp://127.0.0.1:PORT` */
  service: string;
  port: number;
  pid: number;
  dir: string;
  /** The last lines of prosody.log, for failure messages. */
  logTail(lines?: number): string;
  stop(): Promise<void>;
}

function prosodyOnPath(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, 'prosody'))) return join(dir, 'prosody');
  }
  return undefined;
}

/**
 * The installed Prosody's version: its `prosody.version` file, beside its modules (Debian:
 * /usr/lib/prosody) or under the `lib/` beside its binary; undefined when neither is there.
 */
export function prosodyVersion(): string | undefined {
  const binary = prosodyOnPath();
  const candidates = [
    join(PROSODY_DIR, 'prosody.version'),
    ...(binary ? [join(dirname(binary), '../lib/prosody/prosody.version')] : []),
  ];
  const found = candidates.find((path) => existsSync(path));
  return found ? readFileSync(found, 'utf8').trim() : undefined;
}

/**
 * The prosody executable on PATH when it is the reference version (13.x), else undefined: the
 * live tests are skipped, with `prosodyMissing()` saying why.
 */
export function findProsody(): string | undefined {
  const binary = prosodyOnPath();
  if (!binary) return undefined;
  const version = prosodyVersion();
  if (version !== undefined && version.split('.')[0] !== REQUIRED_PROSODY_MAJOR) return undefined;
  return binary;
}

/** Why `findProsody()` found nothing, for the skip message. */
export function prosodyMissing(): string {
  if (!prosodyOnPath()) return 'prosody is not installed (run scripts/install-prosody.sh as root)';
  return `prosody ${prosodyVersion()} is installed, the live tests need ${REQUIRED_PROSODY_MAJOR}.x (run scripts/install-prosody.sh as root)`;
}

function hasModule(name: string): boolean {
  if (!existsSync(MODULES_DIR)) return true;
  return (
    existsSync(join(MODULES_DIR, `mod_${name}.lua`)) ||
    existsSync(join(MODULES_DIR, `mod_${name}`)) ||
    existsSync(join(MODULES_DIR, name.replace(/^muc_/, 'muc/'), `mod_${name}.lua`))
  );
}

/** The modules of the list that this Prosody has, and those it lacks. */
export function availableModules(): { host: string[]; muc: string[]; missing: string[] } {
  const all = [...HOST_MODULES, ...MUC_MODULES];
  return {
    host: HOST_MODULES.filter(hasModule),
    muc: MUC_MODULES.filter(hasModule),
    missing: all.filter((name) => !hasModule(name)),
  };
}

/** A port the kernel just handed out on 127.0.0.1 and that is free again. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

function lua(text: string): string {
  return JSON.stringify(text);
}

export interface ProsodyOptions {
  /**
   * Log every stanza (`stanza_debug`, debug level) to prosody.log (default true): what failure
   * messages quote. Off for benchmarks, where the logging would be most of the server's work.
   */
  debugLog?: boolean;
}

/**
 * The server's prosody.cfg.lua, for a server in `dir` on `port`. `logLevel` (default: debug with
 * `debugLog`, else info) is the least level prosody.log keeps.
 */
export function prosodyConfig(
  dir: string,
  port: number,
  { debugLog = true, logLevel }: ProsodyOptions & { logLevel?: string } = {},
): string {
  const modules = availableModules();
  if (!debugLog) modules.host = modules.host.filter((name) => name !== 'stanza_debug');
  const list = (names: string[]) => names.map((name) => lua(name)).join('; ');
  const level = logLevel ?? (debugLog ? 'debug' : 'info');
  return `-- written by test/helpers/prosody.ts: a throw-away server on loopback
run_as_root = true
pidfile = ${lua(join(dir, 'prosody.pid'))}
data_path = ${lua(join(dir, 'data'))}
certificates = ${lua(join(dir, 'certs'))}
log = { { levels = { min = ${lua(level)} }, to = "file", filename = ${lua(join(dir, 'prosody.log'))} } }
interfaces = { "127.0.0.1" }; local_interfaces = { "127.0.0.1" }
c2s_ports = { ${port} }; c2s_direct_tls_ports = {}; s2s_ports = {}; http_ports = {}; https_ports = {}
modules_disabled = { "s2s", "s2s_auth_certs", "offline" }
modules_enabled = { ${list(modules.host)} }
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
authentication = "insecure"
insecure_open_authentication = "Yes please, I know what I'm doing!"
storage = "memory"
network_settings = { nagle = false }
allow_registration = false
mam_smart_enable = true
bounce_blocked_messages = true
admins = { "admin@localhost" }
VirtualHost "localhost"
Component "conference.localhost" "muc"
  storage = "memory"
  admins = { "admin@localhost" }
  modules_enabled = { ${list(modules.muc)} }
`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Gone, or a zombie (exited, not yet reaped): `kill -0` still succeeds on those. */
function isStopped(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

async function waitStopped(child: ChildProcess, pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null || isStopped(pid)) return true;
    await sleep(10);
  }
  return false;
}

/** Starts a fresh Prosody (empty temp dir, free port); resolves once its c2s port accepts. */
export async function startProsody(options: ProsodyOptions = {}): Promise<ProsodyServer> {
  const binary = findProsody();
  if (!binary) throw new Error(prosodyMissing());
  const dir = mkdtempSync(join(tmpdir(), 'mucsim-prosody-'));
  mkdirSync(join(dir, 'data'));
  mkdirSync(join(dir, 'certs')); // empty: no StartTLS is offered
  const port = await freePort();
  const configFile = join(dir, 'prosody.cfg.lua');
  writeFileSync(configFile, prosodyConfig(dir, port, options));
  const child = spawn(binary, ['--config', configFile, '-F'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: false,
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${binary}`);
  const logTail = (lines = 40): string => {
    const log = existsSync(join(dir, 'prosody.log'))
      ? readFileSync(join(dir, 'prosody.log'), 'utf8')
      : '';
    return `${output}${log}`.split('\n').slice(-lines).join('\n');
  };
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    if (!isStopped(pid)) {
      process.kill(pid, 'SIGTERM');
      if (!(await waitStopped(child, pid, STOP_TIMEOUT_MS))) {
        process.kill(pid, 'SIGKILL');
        await waitStopped(child, pid, STOP_TIMEOUT_MS);
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (await accepts(port)) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      const tail = logTail();
      await stop();
      throw new Error(`prosody did not start listening on 127.0.0.1:${port}:\n${tail}`);
    }
    await sleep(20);
  }
  return { service: `xmpp://127.0.0.1:${port}`, port, pid, dir, logTail, stop };
}

/** Runs `body` against a fresh server and always stops it. */
export async function withProsody<T>(
  body: (server: ProsodyServer) => Promise<T>,
  options: ProsodyOptions = {},
): Promise<T> {
  const server = await startProsody(options);
  try {
    return await body(server);
  } finally {
    await server.stop();
  }
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const [command, dir, port, logLevel = 'info'] = process.argv.slice(2);
  if (command !== 'config' || dir === undefined || !/^\d+$/.test(port ?? '')) {
    process.stderr.write('usage: prosody.ts config DIR PORT [LEVEL]\n');
    process.exitCode = 2;
  } else {
    process.stdout.write(prosodyConfig(dir, Number(port), { logLevel }));
  }
}
