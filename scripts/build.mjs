// `npm run build`: bundles bin/ and src/ into dist/ with esbuild, so the mucsim command (a simulator and debugger of XEP-0045 rooms) starts from a few files
// One entry, dist/bin/mucsim.js; each command, ink and react, and @xmpp/client are chunks loaded
// only when used. Linked source maps name the src/ files. `npm run typecheck` checks the types.
import { chmodSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const ENTRY = join(ROOT, 'dist/bin/mucsim.js');
/** esbuild's record of the build: every input and output, and the imports between them. */
export const METAFILE = join(ROOT, 'dist/metafile.json');
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

const PLUGINS = [
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

/** Builds dist/ from scratch. */
export async function buildDist() {
  const { build } = await import('esbuild');
  rmSync(join(ROOT, 'dist'), { recursive: true, force: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ['bin/mucsim.ts'],
    outbase: '.',
    outdir: 'dist',
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    // Fewer bytes and lines to compile; names are kept, for stack traces and `.name`.
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: 'linked',
    sourcesContent: false,
    // React's production build: the development one checks and warns on every render.
    define: { 'process.env.NODE_ENV': '"production"' },
    // Only ink's DEV=true mode imports it, and it is not a dependency.
    external: ['react-devtools-core'],
    // CommonJS dependencies (commander, react) call require() for Node's own modules.
    banner: {
      js: "import { createRequire as __mucsimCreateRequire } from 'node:module'; const require = __mucsimCreateRequire(import.meta.url);",
    },
    plugins: PLUGINS,
    metafile: true,
    logLevel: 'warning',
  });
  writeFileSync(METAFILE, JSON.stringify(result.metafile));
  chmodSync(ENTRY, 0o755);
}

const modified = (path) => statSync(join(ROOT, path), { throwIfNoEntry: false })?.mtimeMs;

/**
 * The first source newer than dist/ (a module of the last build, or the build's own inputs),
 * `dist/` when there is no build, or undefined when dist/ is up to date. A new file counts once
 * a changed file imports it.
 */
export function staleBecause() {
  const built = modified('dist/bin/mucsim.js');
  if (built === undefined || modified('dist/metafile.json') === undefined) return 'dist/';
  const { inputs } = JSON.parse(readFileSync(METAFILE, 'utf8'));
  const sources = Object.keys(inputs).filter((path) => !path.startsWith('node_modules/'));
  return [...BUILD_INPUTS, ...sources].find((path) => (modified(path) ?? Infinity) > built);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildDist();
