// Another lesson with the door open: before a real client acts the door follows it on the same ports; once one has acted the lesson stays, as time travel does — XEP-0045 rooms shared by real and virtual users (§7)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { XmppClient } from '@xmpp/client';
import { afterEach, describe, expect, it } from 'vitest';
import { DebugSession } from '../src/debugger/debug-session.js';
import { parseScript } from '../src/scansion/parser.js';
import { openSessionDoor } from '../src/serve/session-door.js';
import { xmppClient } from './helpers/serve.js';
import { KEY, type Rendered, renderApp } from './helpers/tui-render.js';
import { TUTORIAL } from './helpers/tui-session.js';

const FIRST = join(TUTORIAL, '01-create-and-configure.scs');
const sessions: DebugSession[] = [];
const clients: XmppClient[] = [];
const apps: Rendered[] = [];

afterEach(async () => {
  for (const app of apps.splice(0)) app.unmount();
  for (const client of clients.splice(0)) await client.stop().catch(() => undefined);
  for (const session of sessions.splice(0)) await session.doorway.close();
});

/** A lesson on the simulator whose `:serve` listens on loopback, as `mucsim tui` opens it. */
function servedLesson(path: string): DebugSession {
  const session = DebugSession.fromScript(parseScript(readFileSync(path, 'utf8'), path), {
    openDoor: (opened, ports) =>
      openSessionDoor(opened, { ...ports, address: '127.0.0.1', seed: 1 }),
  });
  sessions.push(session);
  return session;
}

async function openLessonsWithDoor(): Promise<Rendered> {
  const app = await renderApp(servedLesson(FIRST), {
    size: { width: 160, height: 40 },
    lessons: {
      scriptPath: FIRST,
      openScript: async (path) => ({ session: servedLesson(path), path }),
      lessonsFolder: TUTORIAL,
    },
  });
  apps.push(app);
  return app;
}

/** Polls the frame (the door opens and clients connect outside ink's render). */
async function frameWith(app: Rendered, text: string): Promise<string> {
  const until = Date.now() + 15_000;
  while (!app.frame().includes(text)) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${text}:\n${app.frame()}`);
    await app.press('?', KEY.esc);
  }
  return app.frame();
}

async function serve(app: Rendered): Promise<{ port: number; wsPort: number }> {
  await app.press(':');
  await app.type('serve --port 0 --ws-port 0');
  await app.press(KEY.enter);
  const frame = await frameWith(app, 'door open: TCP');
  const [, port = '0', wsPort = '0'] = /door tcp:(\d+) ws:(\d+)/.exec(frame) ?? [];
  return { port: Number(port), wsPort: Number(wsPort) };
}

describe('another lesson while the door is open', () => {
  it('takes the door along on the same ports while no real client has acted', async () => {
    const app = await openLessonsWithDoor();
    const ports = await serve(app);
    await app.press(']');
    const frame = await frameWith(app, 'opened Lesson 2:');
    expect(frame).toContain(`the door followed: TCP 127.0.0.1:${ports.port}`);
    expect(frame).toContain(`door tcp:${ports.port} ws:${ports.wsPort} · 0 clients`);
    const [first, second] = sessions;
    expect(first?.doorway.door).toBeUndefined();
    expect(second?.doorway.door?.port).toBe(ports.port);

    clients.push(await xmppClient(`xmpp://127.0.0.1:${ports.port}`, 'romeo', 'balcony'));
    await frameWith(app, 'connects [tcp]');
    expect(second?.steps.filter((step) => step.via).map((step) => step.action.kind)).toEqual([
      'connects',
    ]);
    expect(first?.steps.some((step) => step.via)).toBe(false);
  });

  it('keeps the lesson once a real client has acted in it', async () => {
    const app = await openLessonsWithDoor();
    const ports = await serve(app);
    clients.push(await xmppClient(`xmpp://127.0.0.1:${ports.port}`, 'romeo', 'balcony'));
    await frameWith(app, 'connects [tcp]');
    // The lesson's users hold Romeo and Juliet: the real client takes the next free name.
    const real = sessions[0]?.steps.find((step) => step.via)?.action.client;
    expect(real).toBe('Mercutio');
    await app.press(']');
    const frame = await frameWith(app, 'no other lesson');
    expect(frame).toContain(
      'no other lesson: Mercutio, a real client, has acted in this one, and a real client cannot be',
    );
    expect(frame).toContain('Lesson 1:');
    expect(frame).toContain('· 1 client');
    expect(sessions).toHaveLength(1);
  });
});
