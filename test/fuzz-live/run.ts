// `npm run fuzz:live` and CI's differential step: mucsim fuzz --server on several seeds against a throw-away Prosody 13 (or --server), each seed's repro kept — XEP-0045 on the simulator and a real server
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startProsody } from '../helpers/prosody.js';
import { REPO_ROOT } from '../helpers/suite.js';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '1-4' },
    actions: { type: 'string', default: '1000' },
    server: { type: 'string' },
    out: { type: 'string', default: join(tmpdir(), 'mucsim-fuzz-repros') },
    'shrink-seconds': { type: 'string', default: '120' },
    explained: { type: 'string', multiple: true, default: [] },
  },
});

/** `1-4` or `1,5,9`. */
function seedsOf(text: string): number[] {
  const range = /^(\d+)-(\d+)$/.exec(text);
  if (range) {
    const [from, to] = [Number(range[1]), Number(range[2])];
    return Array.from({ length: to - from + 1 }, (_, index) => from + index);
  }
  return text.split(',').map(Number);
}

function fuzzSeed(server: string, seed: number, out: string): Promise<number> {
  const args = [
    join(REPO_ROOT, 'dist/bin/mucsim.js'),
    'fuzz',
    '--server',
    server,
    '--seed',
    String(seed),
    '--actions',
    values.actions!,
    '--shrink-seconds',
    values['shrink-seconds']!,
    '--output',
    join(out, `seed-${seed}.scs`),
    ...values.explained!.flatMap((file) => ['--explained', resolve(file)]),
  ];
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let printed = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      process.stdout.write(chunk);
      printed += chunk;
    });
    // An invariant the simulator broke is no difference with the server: the seed fails. The
    // whole output is searched, since the line may come split over two chunks.
    const broke = () => printed.includes('the simulator broke the invariant');
    child.on('close', (code) => done(broke() ? 2 : (code ?? 2)));
  });
}

const out = resolve(values.out!);
mkdirSync(out, { recursive: true });
const server = values.server === undefined ? await startProsody({ debugLog: false }) : undefined;
const address = values.server ?? server!.service;
const failed: number[] = [];
/** Seeds that could not run (usage, connection, a crash) or broke an invariant: exit code 2. */
const broken: number[] = [];
const started = Date.now();
try {
  for (const seed of seedsOf(values.seeds!)) {
    const code = await fuzzSeed(address, seed, out);
    if (code === 1) failed.push(seed);
    else if (code !== 0) broken.push(seed);
  }
} finally {
  await server?.stop();
}
const seconds = ((Date.now() - started) / 1000).toFixed(0);
if (broken.length > 0) {
  console.log(
    `differential fuzzing: seeds ${broken.join(', ')} could not run or broke an invariant (${seconds} s)`,
  );
  process.exit(2);
}
console.log(
  failed.length === 0
    ? `differential fuzzing: every seed agrees with the server (${seconds} s)`
    : `differential fuzzing: seeds ${failed.join(', ')} differ (${seconds} s); their repros are in ${out}`,
);
process.exit(failed.length === 0 ? 0 : 1);
