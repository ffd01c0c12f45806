// `mucsim fuzz --server`: run seeded actions on the simulator and a real server, stop at the first unexplained difference, shrink it to a .scs that passes on the server and fails on the simulator — XEP-0045 on two services

import { LiveTarget } from '../../live/live-target.js';
import type { ServiceAddress } from '../../live/service.js';
import type { Feature } from '../../muc/hooks.js';
import { parseScript } from '../../scansion/parser.js';
import { runScript } from '../../scansion/runner.js';
import { SimTarget } from '../../sim/sim-target.js';
import { type FuzzCast, makeCast } from '../actions.js';
import { type LiveRun, type LiveRunOptions, runLive } from './differential.js';
import type { Explanations } from './explained.js';
import { writeLiveRepro } from './live-repro.js';
import { count, describeAction, formatDifference, formatExplained, summaryLine } from './report.js';
import { freshTag, RoomNames } from './room-names.js';
import { shrinkLive } from './shrink-live.js';

export interface FuzzServerOptions {
  seed: number;
  actions: number;
  users: number;
  rooms: number;
  server: ServiceAddress;
  domain: string;
  muc: string;
  explanations: Explanations;
  shrinkSeconds: number;
  now: () => number;
  /** The simulator's features (tests put a bug in to see a difference). */
  features?: readonly Feature[];
}

export interface FuzzServerIo {
  out(text: string): void;
  err(text: string): void;
  isTTY: boolean;
  /** Writes the repro where --output says, when it says. */
  writeOutput?: (text: string) => Promise<void>;
}

function liveRunOptions(options: FuzzServerOptions): LiveRunOptions {
  return {
    server: options.server,
    explanations: options.explanations,
    now: options.now,
    ...(options.features && { features: options.features }),
  };
}

/** Runs the written script on both sides: it must pass on the server and fail on the simulator. */
async function verify(text: string, options: FuzzServerOptions): Promise<string> {
  const script = parseScript(text, 'repro.scs');
  const sim = new SimTarget(options.features ? { features: options.features } : {});
  const simulated = await runScript(script, sim, { strictOrder: true });
  const names = new RoomNames(freshTag(options.now(), 999), options.muc);
  const live = new LiveTarget({ service: options.server, mucDomain: options.muc });
  const served = await runScript(parseScript(names.scriptText(text), 'repro.scs'), live, {
    strictOrder: true,
  })
    .catch((error: unknown) => error as Error)
    .finally(() => live.close());
  if (served instanceof Error) return `could not check it on the server: ${served.message}\n`;
  const server = served.passed ? 'passes on the server' : 'FAILS on the server';
  const simulator = simulated.passed ? 'PASSES on the simulator' : 'fails on the simulator';
  return `checked with mucsim run --strict-order: ${server}, ${simulator}\n`;
}

/** Returns the exit code: 0 when every difference is explained, 1 otherwise. */
export async function fuzzServer(options: FuzzServerOptions, io: FuzzServerIo): Promise<number> {
  const cast = makeCast(options.users, options.rooms, options.domain, options.muc);
  const runOptions = liveRunOptions(options);
  const progress = io.isTTY
    ? (run: LiveRun) => {
        if (run.steps.length % 100 === 0) io.err(`\r${count(run.steps.length)} actions…`);
      }
    : undefined;
  const run = await runLive(
    cast,
    { seed: options.seed, count: options.actions },
    runOptions,
    progress,
  );
  if (progress) io.err('\r\u001b[K');
  io.out(formatExplained(run));
  const failed = run.difference !== undefined || run.violation !== undefined;
  if (run.violation) {
    io.out(
      `the simulator broke the invariant '${run.violation.invariant}' at action ${count(run.violation.step)}: ${run.violation.detail}\n(mucsim fuzz --seed ${options.seed} reproduces it in memory)\n`,
    );
  }
  if (run.difference) await reportDifference(cast, run, options, io);
  io.out(summaryLine(run.steps.length, run));
  return failed ? 1 : 0;
}

async function reportDifference(
  cast: FuzzCast,
  run: LiveRun,
  options: FuzzServerOptions,
  io: FuzzServerIo,
): Promise<void> {
  const difference = run.difference!;
  io.out(formatDifference(difference));
  const started = options.now();
  const shrunk = await shrinkLive(cast, run, liveRunOptions(options), {
    now: options.now,
    deadline: started + options.shrinkSeconds * 1000,
  });
  const seconds = ((options.now() - started) / 1000).toFixed(1);
  if (shrunk.unreachable !== undefined) {
    io.out(
      `the server could not be reached again (${shrunk.unreachable}): it may have hung or stopped at this difference; not shrunk further\n`,
    );
  }
  const budget =
    shrunk.complete || shrunk.unreachable !== undefined ? '' : ', budget spent: not minimal';
  io.out(
    `shrunk ${count(run.steps.length)} actions to ${count(shrunk.run.steps.length)} in ${count(shrunk.replays)} replays (${seconds} s${budget})\n`,
  );
  const last = shrunk.run.difference ?? difference;
  const text = writeLiveRepro(cast, shrunk.run.steps, {
    seed: options.seed,
    users: options.users,
    rooms: options.rooms,
    step: difference.step,
    server: `xmpp://${options.server.host}:${options.server.port}`,
    differing: last.clients.map((client) => client.name),
    summary: [describeAction(last.action)],
  });
  if (shrunk.run !== run) io.out(formatDifference(last));
  if (shrunk.unreachable === undefined) io.out(await verify(text, options));
  io.out(`\nminimal reproducing script:\n\n${text}`);
  if (io.writeOutput) await io.writeOutput(text);
}
