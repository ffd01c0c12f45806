// The real, deterministic debugger engine on the TUI's test script — a XEP-0045 room created, joined and a role changed (§7.2, §9.6, §10.1)
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DebugSession } from '../../src/debugger/debug-session.js';
import { parseScript } from '../../src/scansion/parser.js';
import { REPO_ROOT } from './suite.js';

export const GARDEN_PATH = join(REPO_ROOT, 'test', 'fixtures', 'tui', 'garden.scs');
export const GARDEN_SCRIPT = readFileSync(GARDEN_PATH, 'utf8');

/** The garden script on the simulator: seven steps, the last of which fails. */
export function gardenSession(options: { seed?: number } = {}): DebugSession {
  return DebugSession.fromScript(parseScript(GARDEN_SCRIPT, 'garden.scs'), options);
}

/** A lesson of the tutorial on the simulator, and how the debugger opens the others. */
export const TUTORIAL = join(REPO_ROOT, 'scenarios', 'tutorial');

export function lessonSession(file: string): DebugSession {
  const path = join(TUTORIAL, file);
  return DebugSession.fromScript(parseScript(readFileSync(path, 'utf8'), path));
}

export async function openLesson(path: string): Promise<{ session: DebugSession; path: string }> {
  if (!existsSync(path)) throw new Error(`${path}: no such file`);
  return { session: DebugSession.fromScript(parseScript(readFileSync(path, 'utf8'), path)), path };
}
