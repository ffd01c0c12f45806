// A real XMPP client for end-to-end tests: @xmpp/client logs in over TCP and joins a room, then sends each line it reads as a groupchat message; it prints every stanza it receives, one per line — XEP-0045 §7.2 from outside
import { createInterface } from 'node:readline';
import { client, xml } from '@xmpp/client';

const [port, username, resource, room, nick] = process.argv.slice(2);
const xmpp = client({
  service: `xmpp://127.0.0.1:${port}`,
  domain: 'localhost',
  resource,
  credentials: (authenticate) => authenticate({ username, password: 'any' }, 'PLAIN'),
});
xmpp.reconnect.stop();
xmpp.on('error', (error) => console.log(`ERROR ${error.message}`));
xmpp.on('stanza', (stanza) => console.log(`RECEIVED ${stanza.toString()}`));
await xmpp.start();
console.log('ONLINE');
await xmpp.send(
  xml('presence', { to: `${room}/${nick}` }, xml('x', { xmlns: 'http://jabber.org/protocol/muc' })),
);
for await (const line of createInterface({ input: process.stdin })) {
  await xmpp.send(xml('message', { to: room, type: 'groupchat' }, xml('body', {}, line)));
}
await xmpp.stop();
