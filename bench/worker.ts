// One measurement in a fresh process, printed as a JSON line for bench/run.ts — the XEP-0045 simulator's benchmarks (§7.2.3, §7.4)
import { MEASUREMENTS, type MeasurementKind } from './measurements.js';

const [kind = '', options = '{}'] = process.argv.slice(2);
if (!(kind in MEASUREMENTS)) throw new Error(`unknown measurement '${kind}'`);
const measure = MEASUREMENTS[kind as MeasurementKind] as (options: unknown) => Promise<unknown>;
const result = await measure(JSON.parse(options));
process.stdout.write(`${JSON.stringify(result)}\n`);
// ink and open sockets may keep the loop alive: the figures are out, so stop here.
process.exit(0);
