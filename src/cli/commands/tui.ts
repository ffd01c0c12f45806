// `mucsim tui`: the terminal debugger (ink, loaded only here), or a plain transcript without a terminal — stepping XEP-0045 scenarios (§7–§10)
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { DebugSession } from '../../debugger/debug-session.js';
import { liveSession as sessionOnServer } from '../../debugger/live-world.js';
import { mapScriptDomain } from '../../live/domain.js';
import { parseScript } from '../../scansion/parser.js';
import type { Script } from '../../scansion/script.js';
import { ScriptSyntaxError } from '../../scansion/syntax-error.js';
import { colourWanted } from '../../tui/colour.js';
import { printTranscript } from '../../tui/transcript.js';
import { visibleText, visibleToken } from '../../xmpp/visible.js';
import { addExtraOption, type ExtraOptions, extrasFor } from '../extra-option.js';
import { type CliIo, EXIT, InputError } from '../io.js';
import { addLiveOptions, checkServer, type LiveOptions } from '../live-options.js';
import { parseSeed } from '../options.js';
import { checkReplaceable, replaceFile } from '../output-file.js';
import { AppendedRecording } from '../recording-file.js';
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
      const session: DebugSession =
        live ??
        (script ? DebugSession.fromScript(script, simulated) : DebugSession.empty(simulated));
      const persist = (file: string, text: string) =>
        replaceFile(resolve(io.cwd, file), text, visibleToken(file));
      try {
        if (!interactive) {
          const recording = record
            ? new AppendedRecording(record, recordShown, session)
            : undefined;
          const passed = await printTranscript(session, {
            // Stanzas and reasons are shown visibly: escape sequences never reach the terminal.
            write: (text) => io.out(visibleText(text)),
            afterStep: (step) => recording?.afterStep(step),
          });
          recording?.finish();
          const failure = live?.target.connectionError;
          if (failure) throw new InputError(failure.message);
          setExit(passed ? EXIT.ok : EXIT.failed);
          return;
        }
        // ink and react cost ~0.6 s to load: only the interactive debugger pays for them.
        const { startTui } = await import('../../tui/start-tui.js');
        // `d`: the same script on the simulator beside the server's streams.
        const { simulatorMirror } = await import('../../tui/compare-streams.js');
        const compare = live && script ? simulatorMirror(script, simulated) : undefined;
        // `o`, `]`, `[` and `:open` swap the session for another script's, on the simulator.
        const openScript = async (file: string) => ({
          session: DebugSession.fromScript(await loadScript(file, io), simulated),
          path: resolve(io.cwd, file),
        });
        await startTui({
          session,
          colour: colourWanted(io.env, io.isTTY),
          recordPath: options.record,
          persist,
          ...(compare && { compare }),
          ...(path !== undefined && { scriptPath: resolve(io.cwd, path) }),
          ...(!live && { openScript }),
          lessonsFolder: resolve(io.cwd, 'scenarios', 'tutorial'),
        });
        setExit(EXIT.ok);
      } finally {
        await live?.close();
      }
    },
  );
}
