// The --record file of mucsim serve: grows by appending, replaces itself when an earlier step must capture an id, and replays green either way — XEP-0045 §7.2, §17.4 (occupant iq relay)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Element, parse } from 'ltx';
import { describe, expect, it } from 'vitest';
import { recordingWriter } from '../src/cli/recording-writer.js';
import { RecordingFile } from '../src/serve/recording-file.js';
import { ServedWorld } from '../src/serve/served-world.js';
import { World } from '../src/sim/world.js';
import { runCli, tempFiles } from './helpers/cli.js';

const ROOM = 'room@conference.localhost';
const enter = (nick: string) =>
  parse(`<presence to='${ROOM}/${nick}'><x xmlns='http://jabber.org/protocol/muc'/></presence>`);

function servedWithRecording() {
  const dir = tempFiles({});
  const path = join(dir, 'session.scs');
  const served = new ServedWorld(new World());
  const recording = new RecordingFile(path, served, recordingWriter(dir));
  served.onStep(() => recording.update());
  const inboxes = new Map<string, Element[]>();
  const connect = (name: string, jid: string) => {
    const inbox: Element[] = [];
    inboxes.set(name, inbox);
    served.connect(name, jid, { transport: 'tcp', deliver: (stanza) => inbox.push(stanza) });
  };
  return { path, served, inboxes, connect, read: () => readFileSync(path, 'utf8') };
}

describe('RecordingFile', () => {
  it('appends each step to what is already written while the clients stay the same', () => {
    const { served, connect, read } = servedWithRecording();
    connect('Romeo', 'romeo@localhost/orchard');
    served.send('Romeo', enter('Romeo'));
    const before = read();
    served.send(
      'Romeo',
      parse(`<message to='${ROOM}' type='groupchat' id='m1'><body>Hi</body></message>`),
    );
    const after = read();
    expect(after.startsWith(before)).toBe(true);
    expect(after.slice(before.length)).toBe(
      `\nRomeo sends:\n\t<message to="${ROOM}" type="groupchat" id="m1">\n\t\t<body>Hi</body>\n\t</message>\n\nRomeo receives:\n\t<message type="groupchat" id="m1" from="${ROOM}/Romeo" to="\${Romeo's full JID}">\n\t\t<body>Hi</body>\n\t\t<occupant-id xmlns="urn:xmpp:occupant-id:0" id="{scansion:any}"/>\n\t\t<stanza-id xmlns="urn:xmpp:sid:0" by="${ROOM}" id="{scansion:any}"/>\n\t</message>\n`,
    );
  });

  it('captures a relayed iq id the answering client sends back, and replays green', async () => {
    const { served, connect, read, path, inboxes } = servedWithRecording();
    connect('Romeo', 'romeo@localhost/orchard');
    served.send('Romeo', enter('Romeo'));
    served.send(
      'Romeo',
      parse(
        `<iq type='set' to='${ROOM}' id='c1'><query xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='jabber:x:data' type='submit'/></query></iq>`,
      ),
    );
    connect('Juliet', 'juliet@localhost/balcony');
    served.send('Juliet', enter('Juliet'));
    served.send(
      'Romeo',
      parse(`<iq type='get' to='${ROOM}/Juliet' id='v1'><query xmlns='jabber:iq:version'/></iq>`),
    );
    const relayed = inboxes.get('Juliet')?.find((stanza) => stanza.name === 'iq') as Element;
    const written = read();
    expect(written).not.toContain('{scansion:capture:');
    served.send(
      'Juliet',
      parse(
        `<iq type='result' to='${relayed.attrs.from}' id='${relayed.attrs.id}'><query xmlns='jabber:iq:version'><name>balcony</name></query></iq>`,
      ),
    );
    const text = read();
    expect(text).toContain('{scansion:capture:id1}');
    expect(text).toContain(
      `Romeo receives:\n\t<iq type="result" to="\${Romeo's full JID}" id="v1" from="${ROOM}/Juliet">`,
    );
    const replay = await runCli(['run', path]);
    expect(replay.stdout).toContain('1 passed, 0 failed');
  });
});
