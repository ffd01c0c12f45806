#!/usr/bin/env node
// The mucsim command, a simulator and debugger of XEP-0045 Multi-User Chat: picks the bundle the command needs and maps stack traces to src/
// Built as CommonJS (dist/bin/package.json), so commands that run from the core never start
// Node's ES module loader.
import { fileURLToPath } from 'node:url';
import type { main as Main } from '../src/cli/main.js';
import { requestedCommand } from '../src/cli/requested-command.js';
import { loadCore } from './core-loader.js';
import { mapStackTraces } from './stack-traces.js';

const DIST = fileURLToPath(new URL('..', import.meta.url));
/**
 * The debugger's ink lays out with yoga-layout, which awaits at its top level: ES modules only,
 * for `mucsim tui` and `mucsim serve --tui`.
 */
function needsEsModules(args: readonly string[]): boolean {
  const command = requestedCommand(args);
  return command === 'tui' || (command === 'serve' && args.includes('--tui'));
}

async function mainFor(args: readonly string[]): Promise<typeof Main> {
  if (needsEsModules(args)) {
    return (await import(new URL('../esm/main.js', import.meta.url).href)).main;
  }
  const core = loadCore(DIST);
  if (core.script.cachedDataRejected && process.env.MUCSIM_DEBUG) {
    process.stderr.write('mucsim: the code cache was rejected (built by another Node?)\n');
  }
  return core.main;
}

mapStackTraces(DIST);
mainFor(process.argv.slice(2))
  .then((main) => main(process.argv))
  .then((code) => {
    process.exitCode = code;
  });
