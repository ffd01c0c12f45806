// `mucsim diff`: run one script on the simulator and on a real server, and show where the two XEP-0045 services disagree
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { diffScript } from '../../diff/diff-script.js';
import { formatJson, formatText } from '../../diff/format.js';
import { LiveConnectionError } from '../../live/errors.js';
import { describeService } from '../../live/service.js';
import { parseScript } from '../../scansion/parser.js';
import type { Script } from '../../scansion/script.js';
import { ScriptSyntaxError } from '../../scansion/syntax-error.js';
import { visibleText } from '../../xmpp/visible.js';
import { addExtraOption, type ExtraOptions } from '../extra-option.js';
import { type CliIo, EXIT, InputError } from '../io.js';
import { addLiveOptions, checkServer, type LiveOptions } from '../live-options.js';
import { parseSeed } from '../options.js';
import { displayPath, readScript } from '../script-files.js';

export const DIFF_FORMATS = ['text', 'json'] as const;

interface DiffOptions extends LiveOptions, ExtraOptions {
  format: (typeof DIFF_FORMATS)[number];
  seed: number;
}

async function loadScript(path: string, io: CliIo): Promise<Script> {
  const shown = displayPath(path, io.cwd);
  try {
    return parseScript(await readScript(path, shown), shown);
  } catch (error) {
    if (error instanceof ScriptSyntaxError) throw new InputError(error.toString());
    throw error;
  }
}

export function makeDiffCommand(io: CliIo, setExit: (code: number) => void): Command {
  const command = new Command('diff')
    .description(
      'run a script on the simulator and on a real XMPP server and show, per client, the stanzas that differ',
    )
    .argument('<script>', 'a .scs script')
    .addOption(
      new Option('--format <format>', 'output format').choices(DIFF_FORMATS).default('text'),
    )
    .addOption(
      new Option('--seed <n>', 'seed for the simulator’s generated ids and resources')
        .argParser(parseSeed)
        .default(1),
    );
  return addLiveOptions(addExtraOption(command), true).action(
    async (path: string, options: DiffOptions) => {
      const script = await loadScript(resolve(io.cwd, path), io);
      const server = options.server;
      if (!server) throw new InputError('--server is required');
      await checkServer(options);

      let comparison: Awaited<ReturnType<typeof diffScript>>;
      try {
        comparison = await diffScript(script, {
          server,
          seed: options.seed,
          timeoutMs: options.timeout,
          ...(options.domain !== undefined && { domain: options.domain }),
          ...(options.muc !== undefined && { muc: options.muc }),
          extras: options.extra ?? [],
        });
      } catch (error) {
        if (error instanceof LiveConnectionError) throw new InputError(error.message);
        throw error;
      }
      const header = {
        script: script.file,
        server: `xmpp://${describeService(server)}`,
        steps: script.actions.map((action) => ({
          line: action.line,
          client: action.client,
          kind: action.kind,
        })),
        extras: options.extra ?? [],
      };
      io.out(
        options.format === 'json'
          ? formatJson(header, comparison)
          : visibleText(formatText(header, comparison)),
      );
      setExit(comparison.agree ? EXIT.ok : EXIT.failed);
    },
  );
}
