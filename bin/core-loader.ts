// Loads dist/core/main.cjs, the command line of the XEP-0045 simulator as one CommonJS bundle, with V8's code cache, so a command starts without compiling mucsim
// Node 20 has no compile cache for ES modules; a vm.Script takes V8's cached data. The build
// writes the cache after running typical commands (scripts/build.mjs), so the functions they
// use are compiled already. A cache from another Node or V8 is rejected and the bundle compiles.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { Script } from 'node:vm';
import type { main } from '../src/cli/main.js';

export interface Core {
  main: typeof main;
  /** The compiled bundle: `cachedDataRejected`, and `createCachedData()` for the build. */
  script: Script;
}

/** The bundle runs as the body of this function, as Node runs a CommonJS module. */
const HEAD = '(function (exports, require, module, __filename, __dirname) {\n';
const TAIL = '\n})';

export function corePaths(dist: string): { bundle: string; cache: string } {
  const core = resolve(dist, 'core');
  return { bundle: join(core, 'main.cjs'), cache: join(core, 'main.cache') };
}

/** Compiles and runs the bundle (with the cache unless `cache` is false) and returns its exports. */
export function loadCore(dist: string, cache = true): Core {
  const paths = corePaths(dist);
  const cachedData = cache && existsSync(paths.cache) ? readFileSync(paths.cache) : undefined;
  const script = new Script(`${HEAD}${readFileSync(paths.bundle, 'utf8')}${TAIL}`, {
    filename: paths.bundle,
    // HEAD's line: stack traces keep the bundle's own line numbers.
    lineOffset: -1,
    ...(cachedData && { cachedData }),
  });
  const module = { exports: {} as { main: typeof main } };
  const body = script.runInThisContext() as (...args: unknown[]) => void;
  body(module.exports, createRequire(paths.bundle), module, paths.bundle, dirname(paths.bundle));
  return { main: module.exports.main, script };
}
