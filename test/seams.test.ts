// The seams of the architecture, checked on every run: no runtime import cycle in src/, a pure core (src/xmpp, src/muc, src/scansion) without ink, react, commander or node I/O, a room router that dispatches only into the MUC core, features that neither import each other nor fire hooks, and no test code in src/ — docs/architecture.md
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

const files = sourceFiles(SRC);
const graph = new Map(
  files.map((file) => [
    file,
    runtimeImports(file)
      .map((specifier) => resolveLocal(file, specifier))
      .filter((target): target is string => target !== undefined),
  ]),
);

/** The files under src/ that `file` imports at run time, relative to src/. */
function localImports(file: string): string[] {
  return (graph.get(join(SRC, file)) ?? []).map((target) => relative(SRC, target));
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
  it('has no runtime import cycle', () => {
    expect(findCycle()).toBeUndefined();
  });

  it("routes a room's stanzas only into the MUC core (src/muc/core)", () => {
    const outside = localImports('muc/room-router.ts').filter(
      (target) => !target.startsWith('muc/core/') && !target.startsWith('xmpp/'),
    );
    expect(outside).toEqual([]);
    expect(localImports('muc/room-router.ts').length).toBeGreaterThan(3);
  });

  it('keeps features as plugins: none imports another, only the core fires hooks', () => {
    const features = files.filter((file) => relative(SRC, file).startsWith('muc/features/'));
    const crossings = features
      .filter((file) => !file.endsWith('/index.ts'))
      .flatMap((file) =>
        localImports(relative(SRC, file))
          .filter((target) => target.startsWith('muc/features/'))
          .map((target) => `${relative(SRC, file)} imports ${target}`),
      );
    expect(crossings).toEqual([]);
    const firing = files
      .filter((file) => relative(SRC, file).startsWith('muc/'))
      .filter((file) => /\.fire\(/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(SRC, file));
    expect(firing.filter((file) => !file.startsWith('muc/core/'))).toEqual(['muc/room.ts']);
    expect(firing.length).toBeGreaterThan(5);
    expect(features.length).toBeGreaterThan(20);
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

/** Every file under `dir`, whatever its extension. */
function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path) : [path];
  });
}

const VITEST_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\(\s*)['"]vitest(?:\/[^'"]*)?['"]/;

/** Whether a file is test code: named `*.test.*`, or importing vitest. */
function isTestCode(name: string, text: string): boolean {
  return /\.test\.[^/]+$/.test(name) || VITEST_IMPORT.test(text);
}

describe('src/ holds no test code (unit tests live in test/unit/, helpers in test/helpers/)', () => {
  it('has no *.test.* file and no file importing vitest under src/', () => {
    const offenders = allFiles(SRC)
      .filter((path) => isTestCode(path, readFileSync(path, 'utf8')))
      .map((path) => relative(REPO_ROOT, path));
    expect(offenders).toEqual([]);
  });

  it('recognises test code by its name or its vitest import (the check can fail)', () => {
    expect(isTestCode('src/xmpp/jid.test.ts', '')).toBe(true);
    expect(isTestCode('src/tui/Pane.test.tsx', '')).toBe(true);
    expect(isTestCode('src/sim/fake-clock.ts', "import { vi } from 'vitest';")).toBe(true);
    expect(isTestCode('src/sim/fake-clock.ts', 'import type { Mock } from "vitest";')).toBe(true);
    expect(isTestCode('src/sim/fake-clock.ts', "await import('vitest/config');")).toBe(true);
    expect(isTestCode('src/sim/clock.ts', '// no vitest here, and no test.ts name')).toBe(false);
    expect(isTestCode('src/xmpp/latest.ts', "import { x } from './vitest-free.js';")).toBe(false);
    expect(allFiles(SRC).length).toBeGreaterThan(100);
  });
});
