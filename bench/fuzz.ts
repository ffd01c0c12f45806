// Fuzzing speed: stanzas per second of `mucsim fuzz` in memory, every invariant checked after every step — XEP-0045 services under hostile input (§5, §7, §17)
import { fuzz } from '../src/fuzz/index.js';
import { median } from './harness.js';

export interface FuzzOptions {
  /** Stanzas per seed. */
  stanzas: number;
  seeds: number[];
  /** Runs before measuring, so the figures are of compiled code. */
  warmup: number;
}

export interface FuzzBenchResult {
  stanzas: number;
  seeds: number[];
  /** Stanzas per second of wall time, each seed's, and their median. */
  perSeed: number[];
  stanzasPerSec: number;
  /** The same per second of this process's CPU time: less sensitive to a busy machine. */
  stanzasPerCpuSec: number;
  checksPerStanza: number;
}

export async function measureFuzz(options: FuzzOptions): Promise<FuzzBenchResult> {
  for (let run = 0; run < options.warmup; run += 1) {
    fuzz({ seed: 1000 + run, stanzas: options.stanzas, users: 8, rooms: 4 });
  }
  const perSeed: number[] = [];
  const perCpu: number[] = [];
  let checks = 0;
  for (const seed of options.seeds) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const result = fuzz({ seed, stanzas: options.stanzas, users: 8, rooms: 4 });
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    if (result.violation) throw new Error(`fuzz --seed ${seed}: ${result.violation.detail}`);
    perSeed.push(result.stanzas / seconds);
    perCpu.push(result.stanzas / ((used.user + used.system) / 1e6));
    checks += result.checks / result.stanzas;
  }
  return {
    stanzas: options.stanzas,
    seeds: options.seeds,
    perSeed,
    stanzasPerSec: median(perSeed),
    stanzasPerCpuSec: median(perCpu),
    checksPerStanza: checks / options.seeds.length,
  };
}
