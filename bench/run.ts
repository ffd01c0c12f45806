// `npm run bench [-- --quick] [-- --out file.json]`: measures the simulator, prints the table and writes bench/results.json — the XEP-0045 simulator's speed
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { collectFigures } from './figures.js';
import { REPO_ROOT } from './harness.js';
import { FULL, QUICK } from './plan.js';
import { formatReport } from './report.js';
import { collect } from './results.js';

const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, out: { type: 'string' } },
});
const out = resolve(values.out ?? join(REPO_ROOT, 'bench/results.json'));
const results = await collect(values.quick ? QUICK : FULL, (line) => console.error(line));
const figures = collectFigures(results);
console.log(formatReport(results, figures));
writeFileSync(out, `${JSON.stringify({ ...results, figures }, null, 2)}\n`);
console.error(`written to ${out}`);
