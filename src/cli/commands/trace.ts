// `mucsim trace`: run a script and export what happened for a bug report — the trace as JSON, a Mermaid sequence diagram, or a normalised .scs (XEP-0045 scenarios §7–§10)
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { sequenceDiagram } from '../../export/mermaid.js';
import {
  type ExportRun,
  type ExportRunner,
  simulateForExport,
} from '../../export/session-export.js';
import { traceDocument } from '../../export/trace-document.js';
import type { TraceEntry } from '../../muc/trace.js';
import { traceEntryToJson } from '../../muc/trace-json.js';
import { parseScript } from '../../scansion/parser.js';
import type { Script } from '../../scansion/script.js';
import { ScriptSyntaxError } from '../../scansion/syntax-error.js';
import { visibleText, visibleToken } from '../../xmpp/visible.js';
import { type CliIo, EXIT, InputError } from '../io.js';
import { parseSeed } from '../options.js';
import { GrowingFile, writeOutputFile } from '../output-file.js';
import { displayPath, readScript } from '../script-files.js';

export const TRACE_FORMATS = ['json', 'jsonl', 'mermaid', 'scs'] as const;
type TraceFormat = (typeof TRACE_FORMATS)[number];

interface TraceOptions {
  format: TraceFormat;
  seed: number;
  output?: string;
  markdown?: boolean;
}

/**
 * Where the script runs. Extension point for the live mode: a `--server xmpp://…` option
 * would pick a runner built on src/live that returns the same `ExportRun` (its trace holds
 * only what the clients sent and received); the formats below work on either.
 */
function runnerFor(_options: TraceOptions): ExportRunner {
  return simulateForExport;
}

/**
 * `jsonl` writes one trace entry per line as the run appends it (to the file, or standard
 * output), so a crash or a kill loses nothing that happened before it.
 */
function streamEntries(
  io: CliIo,
  options: TraceOptions,
): { onEntry: (entry: TraceEntry) => void; file?: GrowingFile } | undefined {
  if (options.format !== 'jsonl') return undefined;
  const file =
    options.output === undefined
      ? undefined
      : new GrowingFile(resolve(io.cwd, options.output), visibleToken(options.output));
  const onEntry = (entry: TraceEntry) => {
    const line = `${JSON.stringify(traceEntryToJson(entry))}\n`;
    if (file) file.append(line);
    else io.out(line);
  };
  return { onEntry, ...(file && { file }) };
}

function render(run: ExportRun, shown: string, options: TraceOptions): string {
  switch (options.format) {
    case 'jsonl':
      return '';
    case 'json':
      return traceDocument({
        script: shown,
        seed: run.seed,
        passed: run.passed,
        clients: run.clients,
        entries: run.trace,
      });
    case 'mermaid':
      return sequenceDiagram({
        ...(run.script.title === undefined ? {} : { title: run.script.title }),
        clients: run.clients,
        trace: run.trace,
        notes: run.notes,
        markdown: options.markdown === true,
      });
    case 'scs':
      return run.recording();
  }
}

export function makeTraceCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('trace')
    .description(
      'run a script on the simulator and export what happened: the trace (json), a sequence diagram (mermaid) or a normalised script (scs)',
    )
    .argument('<script>', 'the .scs script to run')
    .addOption(
      new Option('--format <kind>', 'what to write').choices(TRACE_FORMATS).default('mermaid'),
    )
    .addOption(
      new Option('--seed <n>', 'seed for generated ids and resources')
        .argParser(parseSeed)
        .default(1),
    )
    .option('--output <file>', 'write to a file instead of standard output')
    .option('--markdown', 'fence the Mermaid diagram as ```mermaid, for a GitHub issue')
    .action(async (path: string, options: TraceOptions) => {
      if (options.markdown && options.format !== 'mermaid') {
        throw new InputError('--markdown applies to --format mermaid only');
      }
      const absolute = resolve(io.cwd, path);
      const shown = displayPath(absolute, io.cwd);
      const text = await readScript(absolute, shown);
      let script: Script;
      try {
        script = parseScript(text, shown);
      } catch (error) {
        if (!(error instanceof ScriptSyntaxError)) throw error;
        io.err(`${error.toString()}\n`);
        setExit(EXIT.usage);
        return;
      }
      const stream = streamEntries(io, options);
      const run = await runnerFor(options)(script, {
        seed: options.seed,
        ...(stream && { onEntry: stream.onEntry }),
      });
      stream?.file?.finish();
      const output = render(run, shown, options);
      if (!stream && options.output === undefined) io.out(output);
      else if (!stream && options.output !== undefined) {
        const target = resolve(io.cwd, options.output);
        await writeOutputFile(target, output, visibleToken(options.output));
      }
      if (run.failure) {
        const { line, client, kind, reason } = run.failure;
        io.err(
          `${shown}:${line}: ${client} ${kind} failed: ${visibleText(reason)}\n(the export covers the script up to that step)\n`,
        );
      }
      setExit(run.passed ? EXIT.ok : EXIT.failed);
    });
}
