// `mucsim serve` from the command line: its options and exit codes, a line per client, a clean stop on signals, and a recording a kill cannot spoil — real clients in XEP-0045 rooms
import { lstatSync, readFileSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { xml } from '@xmpp/client';
import { describe, expect, it } from 'vitest';
import { runCli, tempFiles } from './helpers/cli.js';
import { spawnServe, xmppClient } from './helpers/serve.js';

const ROOM = 'room@conference.localhost';

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('mucsim serve: usage errors exit 2', () => {
  it.each([
    [['--port', 'http'], "option '--port <n>' argument 'http' is invalid"],
    [['--port', '70000'], 'expected a port number from 0 to 65535'],
    [['--listen', 'everywhere'], 'expected an IP address'],
    [['--script-timeout', 'soon'], 'expected a duration'],
  ])('%j', async (args, message) => {
    const run = await runCli(['serve', ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('a port already in use', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    const run = await runCli(['serve', '--port', String(port), '--ws-port', '0']);
    busy.close();
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `mucsim: cannot listen on 127.0.0.1 port ${port} or 0: already in use\n`,
    );
  });

  it('a recording that cannot be written', async () => {
    const run = await runCli([
      'serve',
      '--port',
      '0',
      '--ws-port',
      '0',
      '--record',
      '/nonexistent/dir/x.scs',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'mucsim: cannot write /nonexistent/dir/x.scs: no such file or directory (ENOENT)\n',
    );
  });

  it('a --script that does not parse', async () => {
    const dir = tempFiles({
      'bad.scs': '[Client] Nurse\n\tjid: nurse@localhost\n\nNurse dances\n',
    });
    const run = await runCli([
      'serve',
      '--port',
      '0',
      '--ws-port',
      '0',
      '--script',
      join(dir, 'bad.scs'),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^mucsim: .*bad\.scs:4:7: unknown verb 'dances'/);
  });
});

describe('mucsim serve as a process', () => {
  it('prints a line per client and stops cleanly on SIGTERM', async () => {
    const server = await spawnServe();
    const romeo = await xmppClient(`xmpp://127.0.0.1:${server.port}`, 'romeo', 'orchard');
    await until(() => server.output().includes('+ Romeo connected'), 'the connect line');
    await romeo.stop();
    await until(() => server.output().includes('- Romeo disconnected'), 'the disconnect line');
    expect(await server.stop('SIGTERM')).toBe(0);
    const lines = server.output().split('\n');
    expect(lines).toContain('+ Romeo connected: romeo@localhost/orchard (tcp)');
    expect(lines).toContain('- Romeo disconnected: romeo@localhost/orchard (tcp)');
    expect(lines).toContain('mucsim serve: stopped (SIGTERM)');
  });

  it('on SIGINT, clients still connected get system-shutdown and leave their rooms', async () => {
    const dir = tempFiles({});
    const server = await spawnServe(['--record', 'live.scs'], dir);
    const romeo = await xmppClient(`xmpp://127.0.0.1:${server.port}`, 'romeo', 'orchard');
    let streamError = '';
    romeo.on('nonza', (element) => {
      streamError += element.toString();
    });
    await romeo.send(
      xml(
        'presence',
        { to: `${ROOM}/Romeo` },
        xml('x', { xmlns: 'http://jabber.org/protocol/muc' }),
      ),
    );
    await until(
      () => readFileSync(join(dir, 'live.scs'), 'utf8').includes('Romeo receives'),
      'the join',
    );
    expect(await server.stop('SIGINT')).toBe(0);
    expect(streamError).toContain('<system-shutdown xmlns="urn:ietf:params:xml:ns:xmpp-streams"/>');
    expect(server.output()).toContain('- Romeo disconnected: romeo@localhost/orchard (tcp)');
    const replay = await runCli(['run', join(dir, 'live.scs')]);
    expect(replay.code).toBe(0);
  });

  it('--record through a symbolic link writes the file it points to, and the link stays', async () => {
    const dir = tempFiles({ 'target.scs': '' });
    symlinkSync(join(dir, 'target.scs'), join(dir, 'link.scs'));
    const server = await spawnServe(['--record', 'link.scs'], dir);
    await xmppClient(`xmpp://127.0.0.1:${server.port}`, 'romeo', 'orchard');
    await until(() => server.output().includes('+ Romeo connected'), 'the connect line');
    expect(await server.stop('SIGINT')).toBe(0);
    expect(lstatSync(join(dir, 'link.scs')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'target.scs'), 'utf8')).toContain('[Client] Romeo');
  });

  it('a kill -9 mid-session leaves a recording that replays green', async () => {
    const dir = tempFiles({});
    const server = await spawnServe(['--record', 'killed.scs'], dir);
    const romeo = await xmppClient(`xmpp://127.0.0.1:${server.port}`, 'romeo', 'orchard');
    const juliet = await xmppClient(
      `ws://127.0.0.1:${server.wsPort}/xmpp-websocket`,
      'juliet',
      'balcony',
    );
    const enter = (nick: string) =>
      xml(
        'presence',
        { to: `${ROOM}/${nick}` },
        xml('x', { xmlns: 'http://jabber.org/protocol/muc' }),
      );
    await romeo.send(enter('Romeo'));
    // An instant room (§10.1.2), unlocked so that Juliet may enter.
    const submit = xml('x', { xmlns: 'jabber:x:data', type: 'submit' });
    await romeo.iqCaller.request(
      xml(
        'iq',
        { type: 'set', to: ROOM },
        xml('query', { xmlns: 'http://jabber.org/protocol/muc#owner' }, submit),
      ),
    );
    const julietIn = new Promise<void>((resolve) =>
      juliet.on('stanza', (stanza) => {
        if (stanza.toString().includes('<status code="110"/>')) resolve();
      }),
    );
    await juliet.send(enter('Juliet'));
    await julietIn;
    await romeo.send(
      xml('message', { to: ROOM, type: 'groupchat', id: 'm1' }, xml('body', {}, 'Juliet!')),
    );
    const recording = join(dir, 'killed.scs');
    await until(
      () =>
        readFileSync(recording, 'utf8').includes(
          'Juliet receives:\n\t<message type="groupchat" id="m1"',
        ),
      'the message',
    );
    expect(await server.stop('SIGKILL')).toBe(null);
    await Promise.allSettled([romeo.stop(), juliet.stop()]);
    const replay = await runCli(['run', recording]);
    expect(replay.stdout).toContain('1 passed, 0 failed');
    expect(replay.code).toBe(0);
  });

  it('exits 1 when the --script the virtual users play fails', async () => {
    const dir = tempFiles({
      'waits.scs': `[Client] Nurse\n\tjid: nurse@localhost\n\tpassword: password\n\n-----\n\nNurse connects\n\nNurse receives:\n\t<message><body>never</body></message>\n`,
    });
    const server = await spawnServe(['--script', 'waits.scs', '--script-timeout', '100ms'], dir);
    await until(() => server.output().includes('✘ waits.scs'), 'the script to fail');
    expect(server.output()).toContain('✘ waits.scs: Nurse receives (line 9)');
    expect(await server.stop('SIGTERM')).toBe(1);
  });
});
