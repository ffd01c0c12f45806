// @xmpp/client over TCP and WebSocket in mucsim serve: joins a room, talks with a scripted virtual user, and the recording replays green — XEP-0045 §7.2 and §7.4 with a real client
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { xml } from '@xmpp/client';
import type { Element } from 'ltx';
import { afterEach, describe, expect, it } from 'vitest';
import { recordingWriter } from '../src/cli/recording-writer.js';
import { parseScript } from '../src/scansion/parser.js';
import { playScript } from '../src/serve/script-users.js';
import type { RunningServer } from '../src/serve/server.js';
import { runCli, tempFiles } from './helpers/cli.js';
import { startTestServer, xmppClient } from './helpers/serve.js';

const ROOM = 'room@conference.localhost';

/** The virtual user: creates the room, waits for a real client to join, greets it, and answers its question. */
const NURSE = `# The nurse waits in the room

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
	<iq type='result' from='${ROOM}' id='unlock'/>

Nurse receives:
	<presence from='${ROOM}/Romeo'/>

Nurse sends:
	<message to='${ROOM}' type='groupchat' id='greet'>
		<body>Welcome, Romeo</body>
	</message>

Nurse receives:
	<message from='${ROOM}/Romeo' type='groupchat'>
		<body>Where is Juliet?</body>
	</message>

Nurse sends:
	<message to='${ROOM}' type='groupchat' id='answer'>
		<body>On the balcony</body>
	</message>
`;

function waitFor(stanzas: Element[], predicate: (stanza: Element) => boolean): Promise<Element> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      const found = stanzas.find(predicate);
      if (found) resolve(found);
      else if (Date.now() - started > 5000) reject(new Error('timed out waiting for a stanza'));
      else setTimeout(poll, 10);
    };
    poll();
  });
}

const bodyIs = (text: string) => (stanza: Element) => stanza.getChildText('body') === text;

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe.each([
  ['TCP', (running: RunningServer) => `xmpp://127.0.0.1:${running.port}`],
  ['WebSocket', (running: RunningServer) => `ws://127.0.0.1:${running.wsPort}/xmpp-websocket`],
])('@xmpp/client over %s', (_transport, serviceOf) => {
  it('joins a room, talks with a scripted virtual user, and the recording replays green', async () => {
    const dir = tempFiles({});
    const recordPath = join(dir, 'session.scs');
    server = await startTestServer({ record: { path: recordPath, persist: recordingWriter(dir) } });
    const nurse = playScript(server.served, parseScript(NURSE, 'nurse.scs'), 5000);
    const romeo = await xmppClient(serviceOf(server), 'romeo', 'orchard');
    const received: Element[] = [];
    romeo.on('stanza', (stanza) => received.push(stanza));
    await romeo.send(xml('presence'));
    await romeo.send(
      xml(
        'presence',
        { to: `${ROOM}/Romeo` },
        xml('x', { xmlns: 'http://jabber.org/protocol/muc' }),
      ),
    );
    const selfPresence = await waitFor(received, (stanza) => stanza.attrs.from === `${ROOM}/Romeo`);
    expect(selfPresence.toString()).toContain('<status code="110"/>');
    await waitFor(received, bodyIs('Welcome, Romeo'));
    await romeo.send(
      xml(
        'message',
        { to: ROOM, type: 'groupchat', id: 'ask' },
        xml('body', {}, 'Where is Juliet?'),
      ),
    );
    await waitFor(received, bodyIs('On the balcony'));
    const played = await nurse;
    expect(played.steps.filter((step) => step.status === 'failed')).toEqual([]);
    const roster = await romeo.iqCaller.request(
      xml('iq', { type: 'get' }, xml('query', { xmlns: 'jabber:iq:roster' })),
    );
    delete roster.attrs.xmlns;
    expect(roster.toString()).toBe(
      `<iq type="result" to="romeo@localhost/orchard" id="${roster.attrs.id}"><query xmlns="jabber:iq:roster" ver="1"/></iq>`,
    );
    await romeo.stop();
    await server.close();
    server = undefined;

    const recording = readFileSync(recordPath, 'utf8');
    expect(recording).toContain(
      '[Client] Romeo\n\tjid: romeo@localhost\n\tpassword: password\n\tresource: orchard\n',
    );
    expect(recording).toContain('[Client] Nurse\n');
    expect(recording).toContain(
      'Romeo sends:\n\t<message to="room@conference.localhost" type="groupchat" id="ask">',
    );
    expect(recording).toMatch(
      /Romeo receives:\n\t<message type="groupchat" id="answer" from="room@conference.localhost\/Nurse"/,
    );
    expect(recording).toContain('\nRomeo disconnects\n');
    // The server's shutdown disconnects the virtual user that stayed in the room.
    expect(recording.trimEnd().endsWith('Nurse disconnects')).toBe(true);
    const replay = await runCli(['run', recordPath]);
    expect(replay.stdout).toContain('1 passed, 0 failed');
    expect(replay.code).toBe(0);
  });
});
