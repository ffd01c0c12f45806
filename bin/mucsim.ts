#!/usr/bin/env node
// The mucsim command, a simulator and debugger of XEP-0045 Multi-User Chat: picks the bundle the command needs and maps stack traces to src/
import { fileURLToPath } from 'node:url';
import { requestedCommand } from '../src/cli/requested-command.js';
import { loadCore } from './core-loader.js';
import { mapStackTraces } from './stack-traces.js';

const DIST = fileURLToPath(new URL('..', import.meta.url));
/** The debugger's ink lays out with yoga-layout, which awaits at its top level: ES modules only. */
const NEEDS_ES_MODULES = new Set(['tui']);

mapStackTraces(DIST);
const command = requestedCommand(process.argv.slice(2)) ?? '';
let main: Awaited<typeof import('../src/cli/main.js')>['main'];
if (NEEDS_ES_MODULES.has(command)) {
  ({ main } = await import(new URL('../esm/main.js', import.meta.url).href));
} else {
  const core = loadCore(DIST);
  if (core.script.cachedDataRejected && process.env.MUCSIM_DEBUG) {
    process.stderr.write('mucsim: the code cache was rejected (built by another Node?)\n');
  }
  main = core.main;
}
process.exitCode = await main(process.argv);
