// `mucsim tui`: the terminal debugger (ink, loaded only here), or a plain transcript without a terminal — stepping XEP-0045 scenarios (§7–§10)
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { DebugSession, type DebugSessionOptions } from '../../debugger/debug-session.js';
import type { RecordingText } from '../../debugger/growing-recording.js';
import { liveSession as sessionOnServer } from '../../debugger/live-world.js';
import { mapScriptDomain } from '../../live/domain.js';
import { parseScript } from '../../scansion/parser.js';
import type { Script } from '../../scansion/script.js';
import { ScriptSyntaxError } from '../../scansion/syntax-error.js';
import { colourWanted } from '../../tui/colour.js';
import { printTranscript } from '../../tui/transcript.js';
import { visibleText, visibleToken } from '../../xmpp/visible.js';
import { doorOpener } from '../door-opener.js';
import { addExtraOption, type ExtraOptions, extrasFor } from '../extra-option.js';
import { type CliIo, EXIT, InputError } from '../io.js';
import { addLiveOptions, checkServer, type LiveOptions } from '../live-options.js';
import { parseSeed } from '../options.js';
import { checkReplaceable } from '../output-file.js';
import { recordingWriter } from '../recording-writer.js';
import { displayPath, readScript } from '../script-files.js';

interface TuiOptions extends LiveOptions, ExtraOptions {
  seed: number;
  record?: string;
}

const NO_TTY_USAGE = `mucsim tui needs a terminal (stdin and stdout must be a TTY).
Without one, give it a script to get a plain transcript:  mucsim tui script.scs
or run scripts with a report:                            mucsim run <paths...> [--reporter pretty|tap|junit|json]
`;

async function loadScript(path: string, io: CliIo): Promise<Script> {
  const shown = displayPath(resolve(io.cwd, path), io.cwd);
  try {
    return parseScript(await readScript(resolve(io.cwd, path), shown), shown);
  } catch (error) {
    if (error instanceof ScriptSyntaxError) throw new InputError(error.toString());
    throw error;
  }
}

/** `--server`: the session's steps and typed commands go to a real server. */
async function liveSession(
  script: Script | undefined,
  options: TuiOptions,
): Promise<DebugSession | undefined> {
  const server = options.server;
  if (!server) return undefined;
  await checkServer(options);
  const live = {
    service: server,
    timeoutMs: options.timeout,
    ...(options.domain !== undefined && { domain: options.domain }),
    ...(options.muc !== undefined && { mucDomain: options.muc }),
  };
  return sessionOnServer(script && mapScriptDomain(script, options.domain), live);
}

interface DebuggerSetup {
  session: DebugSession;
  /** On a real server (`--server`). */
  live: boolean;
  script?: Script;
  path?: string;
  record?: string;
  /** How sessions on the simulator are made: for the comparison (`d`), and with a door. */
  simulated: DebugSessionOptions;
  served: DebugSessionOptions;
  persist: (file: string, recording: RecordingText) => void;
  /** Told of each session opened in place of the one on screen. */
  opened(session: DebugSession): void;
}

/** The interactive debugger, until the user quits. */
async function runDebugger(io: CliIo, setup: DebuggerSetup): Promise<void> {
  const { session, script, path } = setup;
  // ink and react cost ~0.6 s to load: only the interactive debugger pays for them.
  const { startTui } = await import('../../tui/start-tui.js');
  // `d`: the same script on the simulator beside the server's streams.
  const { simulatorMirror } = await import('../../tui/compare-streams.js');
  const compare = setup.live && script ? simulatorMirror(script, setup.simulated) : undefined;
  // `o`, `]`, `[` and `:open` swap the session for another script's, on the simulator; the door,
  // if open, goes along.
  const openScript = async (file: string) => {
    const opened = DebugSession.fromScript(await loadScript(file, io), setup.served);
    setup.opened(opened);
    return { session: opened, path: resolve(io.cwd, file) };
  };
  await startTui({
    session,
    colour: colourWanted(io.env, io.isTTY),
    recordPath: setup.record,
    persist: setup.persist,
    ...(compare && { compare }),
    ...(path !== undefined && { scriptPath: resolve(io.cwd, path) }),
    ...(!setup.live && { openScript }),
    lessonsFolder: resolve(io.cwd, 'scenarios', 'tutorial'),
  });
}

export function makeTuiCommand(io: CliIo, setExit: (code: number) => void): Command {
  const command = new Command('tui')
    .description(
      'step through a script in the terminal debugger (no script: an empty world to type into)',
    )
    .argument('[script]', 'a .scs script to step through')
    .addOption(
      new Option('--seed <n>', 'seed for generated ids and resources')
        .argParser(parseSeed)
        .default(1),
    )
    .option(
      '--record <file>',
      'keep the session as a .scs script in this file, valid after every executed step',
    );
  return addLiveOptions(addExtraOption(command)).action(
    async (path: string | undefined, options: TuiOptions) => {
      const interactive = io.isTTY && process.stdin.isTTY === true;
      if (!interactive && path === undefined) {
        io.err(NO_TTY_USAGE);
        setExit(EXIT.usage);
        return;
      }
      const extras = extrasFor(options);
      const script = path === undefined ? undefined : await loadScript(path, io);
      const record = options.record === undefined ? undefined : resolve(io.cwd, options.record);
      const recordShown = visibleToken(options.record ?? '');
      // Before the first step (and before connecting to a server): can the recording be written?
      if (record) checkReplaceable(record, recordShown);
      const live = await liveSession(script, options);
      const simulated = { seed: options.seed, world: { extras } };
      // `:serve` opens a door for real clients on loopback (the simulator only).
      const served = {
        ...simulated,
        openDoor: doorOpener({ address: '127.0.0.1', seed: options.seed }),
      };
      const session: DebugSession =
        live ?? (script ? DebugSession.fromScript(script, served) : DebugSession.empty(served));
      const persist = recordingWriter(io.cwd);
      /** The session on screen: the only one whose door may be open. */
      let current = session;
      try {
        if (!interactive) {
          const passed = await printTranscript(session, {
            // Stanzas and reasons are shown visibly: escape sequences never reach the terminal.
            write: (text) => io.out(visibleText(text)),
            // The file holds the recording after every step, at the cost of that step.
            afterStep: () => {
              if (options.record !== undefined) persist(options.record, session.recordingText());
            },
          });
          const failure = live?.target.connectionError;
          if (failure) throw new InputError(failure.message);
          setExit(passed ? EXIT.ok : EXIT.failed);
          return;
        }
        await runDebugger(io, {
          session,
          live: live !== undefined,
          ...(script && { script }),
          ...(path !== undefined && { path }),
          ...(options.record !== undefined && { record: options.record }),
          simulated,
          served,
          persist,
          opened: (next) => {
            current = next;
          },
        });
        setExit(EXIT.ok);
      } finally {
        await current.doorway.close();
        await live?.close();
      }
    },
  );
}
