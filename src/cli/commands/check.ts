// `mucsim check`: parse .scs scripts and report syntax errors without running them — XEP-0045 scenarios
import { Command } from 'commander';
import { parseScript } from '../../scansion/parser.js';
import { ScriptSyntaxError } from '../../scansion/syntax-error.js';
import { type CliIo, EXIT } from '../io.js';
import { collectScripts, displayPath, readScript } from '../script-files.js';

export function makeCheckCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('check')
    .description('parse .scs scripts and report errors at file:line:column, without running them')
    .argument('<paths...>', 'script files or directories')
    .action(async (paths: string[]) => {
      const files = await collectScripts(paths, io.cwd);
      let errors = 0;
      for (const file of files) {
        const shown = displayPath(file, io.cwd);
        try {
          const script = parseScript(await readScript(file), shown);
          for (const warning of script.warnings) {
            io.err(`${shown}:${warning.line}:${warning.column}: warning: ${warning.message}\n`);
          }
          io.out(`ok ${shown} (${script.actions.length} steps)\n`);
        } catch (error) {
          if (!(error instanceof ScriptSyntaxError)) throw error;
          errors += 1;
          io.err(`${error.toString()}\n`);
        }
      }
      setExit(errors === 0 ? EXIT.ok : EXIT.usage);
    });
}
