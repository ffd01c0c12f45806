// `mucsim fuzz`: random valid and invalid stanzas against the simulator with invariants after every step, or against the simulator and a real server side by side — a shrunk .scs on failure (XEP-0045 §5, §7, §17)
import { resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import {
  type FuzzResult,
  fuzz,
  INVARIANTS,
  makeCast,
  recordViolation,
  shrink,
  writeRepro,
} from '../../fuzz/index.js';
import { Explanations, readExplainedDifferences } from '../../fuzz/live/explained.js';
import { fuzzServer } from '../../fuzz/live/fuzz-server.js';
import { PROSODY_DIFFERENCES } from '../../fuzz/live/prosody-differences.js';
import type { ServiceAddress } from '../../live/service.js';
import type { Feature } from '../../muc/hooks.js';
import { visibleToken } from '../../xmpp/visible.js';
import { type CliIo, EXIT, InputError } from '../io.js';
import { checkServer } from '../live-options.js';
import { parseDomain, parseSeed, parseServer } from '../options.js';
import { checkReplaceable, replaceFile } from '../output-file.js';
import { readScript } from '../script-files.js';

interface FuzzCommandOptions {
  seed: number;
  stanzas?: number;
  actions?: number;
  users: number;
  rooms: number;
  output?: string;
  checkDeterminism?: boolean;
  shrinkSeconds: number;
  server?: ServiceAddress;
  domain: string;
  muc?: string;
  explained: string[];
}

function countParser(min: number, max: number): (value: string) => number {
  return (value) => {
    const count = Number(value.replace(/_/g, ''));
    if (!/^\d[\d_]*$/.test(value) || !Number.isInteger(count) || count < min || count > max) {
      throw new InvalidArgumentError(
        `expected a whole number from ${min.toLocaleString('en')} to ${max.toLocaleString('en')}`,
      );
    }
    return count;
  };
}

const number = (value: number) => Math.round(value).toLocaleString('en');

function summary(result: FuzzResult, elapsedMs: number): string {
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? result.stanzas / seconds : result.stanzas;
  return `${number(result.stanzas)} stanzas in ${number(result.steps)} steps, ${number(result.checks)} invariant checks, ${seconds.toFixed(1)} s (${number(rate)} stanzas/s)`;
}

/** `--output`, resolved and checked before the first step: a failure found after minutes must not be lost to an unwritable path. */
function outputFile(output: string | undefined, io: CliIo) {
  if (output === undefined) return undefined;
  const path = resolve(io.cwd, output);
  const shown = visibleToken(output);
  checkReplaceable(path, shown);
  return (text: string) => {
    replaceFile(path, text, shown);
    io.out(`\nwritten to ${shown}\n`);
  };
}

/**
 * The explained differences: docs/prosody-differences.md's, and those of each --explained FILE,
 * read as a script is (at most 16 MiB, UTF-8).
 */
async function explanations(files: readonly string[], io: CliIo): Promise<Explanations> {
  const entries = [...PROSODY_DIFFERENCES];
  for (const file of files) {
    const text = await readScript(resolve(io.cwd, file), visibleToken(file));
    try {
      entries.push(...readExplainedDifferences(text));
    } catch (error) {
      throw new InputError(`${visibleToken(file)}: ${(error as Error).message}`);
    }
  }
  return new Explanations(entries);
}

async function againstServer(
  options: FuzzCommandOptions,
  server: ServiceAddress,
  io: CliIo,
  features?: readonly Feature[],
): Promise<number> {
  if (options.checkDeterminism) throw new InputError('--check-determinism runs in memory only');
  if (options.stanzas !== undefined) throw new InputError('with --server, say --actions');
  const writeOutput = outputFile(options.output, io);
  const explained = await explanations(options.explained, io);
  await checkServer({ server, timeout: 0 });
  const muc = options.muc ?? `conference.${options.domain}`;
  io.out(
    `mucsim fuzz --seed ${options.seed} --server ${server.url}: ${options.users} users, ${options.rooms} rooms, ${options.domain} and ${muc}\n`,
  );
  return fuzzServer(
    {
      seed: options.seed,
      actions: options.actions ?? 2000,
      users: options.users,
      rooms: options.rooms,
      server,
      domain: options.domain,
      muc,
      explanations: explained,
      shrinkSeconds: options.shrinkSeconds,
      now: () => Date.now(),
      ...(features && { features }),
    },
    {
      out: io.out,
      err: io.err,
      isTTY: io.isTTY,
      ...(writeOutput && { writeOutput: async (text: string) => writeOutput(text) }),
    },
  );
}

function inMemory(options: FuzzCommandOptions, io: CliIo, features?: readonly Feature[]) {
  if (options.actions !== undefined) throw new InputError('--actions needs --server');
  const config = {
    seed: options.seed,
    stanzas: options.stanzas ?? 100_000,
    users: options.users,
    rooms: options.rooms,
    features,
  };
  io.out(`mucsim fuzz --seed ${config.seed}: ${config.users} users, ${config.rooms} rooms\n`);
  const started = performance.now();
  // On a terminal, a progress line (stderr) shows that a long run is moving.
  const onProgress = io.isTTY
    ? ({ stanzas }: { stanzas: number }) => io.err(`\r${number(stanzas)} stanzas…`)
    : undefined;
  const hash = options.checkDeterminism === true;
  const result = fuzz({ ...config, hash, onProgress, progressEvery: 50_000 });
  if (onProgress) io.err('\r\u001b[K');
  return { config, result, elapsed: performance.now() - started };
}

function checkDeterminism(config: Parameters<typeof fuzz>[0], result: FuzzResult, io: CliIo) {
  const again = fuzz({ ...config, hash: true });
  if (again.hash === result.hash && again.steps === result.steps) {
    io.out(`deterministic: two runs delivered the same stanzas (hash ${result.hash})\n`);
    return EXIT.ok;
  }
  io.out(
    `NOT deterministic: hash ${result.hash} then ${again.hash} (${result.steps} then ${again.steps} steps)\n`,
  );
  return EXIT.failed;
}

async function fuzzInMemory(options: FuzzCommandOptions, io: CliIo, features?: readonly Feature[]) {
  const writeOutput = outputFile(options.output, io);
  const { config, result, elapsed } = inMemory(options, io, features);
  if (!result.violation) {
    io.out(`0 violations of ${INVARIANTS.length} invariants (${INVARIANTS.join(', ')})\n`);
    io.out(`${summary(result, elapsed)}\n`);
    return options.checkDeterminism ? checkDeterminism(config, result, io) : EXIT.ok;
  }
  const { violation } = result;
  io.out(
    `violation of '${violation.invariant}' at step ${number(violation.step)} (after ${number(result.stanzas)} stanzas, ${(elapsed / 1000).toFixed(1)} s):\n  ${violation.detail}\n`,
  );
  const cast = makeCast(config.users, config.rooms);
  const actions = recordViolation(config, violation);
  const shrinkStart = performance.now();
  const shrunk = await shrink(cast, actions, violation.invariant, {
    features,
    now: () => performance.now(),
    deadline: shrinkStart + options.shrinkSeconds * 1000,
  });
  io.out(
    `shrunk ${number(actions.length)} steps to ${number(shrunk.actions.length)} in ${number(shrunk.replays)} replays (${((performance.now() - shrinkStart) / 1000).toFixed(1)} s${shrunk.complete ? '' : ', budget spent: not minimal'})\n`,
  );
  const repro = writeRepro(
    cast,
    shrunk.actions,
    violation,
    { ...config, step: violation.step },
    features,
  );
  if (!repro.violation) {
    io.out('warning: read back from .scs, the steps no longer show the violation\n');
  } else if (repro.violation.detail !== violation.detail) {
    io.out(`as the minimal script shows it:\n  ${repro.violation.detail}\n`);
  }
  io.out(`\nminimal reproducing script (replay with mucsim run):\n\n${repro.text}`);
  writeOutput?.(repro.text);
  return EXIT.failed;
}

/** `features` replaces the service's features (tests inject a bug to see a violation reported). */
export function makeFuzzCommand(
  io: CliIo,
  setExit: (code: number) => void,
  features?: readonly Feature[],
): Command {
  return new Command('fuzz')
    .description(
      'send random valid and invalid stanzas from several users to several rooms and check invariants after every step; with --server, send the same actions to a real server and compare what every client receives; shrink a failure to a minimal .scs',
    )
    .addOption(
      new Option('--seed <n>', 'seed of the random stanzas').argParser(parseSeed).default(1),
    )
    .addOption(
      new Option(
        '--stanzas <n>',
        'in memory: how many stanzas to send (default 100,000)',
      ).argParser(countParser(1, 100_000_000)),
    )
    .addOption(
      new Option(
        '--users <n>',
        'virtual users (every third has two sessions; from 3 on, the service admin joins)',
      )
        .argParser(countParser(1, 50))
        .default(8),
    )
    .addOption(new Option('--rooms <n>', 'rooms they use').argParser(countParser(1, 50)).default(4))
    .option('--output <file>', 'write the minimal reproducing .scs here')
    .option('--check-determinism', 'run twice and compare a hash of everything delivered')
    .addOption(
      new Option('--shrink-seconds <n>', 'time allowed for shrinking a failure')
        .argParser(countParser(1, 3600))
        .default(60),
    )
    .addOption(
      new Option(
        '--server <xmpp://host:port>',
        'also run the actions on this real server and compare',
      ).argParser(parseServer),
    )
    .addOption(
      new Option('--actions <n>', 'with --server: how many actions (default 2,000)').argParser(
        countParser(1, 10_000_000),
      ),
    )
    .addOption(
      new Option('--domain <domain>', 'with --server: the users’ domain')
        .argParser(parseDomain)
        .default('localhost'),
    )
    .addOption(
      new Option(
        '--muc <domain>',
        'with --server: the MUC service (default conference.<domain>)',
      ).argParser(parseDomain),
    )
    .addOption(
      new Option(
        '--explained <file>',
        'with --server: more explained differences, besides docs/prosody-differences.md’s (repeatable)',
      )
        .argParser((file: string, files: string[]) => [...files, file])
        .default([]),
    )
    .action(async (options: FuzzCommandOptions) => {
      setExit(
        options.server
          ? await againstServer(options, options.server, io, features)
          : await fuzzInMemory(options, io, features),
      );
    });
}
