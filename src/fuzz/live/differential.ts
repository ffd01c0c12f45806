// Differential fuzzing: the same seeded actions on the simulator and on a real server, each client's stanzas compared after every action — XEP-0045 as mucsim and Prosody implement it
import type { Element } from 'ltx';
import type { ClientComparison } from '../../diff/compare.js';
import type { ServiceAddress } from '../../live/service.js';
import type { Feature } from '../../muc/hooks.js';
import type { FuzzAction, FuzzCast } from '../actions.js';
import type { FuzzViolation } from '../engine.js';
import { StanzaGenerator } from '../generator.js';
import { Harness } from '../harness.js';
import { Random } from '../random.js';
import type { ExplainedDifference, Explanations } from './explained.js';
import { LiveSide } from './live-side.js';
import { freshTag, RoomNames } from './room-names.js';
import { compareStep } from './step-compare.js';

export interface LiveRunOptions {
  server: ServiceAddress;
  explanations: Explanations;
  /** The wall clock (ms): the simulated clock follows it, so timed behaviour (room locks) agrees. */
  now: () => number;
  /** How long connecting and each barrier may take (default 10 s). */
  timeoutMs?: number;
  /** The simulator's features (tests put a bug in to see a difference). */
  features?: readonly Feature[];
}

/** What differed in one step, client by client (or the server failing the client outright). */
export interface StepDifference {
  /** 1-based. */
  step: number;
  action: FuzzAction;
  clients: ClientComparison[];
  /** The server closed a stream or stopped answering: `LiveSide` threw this. */
  failure?: string;
}

export interface StepRecord {
  action: FuzzAction;
  /** What each client received from the server in this step. */
  server: Map<string, Element[]>;
  /** By client, the positions in `server` of stanzas that differ in an explained way. */
  explained?: Map<string, Set<number>>;
}

export interface LiveRun {
  /** The actions applied, in order. */
  steps: StepRecord[];
  compared: number;
  /** Differences seen (explained ones included). */
  differences: number;
  explained: Map<ExplainedDifference, number>;
  /** The first unexplained difference; the run stops there. */
  difference?: StepDifference;
  /** An invariant the simulator broke on the way (the run stops there too). */
  violation?: FuzzViolation;
}

/** The simulator's deliveries of a step, by the client that received them, in order. */
function byRecipient(
  deliveries: readonly { client: string; stanza: Element }[],
): Map<string, Element[]> {
  const received = new Map<string, Element[]>();
  for (const { client, stanza } of deliveries) {
    const list = received.get(client);
    if (list) list.push(stanza);
    else received.set(client, [stanza]);
  }
  return received;
}

let tags = 0;

/**
 * Whether the action sends a session's unavailable presence on to its directed addresses (a
 * broadcast unavailable presence, a closed stream): Prosody does so in Lua table order, so the
 * rooms' answers to them come in no fixed order (docs/prosody-differences.md).
 */
export function reachesDirectedAddresses(action: FuzzAction): boolean {
  if (action.kind === 'disconnect') return true;
  return (
    action.kind === 'send' &&
    action.stanza.name === 'presence' &&
    action.stanza.attrs.type === 'unavailable' &&
    action.stanza.attrs.to === undefined
  );
}

/** Each client's stanzas in one order whatever the order they came in: by sender, then kind. */
function sortBySender(received: Map<string, Element[]>): void {
  const key = (stanza: Element) =>
    `${stanza.attrs.from ?? ''}\n${stanza.name}\n${stanza.attrs.type ?? ''}`;
  for (const stanzas of received.values()) {
    stanzas.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }
}

/**
 * Runs `actions` (or the generator's, when `draw` is given) on a fresh simulated world and on
 * the server, under fresh room names there, and stops at the first unexplained difference or
 * invariant violation. Throws the server's connection error when it cannot be used at all.
 */
export async function runLive(
  cast: FuzzCast,
  source: { actions: readonly FuzzAction[] } | { seed: number; count: number },
  options: LiveRunOptions,
  onStep?: (run: LiveRun) => void,
): Promise<LiveRun> {
  const harness = new Harness(cast, { stepMs: 0, features: options.features });
  const generator =
    'seed' in source
      ? new StanzaGenerator(new Random(source.seed), cast, harness.world, { live: true })
      : undefined;
  tags += 1;
  const names = new RoomNames(freshTag(options.now(), tags), cast.mucDomain);
  const live = new LiveSide({ server: options.server, cast, names, timeoutMs: options.timeoutMs });
  const run: LiveRun = { steps: [], compared: 0, differences: 0, explained: new Map() };
  const given = 'actions' in source ? source.actions : undefined;
  const count = given ? given.length : 'count' in source ? source.count : 0;
  let clock = options.now();
  try {
    for (let index = 0; index < count && !run.difference && !run.violation; index += 1) {
      const action = given ? given[index]! : generator!.next(harness.connected);
      if (!harness.applicable(action)) continue;
      const now = options.now();
      harness.world.clock.advance(now - clock);
      clock = now;
      const outcome = harness.step(action);
      const simulator = byRecipient(harness.lastDeliveries());
      const step = run.steps.length + 1;
      let server: Map<string, Element[]>;
      try {
        server = await live.step(action);
      } catch (error) {
        if (live.connectionError) throw live.connectionError;
        const failure = error instanceof Error ? error.message : String(error);
        run.steps.push({ action, server: new Map() });
        run.differences += 1;
        run.difference = { step, action, clients: [], failure };
        break;
      }
      if (reachesDirectedAddresses(action)) {
        sortBySender(simulator);
        sortBySender(server);
      }
      const record: StepRecord = { action, server };
      run.steps.push(record);
      if (outcome.violation) run.violation = { ...outcome.violation, step };
      compareAction(run, cast, options.explanations, record, { step, action, simulator, server });
      onStep?.(run);
    }
  } finally {
    await live.close();
  }
  return run;
}

function compareAction(
  run: LiveRun,
  cast: FuzzCast,
  explanations: Explanations,
  record: StepRecord,
  step: {
    step: number;
    action: FuzzAction;
    simulator: Map<string, Element[]>;
    server: Map<string, Element[]>;
  },
): void {
  const id = step.action.kind === 'send' ? step.action.stanza.attrs.id : undefined;
  const comparison = compareStep(cast, step, step.step, new Set(id === undefined ? [] : [id]));
  run.compared += comparison.compared;
  const unexplained: ClientComparison[] = [];
  for (const client of comparison.clients) {
    const left = client.differences.filter((difference) => {
      run.differences += 1;
      const explanation = explanations.explain(client, difference);
      if (!explanation) return true;
      run.explained.set(explanation, (run.explained.get(explanation) ?? 0) + 1);
      const position = difference.side === 'server' ? difference.position : difference.partner;
      if (position !== undefined) {
        record.explained ??= new Map();
        const positions = record.explained.get(client.name) ?? new Set();
        record.explained.set(client.name, positions.add(position));
      }
      return false;
    });
    if (left.length > 0) unexplained.push(client);
  }
  if (unexplained.length > 0) {
    run.difference = { step: step.step, action: step.action, clients: unexplained };
  }
}
