// Start-up benchmark: whole mucsim processes against `node -e 0` as paired medians, and the debugger's first frame on a lesson in a real terminal — how soon a person sees XEP-0045 at work
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseScript } from '../src/scansion/parser.js';
import { percentile, REPO_ROOT } from './harness.js';
import { suiteDirs, suiteFiles } from './suite.js';

export const LESSON = 'scenarios/tutorial/01-create-and-configure.scs';
const BIN = 'dist/bin/mucsim.js';
/** The terminal the debugger is measured in (the size of bench/tui.ts). */
const COLUMNS = 160;
const ROWS = 48;
const FRAME_TIMEOUT_MS = 10_000;

/** A command's time as paired medians against `node -e 0`, run alternately with it. */
export interface PairedTimes {
  command: string;
  pairs: number;
  medianMs: number;
  floorMs: number;
  /** Median of the per-pair ratios command ÷ floor, and their quartiles (the spread). */
  ratio: number;
  ratioP25: number;
  ratioP75: number;
}

/** Time from spawning a process in a terminal to the screen showing something. */
export interface ScreenTimes {
  command: string;
  samples: number;
  /** The first frame: the lesson's file name or its title on the screen. */
  frameMs: number;
  frameMinMs: number;
  frameMaxMs: number;
  /** The lesson's title on the screen; null when it never appeared. */
  titleMs: number | null;
}

export type StartupResult =
  | {
      measured: true;
      help: PairedTimes;
      runOne: PairedTimes & { script: string };
      /** `mucsim run` on the suite and scenarios/: one process, start to exit. */
      runSuite: PairedTimes;
      tui: ScreenTimes;
      /** `node scripts/start.mjs` (what npm start runs), in turns with the binary. */
      startScript: ScreenTimes;
      /** Median, run for run, of start.mjs's first frame minus the binary's. */
      startScriptExtraMs: number;
      /** `npm start` as a person types it: npm's own start-up included. */
      npmStart: ScreenTimes;
      lesson: string;
      title: string;
      size: string;
    }
  | { measured: false; reason: string };

const median = (values: number[]) => percentile(values, 50);

function timeProcess(args: string[]): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { cwd: REPO_ROOT, stdio: 'ignore' });
  const elapsed = performance.now() - started;
  // 1 is a script that failed: the run still went from start to exit.
  if (run.status === null || run.status > 1) {
    throw new Error(`node ${args.join(' ')} exited with ${run.status ?? run.signal}`);
  }
  return elapsed;
}

/**
 * Runs `node <args>` and `node -e 0` alternately, `pairs` times (ABBA order, so a drift in the
 * machine's load weighs on both), and compares each run with the floor run beside it.
 */
export function pairedWithNode(args: string[], pairs: number, warmup = 1): PairedTimes {
  const floor = ['-e', '0'];
  for (let index = 0; index < warmup; index += 1) {
    timeProcess(floor);
    timeProcess(args);
  }
  const floors: number[] = [];
  const times: number[] = [];
  for (let index = 0; index < pairs; index += 1) {
    if (index % 2 === 0) {
      floors.push(timeProcess(floor));
      times.push(timeProcess(args));
    } else {
      times.push(timeProcess(args));
      floors.push(timeProcess(floor));
    }
  }
  const ratios = times.map((time, index) => time / floors[index]!);
  return {
    command: `node ${args.join(' ')}`,
    pairs,
    medianMs: median(times),
    floorMs: median(floors),
    ratio: median(ratios),
    ratioP25: percentile(ratios, 25),
    ratioP75: percentile(ratios, 75),
  };
}

const quote = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;
// biome-ignore lint/suspicious/noControlCharactersInRegex: terminal escape sequences
const ESCAPES = /\u001b(\[[0-?]*[ -/]*[@-~]|\][^\u0007]*\u0007|[()][0-9A-B]|[=>78M])/g;

/**
 * Spawns `command` in a fresh pseudo-terminal of COLUMNS×ROWS (script(1) from util-linux) with CI
 * unset (ink draws only a last frame under CI), and times the screen showing `frame`, then
 * `title`; then quits with `q`.
 */
function timeScreen(
  command: string[],
  frame: string,
  title: string,
): Promise<{ frameMs: number; titleMs: number | null }> {
  const { CI: _ci, ...env } = process.env;
  const shell = `stty cols ${COLUMNS} rows ${ROWS} && exec ${command.map(quote).join(' ')}`;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('script', ['-qfec', shell, '/dev/null'], {
      cwd: REPO_ROOT,
      env: { ...env, TERM: 'xterm-256color' },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    let screen = '';
    let frameMs: number | undefined;
    let titleMs: number | null = null;
    let finished = false;
    // Once: output that follows the `q` (the screen restored) must not write to a closed pipe.
    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      child.stdin.write('q');
      // The debugger quits on q; a stuck one is stopped with its terminal.
      const stop = setTimeout(() => child.kill(), 2000);
      child.once('exit', () => {
        clearTimeout(stop);
        if (frameMs === undefined) reject(new Error(`no frame from ${command.join(' ')}`));
        else resolve({ frameMs, titleMs });
      });
    };
    const timer = setTimeout(finish, FRAME_TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString('utf8');
      const text = screen.replace(ESCAPES, '');
      const now = performance.now() - started;
      if (frameMs === undefined && (text.includes(frame) || text.includes(title))) frameMs = now;
      if (titleMs === null && text.includes(title)) titleMs = now;
      if (titleMs !== null) finish();
    });
    child.on('error', reject);
  });
}

type ScreenRun = { frameMs: number; titleMs: number | null };

function summarise(command: string[], runs: ScreenRun[]): ScreenTimes {
  const frames = runs.map((run) => run.frameMs);
  const titles = runs.flatMap((run) => (run.titleMs === null ? [] : [run.titleMs]));
  return {
    command: command.join(' '),
    samples: runs.length,
    frameMs: median(frames),
    frameMinMs: Math.min(...frames),
    frameMaxMs: Math.max(...frames),
    // The title counts only when every run showed it.
    titleMs: titles.length === runs.length ? median(titles) : null,
  };
}

/**
 * Times each command's screen `samples` times, the commands taking turns (so a change in the
 * machine's load weighs on all), and the median difference of each command's first frame from
 * the first command's, run for run.
 */
async function screensInTurn(
  commands: string[][],
  samples: number,
  frame: string,
  title: string,
): Promise<{ screens: ScreenTimes[]; extraMs: number[] }> {
  const runs = commands.map((): ScreenRun[] => []);
  for (let index = 0; index < samples; index += 1) {
    for (const [which, command] of commands.entries()) {
      runs[which]!.push(await timeScreen(command, frame, title));
    }
  }
  const extraMs = runs.map((mine) =>
    median(mine.map((run, index) => run.frameMs - runs[0]![index]!.frameMs)),
  );
  return { screens: commands.map((command, which) => summarise(command, runs[which]!)), extraMs };
}

/** Why the terminal figures cannot be measured here, or undefined when they can. */
function terminalUnavailable(): string | undefined {
  const probe = spawnSync('script', ['-qfec', 'true', '/dev/null'], { stdio: 'ignore' });
  return probe.status === 0 ? undefined : 'script(1) from util-linux cannot open a terminal here';
}

/** The lesson's title as its first comment line gives it ("Lesson 1: …" → "creating …"). */
function lessonTitle(): string {
  const script = parseScript(readFileSync(join(REPO_ROOT, LESSON), 'utf8'), LESSON);
  return (script.title ?? LESSON).replace(/^Lesson \d+:\s*/, '');
}

export async function measureStartup(options: {
  pairs: number;
  frames: number;
}): Promise<StartupResult> {
  const unavailable = terminalUnavailable();
  if (unavailable) return { measured: false, reason: unavailable };
  const files = suiteFiles();
  const script = relative(
    REPO_ROOT,
    files.find((path) => path.endsWith('muc_create_destroy.scs')) ?? files[0]!,
  );
  const title = lessonTitle();
  const frame = LESSON.split('/').at(-1)!;
  const { screens, extraMs } = await screensInTurn(
    [
      [process.execPath, BIN, 'tui', LESSON],
      [process.execPath, 'scripts/start.mjs', 'tui', LESSON],
      ['npm', 'start', '--silent'],
    ],
    options.frames,
    frame,
    title,
  );
  return {
    measured: true,
    help: pairedWithNode([BIN, '--help'], options.pairs),
    runOne: { ...pairedWithNode([BIN, 'run', script], options.pairs), script },
    runSuite: pairedWithNode(
      [BIN, 'run', ...suiteDirs().map((dir) => relative(REPO_ROOT, dir))],
      Math.max(1, Math.ceil(options.pairs / 4)),
    ),
    tui: screens[0]!,
    startScript: screens[1]!,
    startScriptExtraMs: extraMs[1]!,
    npmStart: screens[2]!,
    lesson: LESSON,
    title,
    size: `${COLUMNS}×${ROWS}`,
  };
}
