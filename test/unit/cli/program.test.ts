// The command tree: every command listed from the table, only the requested one loaded, and the table true to the commands — the mucsim CLI around XEP-0045 scenarios
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../src/cli/io.js';
import { COMMANDS, makeProgram } from '../../../src/cli/program.js';
import { requestedCommand } from '../../../src/cli/requested-command.js';

function captureIo(): CliIo & { written: () => string } {
  let written = '';
  const write = (text: string) => {
    written += text;
  };
  return { out: write, err: write, env: {}, isTTY: false, cwd: '/', written: () => written };
}

const argv = (...args: string[]) => ['node', 'mucsim', ...args];

describe('requestedCommand', () => {
  it.each([
    [['run', 'a.scs'], 'run'],
    [['--version'], undefined],
    [[], undefined],
    [['-h', 'tui', '--seed', '3'], 'tui'],
    [['help', 'diff'], 'diff'],
    [['help'], undefined],
    [['--', 'explain', '307'], 'explain'],
    [['nonsense', 'run'], 'nonsense'],
  ])('finds the command of %j', (args, expected) => {
    expect(requestedCommand(args)).toBe(expected);
  });
});

describe('the command table', () => {
  it.each(COMMANDS.map((entry) => [entry.name, entry] as const))(
    '%s: the loaded command has the name and usage the table lists',
    async (_name, entry) => {
      const command = (await entry.load())(captureIo(), () => {});
      expect(command.name()).toBe(entry.name);
      expect(command.usage()).toBe(entry.usage);
    },
  );

  it('keeps every summary to one line of `mucsim --help` at 80 columns', async () => {
    const io = captureIo();
    const program = await makeProgram(argv('--help'), io, () => {});
    await expect(program.parseAsync(argv('--help'))).rejects.toThrow();
    for (const entry of COMMANDS) {
      expect(io.written()).toContain(`  ${entry.name} ${entry.usage}`.padEnd(32) + entry.summary);
    }
    const widest = Math.max(
      ...io
        .written()
        .split('\n')
        .map((line) => line.length),
    );
    expect(widest).toBeLessThanOrEqual(80);
  });
});

describe('makeProgram', () => {
  it('builds the requested command in full and the others by name only', async () => {
    const program = await makeProgram(argv('run', 'x.scs'), captureIo(), () => {});
    const run = program.commands.find((command) => command.name() === 'run');
    const tui = program.commands.find((command) => command.name() === 'tui');
    expect(run?.options.map((option) => option.long)).toContain('--reporter');
    expect(tui?.options).toEqual([]);
  });

  it('gives `help <command>` the command’s own help', async () => {
    const io = captureIo();
    const program = await makeProgram(argv('help', 'run'), io, () => {});
    await expect(program.parseAsync(argv('help', 'run'))).rejects.toThrow();
    expect(io.written()).toContain('Usage: mucsim run [options] <paths...>');
    expect(io.written()).toContain('--reporter <kind>');
  });

  it('reports a command that ran without being loaded as a bug, not as success', async () => {
    const program = await makeProgram(argv(), captureIo(), () => {});
    await expect(program.parseAsync(argv('check', 'a.scs'))).rejects.toThrow(
      'the check command was run without being loaded',
    );
  });
});
