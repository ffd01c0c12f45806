// The --extra option: what the simulator adds beyond Prosody 13, each off unless named — XEP-0045 §7.2.9, §7.8.2, §10.2 (src/muc/extras.ts)
import { type Command, InvalidArgumentError, Option } from 'commander';
import { EXTRA_NAMES, isExtra, type MucExtra } from '../muc/extras.js';
import { InputError } from './io.js';

export interface ExtraOptions {
  extra?: MucExtra[];
}

/** `max-users`, or several at once: `max-users,notify-322`; repeated options add up. */
function collectExtras(value: string, previous: MucExtra[] = []): MucExtra[] {
  const names = value.split(',').map((name) => name.trim());
  for (const name of names) {
    if (!isExtra(name)) {
      const known = EXTRA_NAMES.join(', ');
      throw new InvalidArgumentError(`'${name}' is not an extra; the extras are ${known}`);
    }
  }
  return [...previous, ...(names as MucExtra[])];
}

/** Adds `--extra <name>` (repeatable, or comma-separated) to a command that runs the simulator. */
export function addExtraOption(command: Command): Command {
  return command.addOption(
    new Option(
      '--extra <name>',
      `simulator only: turn on what mucsim adds beyond Prosody 13, off by default (${EXTRA_NAMES.join(', ')}; repeatable)`,
    ).argParser(collectExtras),
  );
}

/** The extras asked for; a usage error with `--server`, which plays the real server's behaviour. */
export function extrasFor(options: ExtraOptions & { server?: unknown }): readonly MucExtra[] {
  const extras = [...new Set(options.extra ?? [])];
  if (extras.length > 0 && options.server !== undefined) {
    throw new InputError('--extra changes the simulator only; it cannot apply with --server');
  }
  return extras;
}
