// A violation as a .scs script that `mucsim run` replays: the minimal steps, then what arrived in the failing one — bug reports for XEP-0045 services
import type { Element } from 'ltx';
import type { Feature } from '../muc/hooks.js';
import { parseBlock } from '../scansion/block.js';
import { parseScript } from '../scansion/parser.js';
import type { Script } from '../scansion/script.js';
import { type WritableAction, writeScript } from '../scansion/writer.js';
import type { FuzzAction, FuzzCast } from './actions.js';
import { replay } from './engine.js';
import type { Violation } from './oracle/context.js';

export interface ReproInfo {
  seed: number;
  users: number;
  rooms: number;
  /** The step of the original run where the violation was seen. */
  step: number;
}

export interface Repro {
  text: string;
  /** The violation as the written script shows it (undefined: it does not reproduce). */
  violation: Violation | undefined;
  actions: FuzzAction[];
}

/** The script's steps as fuzzer actions (receives are what the world says, not actions). */
export function scriptToActions(script: Script): FuzzAction[] {
  const actions: FuzzAction[] = [];
  for (const action of script.actions) {
    if (action.kind === 'connects') actions.push({ kind: 'connect', client: action.client });
    else if (action.kind === 'disconnects')
      actions.push({ kind: 'disconnect', client: action.client });
    else if (action.kind === 'sends') {
      const parsed = parseBlock(action.xml ?? '');
      if (parsed.ok) actions.push({ kind: 'send', client: action.client, stanza: parsed.element });
    }
  }
  return actions;
}

function writable(action: FuzzAction): WritableAction {
  const kind =
    action.kind === 'connect' ? 'connects' : action.kind === 'disconnect' ? 'disconnects' : 'sends';
  return action.kind === 'send'
    ? { kind, client: action.client, stanza: action.stanza }
    : { kind, client: action.client };
}

function render(
  cast: FuzzCast,
  actions: readonly FuzzAction[],
  violation: Violation,
  info: ReproInfo,
  received: readonly { client: string; stanza: Element }[],
): string {
  const used = new Set(actions.map((action) => action.client));
  const steps = actions.map(writable);
  const last = steps.at(-1);
  if (last) {
    last.narration = [
      `Step ${actions.length} breaks the invariant '${violation.invariant}':`,
      violation.detail,
    ];
  }
  for (const [index, { client, stanza }] of received.entries()) {
    steps.push({
      kind: 'receives',
      client,
      stanza,
      narration: index === 0 ? ['What arrived in that step:'] : [],
    });
  }
  return writeScript({
    title: `mucsim fuzz: ${violation.invariant} violated`,
    description: `Shrunk from step ${info.step} of mucsim fuzz --seed ${info.seed} --users ${info.users} --rooms ${info.rooms}; replay with mucsim run`,
    tags: ['fuzz', violation.invariant],
    clients: cast.clients
      .filter((client) => used.has(client.name))
      .map((client) => ({ name: client.name, jid: client.jid })),
    actions: steps,
  });
}

/**
 * Writes the actions as a script, then reads it back and replays it, so the stanzas in the
 * file are exactly what `mucsim run` will send; the receives of the failing step come from
 * that replay. `violation` is what the written script shows.
 */
export function writeRepro(
  cast: FuzzCast,
  actions: readonly FuzzAction[],
  violation: Violation,
  info: ReproInfo,
  features?: readonly Feature[],
): Repro {
  const draft = render(cast, actions, violation, info, []);
  const readBack = scriptToActions(parseScript(draft, 'repro.scs'));
  const replayed = replay(cast, readBack, features);
  const shown = replayed.violation ?? violation;
  const text = render(
    cast,
    replayed.applied,
    shown,
    info,
    replayed.violation ? replayed.harness.lastDeliveries() : [],
  );
  return { text, violation: replayed.violation, actions: replayed.applied };
}
