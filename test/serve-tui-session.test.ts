// A debugger session with its door open: @xmpp/client joins the session's world over TCP and WebSocket, its actions are steps at the cursor, a typed virtual moderator kicks it, time travel is refused, pausing holds its stanzas, and the merged recording replays green — XEP-0045 §7.2, §8.2, §9.1 with a real client
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type XmppClient, xml } from '@xmpp/client';
import type { Element } from 'ltx';
import { afterEach, describe, expect, it } from 'vitest';
import { DebugSession } from '../src/debugger/debug-session.js';
import { openSessionDoor } from '../src/serve/session-door.js';
import { runCli, tempFiles } from './helpers/cli.js';
import { xmppClient } from './helpers/serve.js';

const ROOM = 'garden@conference.localhost';
const MUC = 'http://jabber.org/protocol/muc';

const sessions: DebugSession[] = [];
const clients: XmppClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) await client.stop().catch(() => undefined);
  for (const session of sessions.splice(0)) await session.doorway.close();
});

/** An empty simulator session whose `:serve` listens on free loopback ports. */
function servedSession(): DebugSession {
  const session = DebugSession.empty({
    openDoor: (opened, ports) =>
      openSessionDoor(opened, { ...ports, address: '127.0.0.1', seed: 1 }),
  });
  sessions.push(session);
  return session;
}

async function typed(session: DebugSession, ...lines: string[]): Promise<void> {
  for (const line of lines) {
    const outcome = await session.command(line);
    if (!outcome.ok) throw new Error(`${line}: ${outcome.message}`);
  }
}

/** Polls until `read` gives a value (a loaded machine is slow, never wrong). */
async function waitFor<T>(read: () => T | undefined, what: string): Promise<T> {
  const until = Date.now() + 15_000;
  for (;;) {
    const value = read();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Romeo, a real client, with everything it receives. */
async function romeoAt(service: string): Promise<{ romeo: XmppClient; received: Element[] }> {
  const romeo = await xmppClient(service, 'romeo', 'balcony');
  clients.push(romeo);
  const received: Element[] = [];
  romeo.on('stanza', (stanza) => received.push(stanza));
  return { romeo, received };
}

function stepLines(session: DebugSession): string[] {
  return session.steps.map((step) => {
    const via = step.via ? ` [${step.via}]` : step.origin === 'typed' ? ' [typed]' : '';
    return `${step.index + 1}. ${step.action.client} ${step.action.kind}${via}`;
  });
}

/** The Nurse (typed) opens the garden as its owner. */
async function nurseOpensTheGarden(session: DebugSession): Promise<void> {
  await typed(session, 'nurse connect', 'nurse join garden/Nurse', 'nurse config garden instant');
}

/** The Nurse opens the garden, the door opens, and Romeo (over TCP) joins it. */
async function romeoInTheGarden() {
  const session = servedSession();
  await nurseOpensTheGarden(session);
  const door = await session.doorway.open({ port: 0, wsPort: 0 });
  const { romeo, received } = await romeoAt(`xmpp://127.0.0.1:${door.port}`);
  await romeo.send(xml('presence', { to: `${ROOM}/Romeo` }, xml('x', { xmlns: MUC })));
  await waitFor(() => received.find((stanza) => stanza.attrs.from === `${ROOM}/Romeo`), 'join');
  return { session, door, romeo, received };
}

describe.each([
  ['TCP', (port: number, _ws: number) => `xmpp://127.0.0.1:${port}`],
  ['WebSocket', (_port: number, ws: number) => `ws://127.0.0.1:${ws}/xmpp-websocket`],
])('a debugger session with @xmpp/client over %s', (transport, serviceOf) => {
  it('takes its actions as steps at the cursor, and a typed moderator kicks it', async () => {
    const session = servedSession();
    await nurseOpensTheGarden(session);
    const door = await session.doorway.open({ port: 0, wsPort: 0 });
    const { romeo, received } = await romeoAt(serviceOf(door.port, door.wsPort));
    await romeo.send(xml('presence', { to: `${ROOM}/Romeo` }, xml('x', { xmlns: MUC })));
    const own = await waitFor(
      () => received.find((stanza) => stanza.attrs.from === `${ROOM}/Romeo`),
      "Romeo's own presence",
    );
    const occupantId = own.getChild('occupant-id', 'urn:xmpp:occupant-id:0')?.attrs.id;
    const via = transport === 'TCP' ? 'tcp' : 'websocket';
    expect(stepLines(session)).toEqual([
      '1. Nurse connects [typed]',
      '2. Nurse sends [typed]',
      '3. Nurse sends [typed]',
      `4. Romeo connects [${via}]`,
      `5. Romeo sends [${via}]`,
    ]);
    expect(session.cursor).toBe(5);
    // Enter on Romeo's presence leads to his step, as for any step.
    const join = session.trace.find(
      (entry) => entry.kind === 'input' && entry.stanza.attrs.to === `${ROOM}/Romeo`,
    );
    expect(session.stepOf(join?.seq ?? 0)).toBe(session.steps[4]);
    expect(door.clientCount()).toBe(1);
    expect(session.rooms()[0]?.occupants.map((occupant) => occupant.nick)).toEqual([
      'Nurse',
      'Romeo',
    ]);

    await typed(session, 'nurse kick garden Romeo Too loud');
    const kicked = await waitFor(
      () => received.find((stanza) => stanza.attrs.type === 'unavailable'),
      'the kick',
    );
    delete kicked.attrs.xmlns;
    expect(kicked.toString()).toBe(
      `<presence type="unavailable" from="${ROOM}/Romeo" to="romeo@localhost/balcony">` +
        `<occupant-id xmlns="urn:xmpp:occupant-id:0" id="${occupantId}"/>` +
        `<x xmlns="http://jabber.org/protocol/muc#user"><status code="307"/>` +
        `<item affiliation="none" role="none" jid="romeo@localhost/balcony">` +
        `<actor nick="Nurse"/><reason>Too loud</reason></item><status code="110"/></x></presence>`,
    );
    expect(session.rooms()[0]?.occupants.map((occupant) => occupant.nick)).toEqual(['Nurse']);
  });
});

describe('time travel with real clients', () => {
  it('works before a real client acts, and is refused once one has', async () => {
    const session = servedSession();
    await nurseOpensTheGarden(session);
    const door = await session.doorway.open({ port: 0, wsPort: 0 });
    expect(session.capabilities.timeTravel).toBe(true);
    await session.back();
    expect(session.notice).toBeUndefined();
    expect(session.cursor).toBe(2);
    await session.forward();
    // The door follows the session into the world the replay made.
    await romeoAt(`xmpp://127.0.0.1:${door.port}`);
    await waitFor(() => session.steps.some((step) => step.via === 'tcp'), "Romeo's connect");
    expect(session.world?.session('romeo@localhost/balcony')).toBeDefined();

    expect(session.capabilities.timeTravel).toBe(false);
    await session.back();
    const refusal =
      'no time travel: Romeo, a real client, has acted, and a real client cannot be rewound';
    expect(session.notice).toBe(refusal);
    expect(session.cursor).toBe(4);
    await session.restart();
    expect(session.notice).toBe(refusal);
    expect(session.cursor).toBe(4);
  });

  it('refuses to type as a real client, whose name typed users never get', async () => {
    const session = servedSession();
    await typed(session, 'juliet connect');
    const door = await session.doorway.open({ port: 0, wsPort: 0 });
    await romeoAt(`xmpp://127.0.0.1:${door.port}`);
    await waitFor(() => session.clientNames().includes('Romeo'), 'the real client');
    const outcome = await session.command('romeo join garden/Romeo');
    expect(outcome).toEqual({
      ok: false,
      message: 'Romeo is a real client (tcp): it sends its own stanzas; type as a virtual user',
    });
    expect((await session.sendRaw('romeo', '<presence/>')).message).toBe(outcome.message);
  });

  it('names a real client after the names typed users hold', async () => {
    const session = servedSession();
    await typed(session, 'romeo connect');
    const door = await session.doorway.open({ port: 0, wsPort: 0 });
    await romeoAt(`xmpp://127.0.0.1:${door.port}`);
    await waitFor(() => session.steps.some((step) => step.via === 'tcp'), 'the real client');
    expect(stepLines(session)).toEqual(['1. Romeo connects [typed]', '2. Juliet connects [tcp]']);
  });
});

describe('pausing the door', () => {
  it('holds what a real client sends until resumed, then runs it in order', async () => {
    const { session, door, romeo, received } = await romeoInTheGarden();
    const before = session.steps.length;

    door.pause();
    let changes = 0;
    session.subscribe(() => {
      changes += 1;
    });
    const message = (id: string, text: string) =>
      xml('message', { to: ROOM, type: 'groupchat', id }, xml('body', {}, text));
    await romeo.send(message('one', 'Is she there?'));
    await romeo.send(message('two', 'Juliet?'));
    await waitFor(() => door.held().length === 2, 'two held stanzas');
    expect(changes).toBe(2);
    expect(door.held().map((action) => `${action.client} ${action.kind}`)).toEqual([
      'Romeo sends',
      'Romeo sends',
    ]);
    expect(session.steps.length).toBe(before);
    const bodies = () =>
      session.trace.flatMap((entry) =>
        entry.kind === 'delivery' && entry.to.startsWith('nurse@')
          ? [entry.stanza.getChildText('body')].filter((body) => body !== null)
          : [],
      );
    expect(bodies()).toEqual([]);

    door.resume();
    expect(door.paused).toBe(false);
    expect(door.held()).toEqual([]);
    expect(stepLines(session).slice(before)).toEqual([
      `${before + 1}. Romeo sends [tcp]`,
      `${before + 2}. Romeo sends [tcp]`,
    ]);
    expect(bodies()).toEqual(['Is she there?', 'Juliet?']);
    await waitFor(() => received.find((stanza) => stanza.attrs.id === 'two'), 'the echo');
  });

  it("keeps a client's disconnect behind its held stanzas", async () => {
    const { session, door, romeo } = await romeoInTheGarden();
    door.pause();
    await romeo.send(
      xml('message', { to: ROOM, type: 'groupchat', id: 'bye' }, xml('body', {}, 'Bye')),
    );
    await romeo.stop();
    clients.splice(0);
    await waitFor(() => door.held().length === 2, 'the held disconnect');
    expect(door.clientCount()).toBe(1);
    door.resume();
    expect(stepLines(session).slice(-2)).toEqual([
      '6. Romeo sends [tcp]',
      '7. Romeo disconnects [tcp]',
    ]);
    expect(door.clientCount()).toBe(0);
  });
});

describe('the merged recording', () => {
  it('holds the real client and the typed users, and replays green with mucsim run', async () => {
    const { session, romeo, received } = await romeoInTheGarden();
    await romeo.send(
      xml('message', { to: ROOM, type: 'groupchat', id: 'ask' }, xml('body', {}, 'Where is she?')),
    );
    await waitFor(() => received.find((stanza) => stanza.attrs.id === 'ask'), 'the echo');
    await typed(session, 'nurse say garden On the balcony', 'nurse kick garden Romeo');
    await waitFor(() => received.find((stanza) => stanza.attrs.type === 'unavailable'), 'kick');
    await session.doorway.close();

    const recording = session.recording();
    expect(recording).toContain(
      '[Client] Romeo\n\tjid: romeo@localhost\n\tpassword: password\n\tresource: balcony\n',
    );
    expect(recording).toContain('# typed: nurse kick garden Romeo\nNurse sends:');
    expect(recording).toContain(
      'Romeo sends:\n\t<message to="garden@conference.localhost" type="groupchat" id="ask">',
    );
    expect(recording).toMatch(
      /Romeo receives:\n\t<presence type="unavailable" from="garden@conference.localhost\/Romeo"/,
    );
    const path = join(tempFiles({}), 'served.scs');
    writeFileSync(path, recording);
    const replay = await runCli(['run', path]);
    expect(replay.stdout).toContain('1 passed, 0 failed');
    expect(replay.code).toBe(0);
  });
});
