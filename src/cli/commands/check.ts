// `mucsim check`: parse .scs scripts and report syntax errors without running them — XEP-0045 scenarios
import { Command } from 'commander';
import { parseScript } from '../../scansion/parser.js';
import { ScriptSyntaxError } from '../../scansion/syntax-error.js';
import { type CliIo, EXIT, InputError } from '../io.js';
import { collectScripts, displayPath, readEntry } from '../script-files.js';

export function makeCheckCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('check')
    .description('parse .scs scripts and report errors at file:line:column, without running them')
    .argument('<paths...>', 'script files or directories')
    .action(async (paths: string[]) => {
      const entries = await collectScripts(paths, io.cwd);
      let errors = 0;
      for (const entry of entries) {
        const shown = displayPath(entry.path, io.cwd);
        try {
          const script = parseScript(await readEntry(entry, shown), shown);
          for (const warning of script.warnings) {
            io.err(`${shown}:${warning.line}:${warning.column}: warning: ${warning.message}\n`);
          }
          io.out(`ok ${shown} (${script.actions.length} steps)\n`);
        } catch (error) {
          if (!(error instanceof ScriptSyntaxError || error instanceof InputError)) throw error;
          errors += 1;
          io.err(`${error instanceof InputError ? error.message : error.toString()}\n`);
        }
      }
      setExit(errors === 0 ? EXIT.ok : EXIT.usage);
    });
}
