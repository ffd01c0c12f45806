// `mucsim run`: run .scs scripts against the simulator and report — XEP-0045 scenarios end to end
import { basename } from 'node:path';
import { Command, Option } from 'commander';
import { parseScript } from '../../scansion/parser.js';
import { runScript } from '../../scansion/runner.js';
import { ScriptSyntaxError } from '../../scansion/syntax-error.js';
import { SimTarget } from '../../sim/sim-target.js';
import { paletteFor } from '../colors.js';
import { type CliIo, EXIT } from '../io.js';
import { parseSeed } from '../options.js';
import { jsonReporter } from '../reporters/json.js';
import { junitReporter } from '../reporters/junit.js';
import { prettyReporter } from '../reporters/pretty.js';
import type { Reporter, ScriptReport } from '../reporters/report.js';
import { reportPassed } from '../reporters/report.js';
import { tapReporter } from '../reporters/tap.js';
import { collectScripts, displayPath, readScript } from '../script-files.js';

export const REPORTERS = ['pretty', 'tap', 'junit', 'json'] as const;
type ReporterKind = (typeof REPORTERS)[number];

interface RunOptions {
  reporter: ReporterKind;
  strictOrder?: boolean;
  bail?: boolean;
  seed: number;
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

async function runOne(path: string, io: CliIo, options: RunOptions): Promise<ScriptReport> {
  const shown = displayPath(path, io.cwd);
  const started = performance.now();
  const report = (extra: Partial<ScriptReport>): ScriptReport => ({
    path: shown,
    name: basename(path),
    durationMs: performance.now() - started,
    ...extra,
  });
  let script: ReturnType<typeof parseScript>;
  try {
    script = parseScript(await readScript(path), shown);
  } catch (error) {
    if (error instanceof ScriptSyntaxError) return report({ inputError: error.toString() });
    throw error;
  }
  const target = new SimTarget({ seed: options.seed });
  const result = await runScript(script, target, { strictOrder: options.strictOrder === true });
  await target.close();
  return report({ result });
}

export function makeRunCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('run')
    .description('run .scs scripts against the simulator')
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
    )
    .action(async (paths: string[], options: RunOptions) => {
      const files = await collectScripts(paths, io.cwd);
      const reporter = makeReporter(options.reporter, io, files.length);
      const started = performance.now();
      const reports: ScriptReport[] = [];
      for (const file of files) {
        const report = await runOne(file, io, options);
        reporter.script(report, reports.length);
        reports.push(report);
        if (options.bail && !reportPassed(report)) break;
      }
      reporter.end({ reports, durationMs: performance.now() - started });
      if (reports.some((report) => report.inputError)) setExit(EXIT.usage);
      else setExit(reports.every(reportPassed) ? EXIT.ok : EXIT.failed);
    });
}
