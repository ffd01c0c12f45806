// Tests of time travel from checkpoints: after stepping back (once, many times, across checkpoints, after typed steps, with a timer pending), the world and everything the session derives are byte for byte those of a fresh replay, and going forward again gives the trace of never going back — XEP-0045 scenarios (§7–§10) stepped backwards
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DebugSession, type DebugSessionOptions } from '../src/debugger/debug-session.js';
import { traceToJsonLines } from '../src/muc/trace-json.js';
import { parseScript } from '../src/scansion/parser.js';
import type { Script } from '../src/scansion/script.js';
import { notRunAfterCursor, sessionState, worldState } from './helpers/session-digest.js';
import { prosodySuiteDir, REPO_ROOT, scriptsIn } from './helpers/suite.js';

const ROOM = 'room@conference.localhost';

function load(path: string): Script {
  return parseScript(readFileSync(path, 'utf8'), basename(path));
}

/** The world's state and the session's, as text. */
function stateOf(session: DebugSession): string {
  const world = session.world;
  if (!world) throw new Error('not on the simulator');
  expect(notRunAfterCursor(session)).toBe(true);
  return `${worldState(world)}\n${sessionState(session)}`;
}

/** The state of a fresh session after each of the first steps, stepped straight forward. */
async function straightStates(script: Script, options: DebugSessionOptions, until: number) {
  const session = DebugSession.fromScript(script, options);
  const states = [stateOf(session)];
  while (session.cursor < until && (await session.forward())) states.push(stateOf(session));
  return states;
}

/** Steps back to 0, comparing the state at every cursor with `straight`'s. */
async function backToStart(session: DebugSession, straight: readonly string[], label: string) {
  while (session.cursor > 0) {
    await session.back();
    expect(stateOf(session), `${label} at ${session.cursor}`).toBe(straight[session.cursor]);
  }
}

/** The cursors a script is checked at: each of them for short scripts, else a spread with the last. */
function cursorsOf(length: number): number[] {
  return length <= 40
    ? Array.from({ length: length + 1 }, (_, cursor) => cursor)
    : [0, 1, 2, 3, 7, 8, 9, 15, 16, 17, Math.floor(length / 2), length - 2, length - 1, length];
}

/**
 * Runs the script to its end (or first failure), then steps back to every cursor checked,
 * comparing with straight runs; then forward to the end again, comparing the traces.
 */
async function checkBackAndForth(script: Script, options: DebugSessionOptions): Promise<void> {
  const session = DebugSession.fromScript(script, options);
  await session.run();
  const end = session.cursor;
  const straight = await straightStates(script, options, end);
  const finalTrace = traceToJsonLines(session.trace);
  const wanted = new Set(cursorsOf(end));
  while (session.cursor > 0) {
    await session.back();
    if (wanted.has(session.cursor)) {
      expect(stateOf(session), `${script.file} at ${session.cursor}`).toBe(
        straight[session.cursor],
      );
    }
  }
  await session.run();
  expect(session.cursor).toBe(end);
  expect(traceToJsonLines(session.trace)).toBe(finalTrace);
  expect(stateOf(session)).toBe(straight[end]);
}

const SCENARIOS = join(REPO_ROOT, 'scenarios');
const SCENARIO_FILES = readdirSync(SCENARIOS)
  .sort()
  .flatMap((directory) => scriptsIn(join(SCENARIOS, directory)));
const SUITE_FILES = scriptsIn(prosodySuiteDir());

describe('time travel from checkpoints: every scenario', () => {
  it('finds the scenarios and the Prosody suite', () => {
    expect(SCENARIO_FILES.length).toBeGreaterThan(70);
    expect(SUITE_FILES.length).toBeGreaterThan(10);
  });

  for (const file of [...SCENARIO_FILES, ...SUITE_FILES]) {
    it(`${basename(dirname(file))}/${basename(file)}: back to each cursor is a fresh replay, forward again the same trace`, async () => {
      await checkBackAndForth(load(file), { checkpointEvery: 4 });
    }, 60_000);
  }
});

/** Romeo opens a room, Juliet joins; then `body` (script text), every stanza to ROOM. */
function roomScript(body: string): Script {
  const text = `[Client] Romeo
\tjid: romeo@localhost/r

[Client] Juliet
\tjid: juliet@localhost/j

-----

Romeo connects

Romeo sends:
\t<presence to='${ROOM}/Romeo'><x xmlns='http://jabber.org/protocol/muc'/></presence>

Juliet connects

${body}
`;
  return parseScript(text, 'room.scs');
}

const CONFIGURE = `Romeo sends:
\t<iq type='set' id='c1' to='${ROOM}'><query xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='jabber:x:data' type='submit'/></query></iq>
`;

const JULIET_JOINS = `Juliet sends:
\t<presence to='${ROOM}/Juliet'><x xmlns='http://jabber.org/protocol/muc'/></presence>
`;

/** `count` groupchat messages from Romeo. */
function talk(count: number): string {
  return Array.from(
    { length: count },
    (_, i) =>
      `Romeo sends:\n\t<message to='${ROOM}' type='groupchat'><body>line ${i}</body></message>\n`,
  ).join('\n');
}

describe('time travel from checkpoints: what a checkpoint must keep', () => {
  for (const every of [1, 2, 5]) {
    it(`a room's lock timer, pending then run as time passes it (a checkpoint every ${every})`, async () => {
      // A minute a step: the lock of the unconfigured room runs out (5 min) mid-script.
      const script = roomScript(`${JULIET_JOINS}\n${talk(2)}\n${JULIET_JOINS}\n${talk(4)}`);
      const options = { checkpointEvery: every, world: { stepMs: 60_000 } };
      const session = DebugSession.fromScript(script, options);
      await session.run();
      const opened = session.transitions().filter((view) => view.text.includes('locked → open'));
      expect(opened).toHaveLength(1);
      const straight = await straightStates(script, options, session.cursor);
      const world = session.world;
      await session.back();
      // Restored in place from a checkpoint, not made again.
      expect(session.world).toBe(world);
      await backToStart(session, straight, `lock, every ${every}`);
    });

    it(`an iq relayed to an occupant (its id names the requester) and not yet answered (a checkpoint every ${every})`, async () => {
      const version = `Romeo sends:\n\t<iq type='get' id='v1' to='${ROOM}/Juliet'><query xmlns='jabber:iq:version'/></iq>\n`;
      const script = roomScript(`${CONFIGURE}\n${JULIET_JOINS}\n${version}\n${talk(3)}`);
      const options = { checkpointEvery: every };
      const session = DebugSession.fromScript(script, options);
      await session.run();
      const straight = await straightStates(script, options, session.cursor);
      await backToStart(session, straight, `relayed iq, every ${every}`);
    });
  }

  it('the archive after the room is destroyed and made again', async () => {
    const destroy = `Romeo sends:\n\t<iq type='set' id='d1' to='${ROOM}'><query xmlns='http://jabber.org/protocol/muc#owner'><destroy/></query></iq>\n`;
    const body = `${CONFIGURE}\n${talk(3)}\n${destroy}\nRomeo sends:\n\t<presence to='${ROOM}/Romeo'><x xmlns='http://jabber.org/protocol/muc'/></presence>\n\n${CONFIGURE}\n${talk(3)}`;
    const script = roomScript(body);
    const options = { checkpointEvery: 3 };
    const session = DebugSession.fromScript(script, options);
    await session.run();
    expect(session.world?.service.room(ROOM)?.state.archive).toHaveLength(3);
    const straight = await straightStates(script, options, session.cursor);
    await backToStart(session, straight, 'archive');
  });

  const SUBJECT = `<message to='${ROOM}' type='groupchat' id='s1'><subject>typed at 4</subject></message>`;

  it('typed steps: going back across them, typing at an earlier cursor, forward again', async () => {
    const script = roomScript(`${CONFIGURE}\n${JULIET_JOINS}\n${talk(8)}`);
    const options = { checkpointEvery: 3 };
    const session = DebugSession.fromScript(script, options);
    for (let i = 0; i < 6; i += 1) await session.forward();
    expect((await session.command(`juliet say ${ROOM} first typed`)).ok).toBe(true);
    for (let i = 0; i < 4; i += 1) await session.forward();
    for (let i = 0; i < 7; i += 1) await session.back();
    expect(session.cursor).toBe(4);
    // Raw XML, its id given: a typed command's generated id counts the commands typed before.
    expect((await session.sendRaw('Romeo', SUBJECT)).ok).toBe(true);
    await session.run();

    // The same timeline, typed in order by a session that never went back.
    const fresh = DebugSession.fromScript(script, options);
    const straight = [stateOf(fresh)];
    const step = async (work: () => Promise<unknown>) => {
      await work();
      straight.push(stateOf(fresh));
    };
    for (let i = 0; i < 4; i += 1) await step(() => fresh.forward());
    await step(() => fresh.sendRaw('Romeo', SUBJECT));
    for (let i = 0; i < 2; i += 1) await step(() => fresh.forward());
    await step(() => fresh.command(`juliet say ${ROOM} first typed`));
    while (fresh.cursor < session.cursor) await step(() => fresh.forward());

    expect(traceToJsonLines(session.trace)).toBe(traceToJsonLines(fresh.trace));
    expect(stateOf(session)).toBe(straight[session.cursor]);
    await backToStart(session, straight, 'typed');
  });

  it('back after restart, and restart after back, start from a fresh world', async () => {
    const script = roomScript(`${CONFIGURE}\n${JULIET_JOINS}\n${talk(6)}`);
    const options = { checkpointEvery: 2 };
    const session = DebugSession.fromScript(script, options);
    await session.run();
    const straight = await straightStates(script, options, session.cursor);
    await session.back();
    await session.restart();
    expect(stateOf(session)).toBe(straight[0]);
    await session.run();
    await backToStart(session, straight, 'after restart');
  });
});
