// Tests of time travel from checkpoints: after stepping back (once, many times, across checkpoints, after typed steps, with a timer pending), the world and everything the session derives are byte for byte those of a fresh replay, and going forward again gives the trace of never going back — XEP-0045 scenarios (§7–§10) stepped backwards
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DebugSession, type DebugSessionOptions } from '../src/debugger/debug-session.js';
import { traceToJsonLines } from '../src/muc/trace-json.js';
import { parseScript } from '../src/scansion/parser.js';
import type { Script } from '../src/scansion/script.js';
import { sessionState, worldState } from './helpers/session-digest.js';
import { prosodySuiteDir, REPO_ROOT, scriptsIn } from './helpers/suite.js';

const ROOM = 'room@conference.localhost';

function load(path: string): Script {
  return parseScript(readFileSync(path, 'utf8'), basename(path));
}

/** The world's state and the session's, as text. */
function stateOf(session: DebugSession): string {
  const world = session.world;
  if (!world) throw new Error('not on the simulator');
  return `${worldState(world)}\n${sessionState(session)}`;
}

/** The state of a fresh session after each of the first steps, stepped straight forward. */
async function straightStates(script: Script, options: DebugSessionOptions, until: number) {
  const session = DebugSession.fromScript(script, options);
  const states = [stateOf(session)];
  while (session.cursor < until && (await session.forward())) states.push(stateOf(session));
  return states;
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

const SCENARIO_FILES = [
  ...scriptsIn(join(REPO_ROOT, 'scenarios', 'tutorial')),
  ...scriptsIn(join(REPO_ROOT, 'scenarios', 'xep0045')),
];
const SUITE_FILES = scriptsIn(prosodySuiteDir());

describe('time travel from checkpoints: every scenario', () => {
  it('finds the scenarios and the Prosody suite', () => {
    expect(SCENARIO_FILES.length).toBeGreaterThan(50);
    expect(SUITE_FILES.length).toBeGreaterThan(10);
  });

  for (const file of [...SCENARIO_FILES, ...SUITE_FILES]) {
    it(`${basename(file)}: back to each cursor is a fresh replay, forward again the same trace`, async () => {
      await checkBackAndForth(load(file), { checkpointEvery: 4 });
    }, 60_000);
  }
});
