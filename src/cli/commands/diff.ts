// `mucsim diff`: run one script on the simulator and on a real server, and show where the two XEP-0045 services disagree
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { compareRuns } from '../../diff/compare.js';
import { formatJson, formatText } from '../../diff/format.js';
import { recordRun } from '../../diff/record.js';
import { mapScriptDomain } from '../../live/domain.js';
import { LiveTarget } from '../../live/live-target.js';
import { describeService } from '../../live/service.js';
import { parseScript } from '../../scansion/parser.js';
import type { Script } from '../../scansion/script.js';
import { ScriptSyntaxError } from '../../scansion/syntax-error.js';
import { SimTarget } from '../../sim/sim-target.js';
import { visibleText } from '../../xmpp/visible.js';
import { type CliIo, EXIT, InputError } from '../io.js';
import { addLiveOptions, checkServer, type LiveOptions } from '../live-options.js';
import { parseSeed } from '../options.js';
import { displayPath, readScript } from '../script-files.js';

export const DIFF_FORMATS = ['text', 'json'] as const;

interface DiffOptions extends LiveOptions {
  format: (typeof DIFF_FORMATS)[number];
  seed: number;
}

/** Wait after the last step for stanzas still on their way from the server. */
const SETTLE_MS = 100;

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
  return addLiveOptions(command, true).action(async (path: string, options: DiffOptions) => {
    const script = await loadScript(resolve(io.cwd, path), io);
    const server = options.server;
    if (!server) throw new InputError('--server is required');
    await checkServer(options);

    const sim = new SimTarget({ seed: options.seed });
    const simulated = await recordRun(script, sim, { timeoutMs: options.timeout });
    await sim.close();

    const live = new LiveTarget({
      service: server,
      ...(options.muc !== undefined && { mucDomain: options.muc }),
    });
    let served: Awaited<ReturnType<typeof recordRun>>;
    try {
      served = await recordRun(mapScriptDomain(script, options.domain), live, {
        timeoutMs: options.timeout,
        abort: () => live.connectionError !== undefined,
        settle: async () => {
          await new Promise((done) => setTimeout(done, SETTLE_MS));
          await live.settle();
        },
      });
    } finally {
      await live.close();
    }
    if (live.connectionError) throw new InputError(live.connectionError.message);

    const keptIds = new Set([...simulated.sentIds, ...served.sentIds]);
    const comparison = compareRuns(simulated, served, keptIds);
    const header = {
      script: script.file,
      server: `xmpp://${describeService(server)}`,
      steps: script.actions.map((action) => ({
        line: action.line,
        client: action.client,
        kind: action.kind,
      })),
    };
    io.out(
      options.format === 'json'
        ? formatJson(header, comparison)
        : visibleText(formatText(header, comparison)),
    );
    setExit(comparison.agree ? EXIT.ok : EXIT.failed);
  });
}
