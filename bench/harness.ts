// The benchmark harness: tinybench samples with warm-up, heap after GC, and measurements in fresh child processes — how fast the XEP-0045 simulator is (§7.2.3, §7.4 fan-out)
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Bench } from 'tinybench';
import type { MeasurementKind, MeasurementOptions, MeasurementResult } from './measurements.js';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface SampleOptions {
  samples: number;
  warmup: number;
  /** Runs before each sample, untimed (a fresh world, say). */
  beforeEach?: () => void | Promise<void>;
  /** Runs after each sample, untimed (peak memory, say). */
  afterEach?: () => void;
}

/**
 * Times `work` `samples` times after `warmup` untimed runs (tinybench, one task); returns the
 * median time of one run, in milliseconds.
 */
export async function medianTime(
  work: () => unknown | Promise<unknown>,
  options: SampleOptions,
): Promise<number> {
  const bench = new Bench({
    time: 0,
    iterations: options.samples,
    warmupTime: 0,
    warmupIterations: options.warmup,
    warmup: options.warmup > 0,
    throws: true,
  });
  bench.add('work', work, {
    ...(options.beforeEach && { beforeEach: options.beforeEach }),
    ...(options.afterEach && { afterEach: options.afterEach }),
  });
  await bench.run();
  const result = bench.tasks[0]?.result;
  if (!result || !('latency' in result)) throw new Error(`benchmark did not complete`);
  return result.latency.p50;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Bytes of live heap after full collections (`node --expose-gc`). */
export function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run the benchmark with node --expose-gc');
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** The largest resident set of this process so far, in bytes. */
export function peakRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

/**
 * Runs `bench/worker.ts <kind> <options>` in a fresh Node process (its own heap, its own JIT) and
 * returns what it printed as JSON.
 */
export function inWorker<K extends MeasurementKind>(
  kind: K,
  options: MeasurementOptions<K>,
): Promise<MeasurementResult<K>> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', 'bench/worker.ts', kind, JSON.stringify(options)],
      // React's production build, as dist/ is bundled (scripts/build.mjs defines NODE_ENV).
      {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
        env: { ...process.env, NODE_ENV: 'production' },
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`bench worker ${kind} exited with ${code}`));
      else resolve(JSON.parse(output.trim().split('\n').at(-1) ?? 'null') as MeasurementResult<K>);
    });
  });
}
