// One script on the simulator and on a real server, recorded and compared: what `mucsim diff` and the live diff test do — XEP-0045 on two services
import { mapScriptDomain } from '../live/domain.js';
import { LiveTarget } from '../live/live-target.js';
import type { ServiceAddress } from '../live/service.js';
import type { MucExtra } from '../muc/extras.js';
import type { Script } from '../scansion/script.js';
import { SimTarget } from '../sim/sim-target.js';
import { compareRuns, type RunComparison } from './compare.js';
import { recordRun } from './record.js';

export interface DiffScriptOptions {
  /** `xmpp://HOST:PORT` of the real server, or its parsed address. */
  server: string | ServiceAddress;
  seed?: number;
  /** How long a `receives` waits on the server (the simulator answers at once). */
  timeoutMs?: number;
  /** Log the clients in on this domain on the server (`--domain`). */
  domain?: string;
  /** The server's MUC domain (`--muc`). */
  muc?: string;
  /** The simulator's extras (`--extra`): the differences they make show up. */
  extras?: readonly MucExtra[];
}

/** Wait after the last step for stanzas still on their way from the server. */
const SETTLE_MS = 100;

/**
 * Runs every step of `script` on the simulator, then on the server (a failed step does not stop
 * either run), and compares what each client received. Throws the target's connection error
 * (a `LiveConnectionError`) when the server cannot be reached or refuses a login.
 */
export async function diffScript(
  script: Script,
  options: DiffScriptOptions,
): Promise<RunComparison> {
  const timing = options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };
  const sim = new SimTarget({ seed: options.seed ?? 1, extras: options.extras ?? [] });
  const simulated = await recordRun(script, sim, timing);
  await sim.close();

  const live = new LiveTarget({
    service: options.server,
    ...(options.muc !== undefined && { mucDomain: options.muc }),
  });
  let served: Awaited<ReturnType<typeof recordRun>>;
  try {
    served = await recordRun(mapScriptDomain(script, options.domain), live, {
      ...timing,
      abort: () => live.connectionError !== undefined,
      settle: async () => {
        await new Promise((done) => setTimeout(done, SETTLE_MS));
        await live.settle();
      },
    });
  } finally {
    await live.close();
  }
  if (live.connectionError) throw live.connectionError;
  return compareRuns(simulated, served, new Set([...simulated.sentIds, ...served.sentIds]));
}
