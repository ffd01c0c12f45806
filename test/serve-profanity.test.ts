// A third-party client in mucsim serve: profanity (Debian) in tmux logs in with PLAIN over TCP, joins a room, talks with a scripted virtual user, and the recording replays green — XEP-0045 §7.2, §7.4
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempFiles } from './helpers/cli.js';
import { type ServeProcess, spawnServe } from './helpers/serve.js';

const HAS_TOOLS =
  spawnSync('tmux', ['-V']).status === 0 && spawnSync('profanity', ['--version']).status === 0;
const SOCKET = `mucsim-serve-${process.pid}`;
const SESSION = 'profanity';
const ROOM = 'room@conference.localhost';

if (!HAS_TOOLS) {
  console.warn('serve-profanity: tmux or profanity is not installed, so this test is SKIPPED');
}

/** The virtual user on the other side: opens the room, waits for Romeo's question, answers it. */
const NURSE = `# The nurse answers whoever asks

[Client] Nurse
	jid: nurse@localhost
	password: password
	resource: tower

-----

Nurse connects

Nurse sends:
	<presence to='${ROOM}/Nurse'>
		<x xmlns='http://jabber.org/protocol/muc'/>
	</presence>

Nurse receives:
	<presence from='${ROOM}/Nurse'/>

Nurse sends:
	<iq type='set' to='${ROOM}' id='unlock'>
		<query xmlns='http://jabber.org/protocol/muc#owner'>
			<x xmlns='jabber:x:data' type='submit'/>
		</query>
	</iq>

Nurse receives:
	<presence from='${ROOM}/Romeo'/>

Nurse receives:
	<message from='${ROOM}/Romeo' type='groupchat'>
		<body>Where is Juliet?</body>
	</message>

Nurse sends:
	<message to='${ROOM}' type='groupchat' id='answer'>
		<body>On the balcony</body>
	</message>
`;

function tmux(...args: string[]): string {
  const result = spawnSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

/** Polls until `predicate` holds for what `read` returns, as a person would wait. */
async function waitFor(
  read: () => string,
  predicate: (text: string) => boolean,
  what: string,
): Promise<void> {
  const until = Date.now() + 30_000;
  for (;;) {
    const text = read();
    if (predicate(text)) return;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const screen = () => tmux('capture-pane', '-p', '-t', SESSION);

async function type(line: string): Promise<void> {
  tmux('send-keys', '-t', SESSION, '-l', line);
  tmux('send-keys', '-t', SESSION, 'Enter');
  await new Promise((resolve) => setTimeout(resolve, 100));
}

let server: ServeProcess | undefined;
afterAll(async () => {
  spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
  await server?.stop('SIGKILL');
});

describe.skipIf(!HAS_TOOLS)('profanity in mucsim serve', () => {
  it('joins a room, talks with the scripted nurse, and the recording replays green', async () => {
    const dir = tempFiles({ 'nurse.scs': NURSE });
    for (const sub of ['config', 'data', 'home']) mkdirSync(join(dir, sub));
    server = await spawnServe(['--record', 'session.scs', '--script', 'nurse.scs'], dir);
    const port = server.port;
    const profanity = `env HOME=${dir}/home XDG_CONFIG_HOME=${dir}/config XDG_DATA_HOME=${dir}/data profanity`;
    tmux('new-session', '-d', '-s', SESSION, '-x', '150', '-y', '40', profanity);
    await waitFor(screen, (text) => text.includes('/connect'), 'profanity to start');
    await type(`/connect romeo@localhost server 127.0.0.1 port ${port} tls disable`);
    await waitFor(screen, (text) => text.includes('Enter password'), 'the password prompt');
    await type('any password');
    await waitFor(screen, (text) => text.includes('logged in successfully'), 'the login');
    await type(`/join ${ROOM} nick Romeo`);
    await waitFor(screen, (text) => text.includes('You have joined the room as Romeo'), 'the join');
    await type('Where is Juliet?');
    await waitFor(screen, (text) => text.includes('Nurse: On the balcony'), "the nurse's answer");
    const output = () => server?.output() ?? '';
    await waitFor(output, (text) => text.includes('✔ nurse.scs'), 'the script to finish');
    await type('/quit');
    await waitFor(
      output,
      (text) => text.includes('- Romeo disconnected: romeo@localhost/'),
      'the disconnect',
    );
    expect(await server.stop('SIGINT')).toBe(0);
    expect(server.output()).toMatch(/\+ Romeo connected: romeo@localhost\/\S+ \(tcp\)/);
    server = undefined;

    const recording = join(dir, 'session.scs');
    const text = readFileSync(recording, 'utf8');
    expect(text).toContain('Romeo sends:\n\t<message');
    expect(text).toContain('<body>Where is Juliet?</body>');
    const replay = await runCli(['run', recording]);
    expect(replay.stdout).toContain('1 passed, 0 failed');
    expect(replay.code).toBe(0);
  }, 120_000);
});
