// `mucsim serve --tui`: the terminal debugger with the door open, real clients' steps live and virtual users typed beside them — XEP-0045 rooms shared by real and virtual users (§7); ES modules only, like `mucsim tui`
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { DebugSession } from '../../debugger/debug-session.js';
import { emptyScript, type Script } from '../../scansion/script.js';
import { colourWanted } from '../../tui/colour.js';
import { visibleToken } from '../../xmpp/visible.js';
import { doorOpener } from '../door-opener.js';
import { type CliIo, EXIT, InputError } from '../io.js';
import { checkReplaceable } from '../output-file.js';
import { recordingWriter } from '../recording-writer.js';
import type { ServeCliOptions } from './serve.js';

const NO_TTY_USAGE = `mucsim serve --tui needs a terminal (stdin and stdout must be a TTY).
Without one, serve and record the session:  mucsim serve --record session.scs
`;

const SESSION_TITLE = 'mucsim serve --tui: real clients and virtual users in the simulated world';

/**
 * `--tui`: the debugger with the door open. Real clients' actions are steps as they happen,
 * virtual users are typed beside them; a --script is the Script pane, stepped with n and r.
 */
export async function serveInTui(serving: {
  options: ServeCliOptions;
  io: CliIo;
  command: Command;
  /** Reads the --script, if there is one; called once the usage checks passed. */
  script(): Promise<Script> | undefined;
}): Promise<number> {
  const { options, io, command } = serving;
  if (command.getOptionValueSource('scriptTimeout') === 'cli') {
    throw new InputError(
      '--script-timeout does not apply with --tui: the debugger steps the --script (n, r), and its receives check what has already arrived',
    );
  }
  if (!io.isTTY || process.stdin.isTTY !== true) {
    io.err(NO_TTY_USAGE);
    return EXIT.usage;
  }
  const script = await serving.script();
  const session = DebugSession.fromScript(script ?? { ...emptyScript(), title: SESSION_TITLE }, {
    seed: options.seed,
    world: {
      domain: options.domain,
      mucDomain: options.muc ?? `conference.${options.domain}`,
    },
    openDoor: doorOpener({ address: options.listen, seed: options.seed }),
  });
  // Before the door opens: can the recording be written?
  if (options.record !== undefined) {
    checkReplaceable(resolve(io.cwd, options.record), visibleToken(options.record));
  }
  const persist = recordingWriter(io.cwd);
  const ports = { port: options.port, wsPort: options.wsPort };
  await session.doorway.open(ports).catch((error: Error) => {
    throw new InputError(error.message);
  });
  try {
    const { startTui } = await import('../../tui/start-tui.js');
    const colour = colourWanted(io.env, io.isTTY);
    await startTui({ session, colour, recordPath: options.record, persist });
  } finally {
    await session.doorway.close();
  }
  return EXIT.ok;
}
