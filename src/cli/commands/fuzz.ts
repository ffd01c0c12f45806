// `mucsim fuzz`: random valid and invalid stanzas against the simulator, invariants after every step, a shrunk .scs on failure — XEP-0045 §5, §7, §17
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
import type { Feature } from '../../muc/hooks.js';
import { visibleToken } from '../../xmpp/visible.js';
import { type CliIo, EXIT } from '../io.js';
import { parseSeed } from '../options.js';
import { checkReplaceable, replaceFile } from '../output-file.js';

interface FuzzCommandOptions {
  seed: number;
  stanzas: number;
  users: number;
  rooms: number;
  output?: string;
  checkDeterminism?: boolean;
  shrinkSeconds: number;
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

/** `features` replaces the service's features (tests inject a bug to see a violation reported). */
export function makeFuzzCommand(
  io: CliIo,
  setExit: (code: number) => void,
  features?: readonly Feature[],
): Command {
  return new Command('fuzz')
    .description(
      'send random valid and invalid stanzas from several users to several rooms, check invariants after every step, and shrink a violation to a minimal .scs',
    )
    .addOption(
      new Option('--seed <n>', 'seed of the random stanzas').argParser(parseSeed).default(1),
    )
    .addOption(
      new Option('--stanzas <n>', 'how many stanzas to send')
        .argParser(countParser(1, 100_000_000))
        .default(100_000),
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
    .option('--output <file>', 'write the minimal reproducing .scs here on a violation')
    .option('--check-determinism', 'run twice and compare a hash of everything delivered')
    .addOption(
      new Option('--shrink-seconds <n>', 'time allowed for shrinking a violation')
        .argParser(countParser(1, 3600))
        .default(60),
    )
    .action(async (options: FuzzCommandOptions) => {
      // Checked first: a violation found after minutes must not be lost to an unwritable path.
      const output = options.output === undefined ? undefined : resolve(io.cwd, options.output);
      if (output) checkReplaceable(output, visibleToken(options.output as string));
      const config = {
        seed: options.seed,
        stanzas: options.stanzas,
        users: options.users,
        rooms: options.rooms,
        features,
      };
      const heading = `mucsim fuzz --seed ${config.seed}: ${config.users} users, ${config.rooms} rooms`;
      io.out(`${heading}\n`);
      const started = performance.now();
      // On a terminal, a progress line (stderr) shows that a long run is moving.
      const onProgress = io.isTTY
        ? ({ stanzas }: { stanzas: number }) => io.err(`\r${number(stanzas)} stanzas…`)
        : undefined;
      const result = fuzz({
        ...config,
        hash: options.checkDeterminism === true,
        onProgress,
        progressEvery: 50_000,
      });
      if (onProgress) io.err('\r\u001b[K');
      const elapsed = performance.now() - started;
      if (!result.violation) {
        io.out(`0 violations of ${INVARIANTS.length} invariants (${INVARIANTS.join(', ')})\n`);
        io.out(`${summary(result, elapsed)}\n`);
        if (!options.checkDeterminism) return setExit(EXIT.ok);
        const again = fuzz({ ...config, hash: true });
        if (again.hash === result.hash && again.steps === result.steps) {
          io.out(`deterministic: two runs delivered the same stanzas (hash ${result.hash})\n`);
          return setExit(EXIT.ok);
        }
        io.out(
          `NOT deterministic: hash ${result.hash} then ${again.hash} (${result.steps} then ${again.steps} steps)\n`,
        );
        return setExit(EXIT.failed);
      }
      const { violation } = result;
      io.out(
        `violation of '${violation.invariant}' at step ${number(violation.step)} (after ${number(result.stanzas)} stanzas, ${(elapsed / 1000).toFixed(1)} s):\n  ${violation.detail}\n`,
      );
      const cast = makeCast(config.users, config.rooms);
      const actions = recordViolation(config, violation);
      const shrinkStart = performance.now();
      const shrunk = shrink(cast, actions, violation.invariant, {
        features,
        now: () => performance.now(),
        deadline: shrinkStart + options.shrinkSeconds * 1000,
      });
      io.out(
        `shrunk ${number(actions.length)} steps to ${number(shrunk.actions.length)} in ${number(shrunk.replays)} replays (${((performance.now() - shrinkStart) / 1000).toFixed(1)} s${shrunk.complete ? '' : ', budget spent: not minimal'})\n`,
      );
      const info = { ...config, step: violation.step };
      const repro = writeRepro(cast, shrunk.actions, violation, info, features);
      if (!repro.violation) {
        io.out('warning: read back from .scs, the steps no longer show the violation\n');
      } else if (repro.violation.detail !== violation.detail) {
        io.out(`as the minimal script shows it:\n  ${repro.violation.detail}\n`);
      }
      io.out(`\nminimal reproducing script (replay with mucsim run):\n\n${repro.text}`);
      if (output) {
        replaceFile(output, repro.text, visibleToken(options.output as string));
        io.out(`\nwritten to ${visibleToken(options.output as string)}\n`);
      }
      setExit(EXIT.failed);
    });
}
