// `mucsim run`: run .scs scripts against the simulator or a real server and report — XEP-0045 scenarios end to end
import { basename } from 'node:path';
import { Command, Option } from 'commander';
import { mapScriptDomain } from '../../live/domain.js';
import type { LiveConnectionError } from '../../live/errors.js';
import { LiveTarget } from '../../live/live-target.js';
import { parseScript } from '../../scansion/parser.js';
import { runScript } from '../../scansion/runner.js';
import { ScriptSyntaxError } from '../../scansion/syntax-error.js';
import type { ScriptTarget } from '../../scansion/target.js';
import { SimTarget } from '../../sim/sim-target.js';
import { visibleToken } from '../../xmpp/visible.js';
import { paletteFor } from '../colors.js';
import { addExtraOption, type ExtraOptions, extrasFor } from '../extra-option.js';
import { type CliIo, EXIT, InputError } from '../io.js';
import { addLiveOptions, checkServer, type LiveOptions } from '../live-options.js';
import { parseSeed } from '../options.js';
import { jsonReporter } from '../reporters/json.js';
import { junitReporter } from '../reporters/junit.js';
import { prettyReporter } from '../reporters/pretty.js';
import type { Reporter, ScriptReport } from '../reporters/report.js';
import { reportPassed } from '../reporters/report.js';
import { tapReporter } from '../reporters/tap.js';
import { collectScripts, displayPath, readEntry, type ScriptEntry } from '../script-files.js';

export const REPORTERS = ['pretty', 'tap', 'junit', 'json'] as const;
type ReporterKind = (typeof REPORTERS)[number];

interface RunOptions extends LiveOptions, ExtraOptions {
  reporter: ReporterKind;
  strictOrder?: boolean;
  bail?: boolean;
  seed: number;
}

/** The target a script runs on: a fresh simulated world, or new connections to the live server. */
function makeTarget(options: RunOptions): SimTarget | LiveTarget {
  if (!options.server) return new SimTarget({ seed: options.seed, extras: extrasFor(options) });
  return new LiveTarget({
    service: options.server,
    ...(options.muc !== undefined && { mucDomain: options.muc }),
  });
}

function makeReporter(kind: ReporterKind, io: CliIo, total: number): Reporter {
  switch (kind) {
    case 'tap':
      return tapReporter(io, total);
    case 'junit':
      return junitReporter(io);
    case 'json':
      return jsonReporter(io);
    case 'pretty':
      return prettyReporter(io, paletteFor(io.env, io.isTTY));
  }
}

async function runOne(
  entry: ScriptEntry,
  io: CliIo,
  options: RunOptions,
): Promise<{ report: ScriptReport; connectionError?: LiveConnectionError }> {
  const { path } = entry;
  const shown = displayPath(path, io.cwd);
  const started = performance.now();
  const report = (extra: Partial<ScriptReport>): ScriptReport => ({
    path: shown,
    name: visibleToken(basename(path)),
    durationMs: performance.now() - started,
    ...extra,
  });
  let script: ReturnType<typeof parseScript>;
  try {
    script = parseScript(await readEntry(entry, shown), shown);
  } catch (error) {
    // One unreadable or broken file is that file's error: every other script still runs.
    if (error instanceof ScriptSyntaxError || error instanceof InputError)
      return {
        report: report({ inputError: String(error instanceof InputError ? error.message : error) }),
      };
    throw error;
  }
  const target: ScriptTarget = makeTarget(options);
  let result: Awaited<ReturnType<typeof runScript>>;
  try {
    result = await runScript(
      options.server ? mapScriptDomain(script, options.domain) : script,
      target,
      {
        strictOrder: options.strictOrder === true,
        timeoutMs: options.timeout,
      },
    );
  } finally {
    await target.close();
  }
  const connectionError = target instanceof LiveTarget ? target.connectionError : undefined;
  return { report: report({ result }), ...(connectionError && { connectionError }) };
}

export function makeRunCommand(io: CliIo, setExit: (code: number) => void): Command {
  const command = new Command('run')
    .description('run .scs scripts against the simulator, or against a real XMPP server (--server)')
    .argument('<paths...>', 'script files or directories (searched recursively for *.scs)')
    .addOption(
      new Option('--reporter <kind>', 'output format').choices(REPORTERS).default('pretty'),
    )
    .option('--strict-order', 'fail on any stanza a receives step had to skip')
    .option('--bail', 'stop after the first script that fails')
    .addOption(
      new Option('--seed <n>', 'seed for generated ids and resources')
        .argParser(parseSeed)
        .default(1),
    );
  return addLiveOptions(addExtraOption(command)).action(
    async (paths: string[], options: RunOptions) => {
      const extras = extrasFor(options);
      const entries = await collectScripts(paths, io.cwd);
      await checkServer(options);
      const reporter = makeReporter(options.reporter, io, entries.length);
      const started = performance.now();
      const reports: ScriptReport[] = [];
      let unreachable: LiveConnectionError | undefined;
      for (const entry of entries) {
        const { report, connectionError } = await runOne(entry, io, options);
        reporter.script(report, reports.length);
        reports.push(report);
        await io.flush?.();
        if (connectionError) {
          unreachable = connectionError;
          break;
        }
        if (options.bail && !reportPassed(report)) break;
      }
      reporter.end({ reports, durationMs: performance.now() - started, extras });
      if (unreachable) io.err(`mucsim: ${unreachable.message}\n`);
      if (unreachable || reports.some((report) => report.inputError)) setExit(EXIT.usage);
      else setExit(reports.every(reportPassed) ? EXIT.ok : EXIT.failed);
    },
  );
}
