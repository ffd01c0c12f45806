// `npm run build`: bundles bin/ and src/ into dist/ with esbuild, so the mucsim command (a simulator and debugger of XEP-0045 rooms) starts close to Node's own start-up
// dist/bin/mucsim.js runs commands from one code-cached CommonJS file, and the debugger from ES
// modules whose ink, react and @xmpp/client chunks load only when used. Linked source maps name
// the src/ files. `npm run typecheck` checks the types.
import { chmodSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const ENTRY = join(ROOT, 'dist/bin/mucsim.js');
/** esbuild's records of the three bundles: every input and output, and the imports between them. */
export const METAFILE = join(ROOT, 'dist/metafile.json');
/** The repository's files in the build (the metafile's inputs outside node_modules/). */
const SOURCES = join(ROOT, 'dist/sources.json');
const LESSON = 'scenarios/tutorial/01-create-and-configure.scs';
/** Inputs that are not modules but change the output. */
const BUILD_INPUTS = ['package.json', 'package-lock.json', 'scripts/build.mjs'];

/**
 * Replaces `search` in the files matching `filter` with `replacement`, and fails the build if it
 * is not there any more (a dependency upgrade then needs a look, not a silent slowdown).
 */
function patch(name, filter, search, replacement) {
  return {
    name,
    setup(builder) {
      builder.onLoad({ filter }, ({ path }) => {
        const source = readFileSync(path, 'utf8');
        if (!source.includes(search)) throw new Error(`${name}: "${search}" is not in ${path}`);
        return { contents: source.replaceAll(search, replacement), loader: 'js' };
      });
    },
  };
}

const PATCHES = [
  // commander loads child_process (and with it net and dgram, ~6 ms) for executable
  // subcommands, which mucsim does not have: load it only if one is ever spawned.
  patch(
    'commander-lazy-child-process',
    /commander[\\/]lib[\\/]command\.js$/,
    "const childProcess = require('node:child_process');",
    "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };",
  ),
  // yoga-layout (ink's layout engine) is built for the web: it fetch()es its own inline wasm,
  // which loads Node's fetch (undici, ~70 ms) before the first frame. Decode it directly.
  patch(
    'yoga-inline-wasm-without-fetch',
    /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/,
    '"function"!=typeof fetch',
    'true',
  ),
];

/** What all three bundles share: Node 20, minified without renaming, linked source maps. */
const COMMON = {
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'node',
  target: 'node20.19',
  // Fewer bytes and lines to compile; names are kept, for stack traces and `.name`.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  sourcesContent: false,
  // React's production build: the development one checks and warns on every render.
  define: { 'process.env.NODE_ENV': '"production"' },
  // `import.meta` is empty in a CommonJS bundle: code that needs it must not build.
  logOverride: { 'empty-import-meta': 'error' },
  metafile: true,
  logLevel: 'warning',
};

/**
 * The CommonJS core cannot hold the debugger (ink needs top-level await): its commands there
 * only say so, and bin/mucsim.ts sends `mucsim tui` and `mucsim serve --tui` to the ES modules.
 */
const ES_MODULES_ONLY = {
  name: 'es-modules-only',
  setup(builder) {
    builder.onResolve({ filter: /\/(commands\/tui|serve-tui)\.js$/ }, () => ({
      path: 'tui',
      namespace: 'es-modules-only',
    }));
    builder.onLoad({ filter: /.*/, namespace: 'es-modules-only' }, () => ({
      contents:
        "const esm = () => { throw new Error('the debugger runs from dist/esm/: bin/mucsim.ts sends it there'); }; export { esm as makeTuiCommand, esm as serveInTui };",
      loader: 'js',
    }));
  },
};

/** Commands run while the code cache is made: the functions they call are cached compiled. */
const TRAINING = [
  ['--help'],
  ['run', 'scenarios'],
  ['run', '--reporter', 'tap', LESSON],
  ['check', 'scenarios'],
  ['explain', '307'],
  ['trace', '--format', 'json', LESSON],
];

/** Runs TRAINING on the core, output discarded, then writes V8's code cache beside it. */
async function writeCodeCache() {
  const loader = await import(pathToFileURL(join(ROOT, 'dist/bin/core-loader.js')).href);
  const core = loader.loadCore(join(ROOT, 'dist'), false);
  const io = { out: () => {}, err: () => {}, env: {}, isTTY: false, cwd: ROOT };
  for (const args of TRAINING) await core.main(['node', 'mucsim', ...args], io);
  writeFileSync(loader.corePaths(join(ROOT, 'dist')).cache, core.script.createCachedData());
}

/**
 * Builds dist/ from scratch: bin/ (the launcher), core/ (every command but the debugger, as one
 * code-cached CommonJS file) and esm/ (everything as ES modules, for the debugger), then the cache.
 */
export async function buildDist() {
  const { build } = await import('esbuild');
  rmSync(join(ROOT, 'dist'), { recursive: true, force: true });
  const builds = await Promise.all([
    build({
      ...COMMON,
      entryPoints: ['bin/mucsim.ts', 'bin/core-loader.ts'],
      outdir: 'dist/bin',
      format: 'cjs',
      define: { ...COMMON.define, 'import.meta.url': '__mucsimFileUrl' },
      banner: { js: "const __mucsimFileUrl = require('node:url').pathToFileURL(__filename).href;" },
    }),
    build({
      ...COMMON,
      entryPoints: { main: 'src/cli/main.ts' },
      outdir: 'dist/core',
      outExtension: { '.js': '.cjs' },
      format: 'cjs',
      plugins: [...PATCHES, ES_MODULES_ONLY],
    }),
    build({
      ...COMMON,
      entryPoints: { main: 'src/cli/main.ts' },
      outdir: 'dist/esm',
      chunkNames: 'chunks/[name]-[hash]',
      splitting: true,
      format: 'esm',
      // Only ink's DEV=true mode imports it, and it is not a dependency.
      external: ['react-devtools-core'],
      // CommonJS dependencies (commander, react) call require() for Node's own modules.
      banner: {
        js: "import { createRequire as __mucsimCreateRequire } from 'node:module'; const require = __mucsimCreateRequire(import.meta.url);",
      },
      plugins: PATCHES,
    }),
  ]);
  const [launcher, core, esm] = builds.map((result) => result.metafile);
  // The core runs in a vm.Script, which has no loader for import(): everything must be inside.
  const loads = Object.values(core.outputs).flatMap((output) => output.imports);
  const outside = loads.filter((each) => each.kind === 'dynamic-import');
  if (outside.length > 0) {
    throw new Error(`dist/core/ must not import() ${outside.map((each) => each.path).join(', ')}`);
  }
  writeFileSync(METAFILE, JSON.stringify({ launcher, core, esm }));
  // The repository's own files: not node_modules/, nor a plugin's module (`namespace:path`).
  const inputs = new Set(builds.flatMap((result) => Object.keys(result.metafile.inputs)));
  const sources = [...inputs].filter((path) => !/^node_modules\/|:/.test(path));
  writeFileSync(SOURCES, JSON.stringify(sources));
  // The launcher is CommonJS: running it starts no ES module loader.
  writeFileSync(join(ROOT, 'dist/bin/package.json'), '{ "type": "commonjs" }\n');
  chmodSync(ENTRY, 0o755);
  await writeCodeCache();
}

const modified = (path) => statSync(join(ROOT, path), { throwIfNoEntry: false })?.mtimeMs;

/**
 * The first source newer than dist/ (a module of the last build, or the build's own inputs),
 * `dist/` when there is no build, or undefined when dist/ is up to date. A new file counts once
 * a changed file imports it.
 */
export function staleBecause() {
  const built = modified('dist/bin/mucsim.js');
  if (built === undefined || modified('dist/sources.json') === undefined) return 'dist/';
  const sources = JSON.parse(readFileSync(SOURCES, 'utf8'));
  return [...BUILD_INPUTS, ...sources].find((path) => (modified(path) ?? Infinity) > built);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildDist();
