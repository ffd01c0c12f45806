// Test helper: runs one file of the bad-input corpus (test/fixtures/bad) and reads its expectation — hostile input around XEP-0045 scenarios
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { World } from '../../src/sim/world.js';
import { parseXml } from '../../src/xmpp/xml.js';
import { runCli } from './cli.js';
import { REPO_ROOT } from './suite.js';
import { createRoom, join as joinRoom, take } from './world.js';

export const BAD_DIR = join(REPO_ROOT, 'test', 'fixtures', 'bad');

export interface Expectation {
  /** The exit code; for a stanza, 0 (the world answered, or said nothing) or 2 (not well-formed XML). */
  code: number;
  /** The exact message, or substrings that must all appear (lines written `contains: …`). */
  exact?: string;
  contains: string[];
}

export interface Observation {
  code: number;
  /** What the user sees: the error lines, or the stanzas that came back (`nothing` if none). */
  message: string;
  /** Extra output that must carry the message too (`mucsim run`'s report of a .scs). */
  alsoShownBy?: { label: string; code: number; output: string };
  /** Anything else that went wrong: a crash entry in the world's trace. */
  crashes: string[];
}

/** Corpus files (`*.scs`, `*.xml`, `*.args`), sorted. */
export function corpusFiles(): string[] {
  return readdirSync(BAD_DIR)
    .filter((name) => /\.(scs|xml|args)$/.test(name))
    .sort();
}

export function readExpectation(file: string): Expectation {
  const text = readFileSync(join(BAD_DIR, file.replace(/\.(scs|xml|args)$/, '.expected')), 'utf8');
  const [first = '', ...rest] = text.replace(/\n+$/, '').split('\n');
  const contains = rest
    .filter((line) => line.startsWith('contains: '))
    .map((line) => line.slice(10));
  return contains.length > 0
    ? { code: Number(first), contains }
    : { code: Number(first), exact: rest.join('\n'), contains: [] };
}

const ROOM = 'room@conference.localhost';

/** Romeo owns an open room where Juliet is; the stanza is Romeo's. */
function sendAsRomeo(xml: string, file: string): Observation {
  const parsed = parseXml(xml);
  if (!parsed.ok) {
    const { line, column, message, expected } = parsed.error;
    return {
      code: 2,
      message: `${file}:${line}:${column}: ${message} (expected ${expected})`,
      crashes: [],
    };
  }
  const world = new World();
  const romeo = world.connect('romeo@localhost/pda');
  const juliet = world.connect('juliet@localhost/balcony');
  createRoom(world, romeo, `${ROOM}/Romeo`);
  joinRoom(world, juliet, `${ROOM}/Juliet`);
  take(world, romeo);
  world.send(romeo.jid, parsed.element);
  const received = take(world, romeo).map((stanza) => stanza.toString());
  const crashes = world.trace.entries.flatMap((entry) =>
    entry.kind === 'crash' ? [entry.stack] : [],
  );
  return { code: 0, message: received.length > 0 ? received.join('\n') : 'nothing', crashes };
}

export async function observe(file: string): Promise<Observation> {
  const path = join(BAD_DIR, file);
  const shown = relative(REPO_ROOT, path);
  if (file.endsWith('.xml')) return sendAsRomeo(readFileSync(path, 'utf8'), shown);
  if (file.endsWith('.args')) {
    const text = readFileSync(path, 'utf8').trim();
    // One line of words, or a JSON array for arguments a line cannot hold ('', spaces, escapes).
    const args: string[] = text.startsWith('[') ? JSON.parse(text) : text.split(/\s+/);
    const run = await runCli(args);
    return { code: run.code, message: `${run.stderr}${run.stdout}`.trim(), crashes: [] };
  }
  const check = await runCli(['check', shown]);
  const run = await runCli(['run', shown]);
  return {
    code: check.code,
    message: `${check.stderr}${check.stdout}`.trim(),
    alsoShownBy: {
      label: `mucsim run ${basename(file)}`,
      code: run.code,
      output: `${run.stderr}${run.stdout}`,
    },
    crashes: [],
  };
}
