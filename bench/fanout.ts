// Fan-out benchmark: groupchat messages to one room of N occupants — deliveries per second, memory per occupant and per trace entry (XEP-0045 §7.4)
import { connectCrowd, fillRoom, groupchat } from './crowd.js';
import { heapAfterGc, medianTime, peakRss } from './harness.js';

export interface FanoutOptions {
  n: number;
  trace: boolean;
  /** Deliveries per timed sample (rounded to whole messages, at least one). */
  deliveriesPerSample: number;
  samples: number;
  warmup: number;
}

export interface FanoutResult {
  n: number;
  trace: boolean;
  messages: number;
  deliveries: number;
  deliveriesPerSec: number;
  /** Largest heap seen after a sample, and the process's largest resident set, in bytes. */
  peakHeapBytes: number;
  peakRssBytes: number;
  /** Heap after GC per connected user of the world: its session, before joining. */
  bytesPerUser: number;
  /** Heap after GC per occupant: what joining the room added (its trace included when on). */
  bytesPerOccupant: number;
  /** Heap after GC added by the messages, per trace entry they added (trace on only). */
  traceBytesPerEntry: number | null;
  traceEntries: number;
}

export async function measureFanout(options: FanoutOptions): Promise<FanoutResult> {
  const { n, trace } = options;
  const empty = heapAfterGc();
  const crowd = connectCrowd(n, trace);
  const connected = heapAfterGc();
  fillRoom(crowd);
  const filled = heapAfterGc();
  const entriesBefore = crowd.world.trace.entries.length;
  const deliveredBefore = crowd.delivered();
  const perSample = Math.max(1, Math.round(options.deliveriesPerSample / n));
  let sent = 0;
  let peakHeap = filled;
  const sampleMs = await medianTime(
    () => {
      for (let index = 0; index < perSample; index += 1) {
        // Senders spread over the room: a stride coprime with most N.
        crowd.world.send(crowd.jids[(sent * 7919) % n]!, groupchat(sent));
        sent += 1;
      }
    },
    {
      samples: options.samples,
      warmup: options.warmup,
      afterEach: () => {
        peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
      },
    },
  );
  const deliveries = crowd.delivered() - deliveredBefore;
  if (deliveries !== sent * n) throw new Error(`${deliveries} deliveries for ${sent} × ${n}`);
  const entries = crowd.world.trace.entries.length - entriesBefore;
  const after = heapAfterGc();
  return {
    n,
    trace,
    messages: sent,
    deliveries,
    deliveriesPerSec: (perSample * n) / (sampleMs / 1000),
    peakHeapBytes: Math.max(peakHeap, after),
    peakRssBytes: peakRss(),
    bytesPerUser: (connected - empty) / n,
    bytesPerOccupant: (filled - connected) / n,
    traceBytesPerEntry: trace ? (after - filled) / entries : null,
    traceEntries: crowd.world.trace.entries.length,
  };
}
