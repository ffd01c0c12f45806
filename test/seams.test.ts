// The seams of the architecture, checked on every run: no runtime import cycle in src/, and a pure core (src/xmpp, src/muc, src/scansion) without ink, react, commander or node I/O — docs/architecture.md
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/suite.js';

const SRC = join(REPO_ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The modules a file imports at run time (`import type` and `export type` are erased). */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  const pattern = /^(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    found.push(match[1] as string);
  }
  return found;
}

function resolveLocal(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier).replace(/\.js$/, '');
  for (const candidate of [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {}
  }
  return undefined;
}

/**
 * Import edges known to close a cycle, each to be removed by the work that owns it: the MUC
 * core's split into core/ and hook-only features takes `nickname → enter` away (issue 12 §1).
 * A new cycle fails the test; so does a listed edge that no longer exists.
 */
const KNOWN_CYCLE_EDGES: readonly [string, string][] = [
  ['muc/features/nickname.ts', 'muc/features/enter.ts'],
];

const files = sourceFiles(SRC);
const graph = new Map(
  files.map((file) => [
    file,
    runtimeImports(file)
      .map((specifier) => resolveLocal(file, specifier))
      .filter((target): target is string => target !== undefined)
      .filter(
        (target) =>
          !KNOWN_CYCLE_EDGES.some(
            ([from, to]) => relative(SRC, file) === from && relative(SRC, target) === to,
          ),
      ),
  ]),
);

function importsAtAll(from: string, to: string): boolean {
  return runtimeImports(join(SRC, from)).some(
    (specifier) => resolveLocal(join(SRC, from), specifier) === join(SRC, to),
  );
}

function findCycle(): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): string[] | undefined => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const cycle = visit(next);
        if (cycle) return cycle;
      }
    }
    stack.pop();
    state.set(file, 'done');
    return undefined;
  };
  for (const file of files) {
    if (state.has(file)) continue;
    const cycle = visit(file);
    if (cycle) return cycle.map((path) => relative(SRC, path));
  }
  return undefined;
}

const PURE = ['xmpp', 'muc', 'scansion'];
const FORBIDDEN =
  /^(ink|ink-.*|react|react\/.*|commander|node:(fs|fs\/promises|net|child_process|http|https|tls|dgram|readline|process))$/;

describe('the seams of src/', () => {
  it('has no runtime import cycle (but the listed edges, which still exist)', () => {
    expect(findCycle()).toBeUndefined();
    for (const [from, to] of KNOWN_CYCLE_EDGES) expect(importsAtAll(from, to)).toBe(true);
  });

  it('keeps the pure core free of ink, react, commander and node I/O', () => {
    const offenders = files
      .filter((file) => PURE.includes(relative(SRC, file).split('/')[0] as string))
      .flatMap((file) =>
        runtimeImports(file)
          .filter((specifier) => FORBIDDEN.test(specifier))
          .map((specifier) => `${relative(SRC, file)} imports ${specifier}`),
      );
    expect(offenders).toEqual([]);
  });

  it('finds a cycle and a forbidden import when there is one (the check can fail)', () => {
    expect(FORBIDDEN.test('node:fs')).toBe(true);
    expect(FORBIDDEN.test('ink')).toBe(true);
    expect(FORBIDDEN.test('ltx')).toBe(false);
    expect(graph.size).toBeGreaterThan(100);
  });
});
