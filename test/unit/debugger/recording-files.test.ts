// The files a growing recording is kept in: after every step they hold exactly the session's recording, written by appending, by cutting back to the action a later step narrated, or whole — XEP-0045 sessions kept as .scs while they run
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DebugSession } from '../../../src/debugger/debug-session.js';
import { type FileWrites, RecordingFiles } from '../../../src/debugger/recording-files.js';
import { parseScript } from '../../../src/scansion/parser.js';

const TUTORIAL = resolve(import.meta.dirname, '../../../scenarios/tutorial');

/** Files in memory, written as a disk would be (truncation counts UTF-8 bytes); each write is logged. */
function memoryFiles() {
  const contents = new Map<string, Buffer>();
  const log: string[] = [];
  let failing = false;
  const writes: Required<FileWrites> = {
    append: (path, text, shown) => {
      if (failing) throw new Error(`cannot write ${shown}`);
      contents.set(path, Buffer.concat([contents.get(path) ?? Buffer.alloc(0), Buffer.from(text)]));
      log.push(`append ${path}`);
    },
    replace: (path, text, shown) => {
      if (failing) throw new Error(`cannot write ${shown}`);
      contents.set(path, Buffer.from(text));
      log.push(`replace ${path}`);
    },
    truncate: (path, bytes) => {
      contents.set(path, (contents.get(path) ?? Buffer.alloc(0)).subarray(0, bytes));
      log.push(`truncate ${path}`);
      return true;
    },
  };
  return {
    writes,
    log,
    read: (path: string) => contents.get(path)?.toString() ?? '',
    fail: (on: boolean) => {
      failing = on;
    },
  };
}

describe('RecordingFiles', () => {
  it('holds the recording after every step of a narrated lesson, mostly by appending', async () => {
    const path = resolve(TUTORIAL, '02-joining-and-roles.scs');
    const session = DebugSession.fromScript(parseScript(readFileSync(path, 'utf8'), path));
    const memory = memoryFiles();
    const files = new RecordingFiles(memory.writes);
    for (let step = await session.forward(); step; step = await session.forward()) {
      files.write('lesson.scs', session.recordingText());
      expect(memory.read('lesson.scs')).toBe(session.recording());
    }
    await session.command('juliet say garden Adieu, adieu — parting is such sweet sorrow');
    files.write('lesson.scs', session.recordingText());
    expect(memory.read('lesson.scs')).toBe(session.recording());
    const count = (kind: string) => memory.log.filter((line) => line.startsWith(kind)).length;
    // The head, then a new client's definition when a typed user connects.
    expect(count('replace')).toBe(1);
    expect(count('truncate')).toBeGreaterThan(3);
    expect(count('append')).toBeGreaterThan(count('truncate'));
  });

  it('writes a file whole after time travel, after a failed write, and for another recording', async () => {
    const session = DebugSession.empty();
    const memory = memoryFiles();
    const files = new RecordingFiles(memory.writes);
    const step = async (line: string) => {
      await session.command(line);
      files.write('a.scs', session.recordingText());
      expect(memory.read('a.scs')).toBe(session.recording());
    };
    await step('nurse connect');
    await step('nurse join garden/Nurse');
    await step('nurse config garden instant');
    expect(memory.log).toEqual(['replace a.scs', 'append a.scs', 'append a.scs']);
    await session.back();
    files.write('a.scs', session.recordingText());
    expect(memory.read('a.scs')).toBe(session.recording());
    expect(memory.log.at(-1)).toBe('replace a.scs');

    await session.command('nurse config garden instant');
    memory.fail(true);
    expect(() => files.write('a.scs', session.recordingText())).toThrow('cannot write a.scs');
    memory.fail(false);
    await step('nurse say garden Juliet!');
    expect(memory.log.at(-1)).toBe('replace a.scs');

    const other = DebugSession.empty();
    await other.command('romeo connect');
    files.write('a.scs', other.recordingText());
    expect(memory.read('a.scs')).toBe(other.recording());
    expect(memory.log.at(-1)).toBe('replace a.scs');
  });
});
