// The same measurements against a real Prosody over the live transport: the suite and scenarios on fresh servers and on one warm server, and fan-out to N real connections — XEP-0045 §7.4 on a real server
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Element } from 'ltx';
import { LiveTarget } from '../src/live/live-target.js';
import { parseScript } from '../src/scansion/parser.js';
import { runScript } from '../src/scansion/runner.js';
import { NS } from '../src/xmpp/namespaces.js';
import {
  findProsody,
  type ProsodyServer,
  prosodyMissing,
  prosodyVersion,
  withProsody,
} from '../test/helpers/prosody.js';
import { groupchat, joinPresence, ROOM } from './crowd.js';
import { medianTime } from './harness.js';
import { suiteFiles } from './suite.js';

/** One pass of the scripts against Prosody: each script's run time and outcome, in order. */
export interface LiveSuiteRun {
  passed: number;
  /** Sum of the scripts' run times (server start-up not counted). */
  ms: number;
  perScript: { ms: number; passed: boolean }[];
}

export interface LiveSuiteResult {
  scripts: number;
  /** The Prosody version the scripts ran against. */
  prosody: string;
  /** Each script on a fresh server of its own. */
  fresh: LiveSuiteRun;
  /** All the scripts, one after the other, on one server started once. */
  warm: LiveSuiteRun;
}

export interface LiveFanoutResult {
  n: number;
  messages: number;
  deliveriesPerSec: number;
}

/** Why the live figures cannot be measured here, or undefined when they can. */
export function liveUnavailable(): string | undefined {
  return findProsody() ? undefined : prosodyMissing();
}

/** A fresh server without stanza logging, which would be most of its work. */
function withServer<T>(body: (server: ProsodyServer) => Promise<T>): Promise<T> {
  return withProsody(body, { debugLog: false });
}

async function timeScript(
  path: string,
  server: ProsodyServer,
): Promise<LiveSuiteRun['perScript'][number]> {
  const script = parseScript(readFileSync(path, 'utf8'), basename(path));
  const target = new LiveTarget({ service: server.service });
  const started = performance.now();
  try {
    const result = await runScript(script, target, { timeoutMs: 2000 });
    return { ms: performance.now() - started, passed: result.passed };
  } finally {
    await target.close();
  }
}

function summarise(perScript: LiveSuiteRun['perScript']): LiveSuiteRun {
  return {
    passed: perScript.filter((run) => run.passed).length,
    ms: perScript.reduce((sum, run) => sum + run.ms, 0),
    perScript,
  };
}

/** The scripts on a fresh server each, then all on one server, in the same run. */
export async function measureLiveSuite(options: { limit?: number }): Promise<LiveSuiteResult> {
  const files = suiteFiles().slice(0, options.limit);
  const fresh: LiveSuiteRun['perScript'] = [];
  for (const path of files) fresh.push(await withServer((server) => timeScript(path, server)));
  const warm = await withServer(async (server) => {
    const runs: LiveSuiteRun['perScript'] = [];
    for (const path of files) runs.push(await timeScript(path, server));
    return runs;
  });
  return {
    scripts: files.length,
    prosody: `Prosody ${prosodyVersion() ?? '(version unknown)'}`,
    fresh: summarise(fresh),
    warm: summarise(warm),
  };
}

function configForm(fields: Record<string, string[]>): Element {
  const iq = new Element('iq', { type: 'set', to: ROOM, id: 'config' });
  const form = iq
    .c('query', { xmlns: NS.mucOwner })
    .c('x', { xmlns: NS.dataForms, type: 'submit' });
  for (const [name, values] of Object.entries({ FORM_TYPE: [NS.mucRoomconfig], ...fields })) {
    const field = form.c('field', { var: name });
    for (const value of values) field.c('value').t(value);
  }
  return iq;
}

/** Waits until `done()` holds, polling the event loop (deliveries arrive on sockets). */
async function until(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * N real client connections in one room of a fresh Prosody (joined with presence broadcast off,
 * as in the simulator's fan-out), then groupchat messages: deliveries per second, counted when
 * they have reached the clients.
 */
export async function measureLiveFanout(options: {
  n: number;
  deliveriesPerSample: number;
  samples: number;
  warmup: number;
}): Promise<LiveFanoutResult> {
  const { n } = options;
  return withServer(async (server) => {
    const target = new LiveTarget({ service: server.service });
    let received = 0;
    const count = (stanza: Element) => {
      if (stanza.name === 'message' && stanza.attrs.type === 'groupchat' && stanza.getChild('body'))
        received += 1;
    };
    try {
      for (let index = 0; index < n; index += 1) {
        const client = { name: `user${index}`, jid: `user${index}@localhost`, line: 0 };
        await target.connect({ ...client, resource: 'bench' }, count);
        await target.send(client.name, joinPresence(`user${index}`));
        if (index === 0) {
          await target.send('user0', configForm({ 'muc#roomconfig_presencebroadcast': [] }));
        }
      }
      await target.send(
        'user0',
        configForm({ 'muc#roomconfig_presencebroadcast': ['moderator', 'participant', 'visitor'] }),
      );
      await target.settle();
      const perSample = Math.max(1, Math.round(options.deliveriesPerSample / n));
      let sent = 0;
      const sampleMs = await medianTime(
        async () => {
          const expected = received + perSample * n;
          for (let index = 0; index < perSample; index += 1) {
            await target.send(`user${(sent * 7919) % n}`, groupchat(sent));
            sent += 1;
          }
          await until(() => received >= expected, 60_000, `${expected} deliveries`);
        },
        { samples: options.samples, warmup: options.warmup },
      );
      return {
        n,
        messages: sent,
        deliveriesPerSec: (perSample * n) / (sampleMs / 1000),
      };
    } finally {
      await target.close();
    }
  });
}
