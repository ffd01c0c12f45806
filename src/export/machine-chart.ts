// The room and occupant charts drawn from their xstate definitions (states, initial, final, events, guards): Mermaid stateDiagram-v2 and a text outline — XEP-0045 §10.1/§10.9 (room lifecycle), §5.1 (roles)
import type { AnyStateMachine, AnyStateNode, AnyTransitionDefinition } from 'xstate';
import { escapeMermaid } from '../describe/mermaid-label.js';

/** One state of a chart, read from the machine's `root`. */
export interface ChartState {
  /** xstate's id (`occupant.present.moderator`). */
  id: string;
  key: string;
  type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  description?: string;
  /** The id of the initial child (compound states). */
  initial?: string;
  children: ChartState[];
  transitions: ChartTransition[];
}

export interface ChartTransition {
  /** `room.configured`, `after 300000 ms`, `always`, `done` … */
  event: string;
  /** `role = moderator` (a parameterised guard's params), or the guard's name. */
  guard?: string;
  /** Target state ids; empty for a targetless (internal) transition. */
  targets: string[];
  description?: string;
}

export interface MachineChart {
  id: string;
  root: ChartState;
}

function eventLabel(eventType: string): string {
  const after = /^xstate\.after\.(\d+)\./.exec(eventType);
  if (after) return `after ${after[1]} ms`;
  if (eventType === '') return 'always';
  if (eventType.startsWith('xstate.done.state.')) return 'done';
  if (eventType.startsWith('xstate.done.actor.')) return 'actor done';
  if (eventType.startsWith('xstate.error.actor.')) return 'actor error';
  return eventType;
}

function paramText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** `{ type: 'isRole', params: { role: 'moderator' } }` → `role = moderator`; `'isOpen'` → `isOpen`. */
export function guardLabel(guard: unknown): string | undefined {
  if (guard === undefined || guard === null) return undefined;
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function') return guard.name === '' ? 'guard' : guard.name;
  if (typeof guard === 'object') {
    const { type, params } = guard as { type?: unknown; params?: unknown };
    if (params !== null && typeof params === 'object') {
      const pairs = Object.entries(params).map(([key, value]) => `${key} = ${paramText(value)}`);
      if (pairs.length > 0) return pairs.join(', ');
    }
    if (typeof type === 'string') return type;
  }
  return 'guard';
}

function transitionOf(definition: AnyTransitionDefinition): ChartTransition {
  const transition: ChartTransition = {
    event: eventLabel(String(definition.eventType)),
    targets: (definition.target ?? []).map((target: AnyStateNode) => target.id),
  };
  const guard = guardLabel(definition.guard);
  if (guard !== undefined) transition.guard = guard;
  if (typeof definition.description === 'string') transition.description = definition.description;
  return transition;
}

function stateOf(node: AnyStateNode): ChartState {
  const transitions: ChartTransition[] = [];
  for (const definitions of node.transitions.values()) {
    for (const definition of definitions) transitions.push(transitionOf(definition));
  }
  for (const definition of node.always ?? []) transitions.push(transitionOf(definition));
  const children = Object.values(node.states as Record<string, AnyStateNode>).map(stateOf);
  const state: ChartState = {
    id: node.id,
    key: node.key,
    type: node.type,
    children,
    transitions,
  };
  if (node.description !== undefined) state.description = node.description;
  if (node.type === 'compound') {
    const initial = node.initial.target[0];
    if (initial) state.initial = initial.id;
  }
  return state;
}

/** The chart of a machine, read from its definition (`machine.root`): nothing is hard-coded. */
export function machineChart(machine: AnyStateMachine): MachineChart {
  return { id: machine.id, root: stateOf(machine.root) };
}

function* walk(state: ChartState): Generator<ChartState> {
  yield state;
  for (const child of state.children) yield* walk(child);
}

/** Every state's key, depth first: `locked`, `open`, `destroyed`. */
export function stateKeys(chart: MachineChart): string[] {
  return [...walk(chart.root)].slice(1).map((state) => state.key);
}

function transitionText(transition: ChartTransition): string {
  return transition.guard === undefined
    ? transition.event
    : `${transition.event} [${transition.guard}]`;
}

// — Mermaid stateDiagram-v2

/** Words stateDiagram-v2 reads as keywords: never used as a state id. */
const RESERVED = new Set(['state', 'note', 'end', 'direction', 'classdef', 'class', 'as', 'hide']);

interface Drawing {
  lines: string[];
  ids: Map<string, string>;
  parents: Map<string, ChartState | undefined>;
}

/** Mermaid ids: the state's key when no other drawn state has it, else its path. */
function mermaidIds(charts: readonly MachineChart[], wrapped: boolean): Map<string, string> {
  const states = charts.flatMap((chart) =>
    wrapped ? [...walk(chart.root)] : [...walk(chart.root)].slice(1),
  );
  const counts = new Map<string, number>();
  for (const state of states) counts.set(state.key, (counts.get(state.key) ?? 0) + 1);
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const state of states) {
    const raw = counts.get(state.key) === 1 ? state.key : state.id;
    let id = raw.replace(/[^A-Za-z0-9_]+/g, '_');
    if (!/^[A-Za-z]/.test(id)) id = `s_${id}`;
    if (RESERVED.has(id.toLowerCase())) id = `${id}_`;
    while (taken.has(id)) id = `${id}_`;
    taken.add(id);
    ids.set(state.id, id);
  }
  return ids;
}

/** The lowest state containing both (where Mermaid must see the transition). */
function scopeOf(drawing: Drawing, from: string, to: string): string | undefined {
  const ancestors = (id: string): (string | undefined)[] => {
    const chain: (string | undefined)[] = [];
    let parent = drawing.parents.get(id);
    while (parent) {
      chain.push(parent.id);
      parent = drawing.parents.get(parent.id);
    }
    chain.push(undefined);
    return chain;
  };
  const mine = ancestors(from);
  const theirs = new Set(ancestors(to));
  return mine.find((candidate) => theirs.has(candidate));
}

function drawScope(
  drawing: Drawing,
  scope: ChartState,
  depth: number,
  all: readonly ChartState[],
  topLevel: boolean,
): void {
  const pad = '  '.repeat(depth);
  const id = (stateId: string) => drawing.ids.get(stateId) as string;
  const { lines } = drawing;
  if (scope.initial !== undefined) lines.push(`${pad}[*] --> ${id(scope.initial)}`);
  const regions = scope.type === 'parallel' ? scope.children : [scope];
  for (const [index, region] of regions.entries()) {
    if (scope.type === 'parallel') {
      if (index > 0) lines.push(`${pad}--`);
      lines.push(`${pad}state ${id(region.id)} {`);
      drawScope(drawing, region, depth + 1, all, false);
      lines.push(`${pad}}`);
      continue;
    }
    for (const child of region.children) {
      if (child.children.length > 0) {
        lines.push(`${pad}state ${id(child.id)} {`);
        drawScope(drawing, child, depth + 1, all, false);
        lines.push(`${pad}}`);
      } else if (id(child.id) !== child.key) {
        lines.push(`${pad}state "${escapeMermaid(child.key)}" as ${id(child.id)}`);
      } else {
        lines.push(`${pad}${id(child.id)}`);
      }
    }
  }
  // Transitions go in the lowest scope containing both ends.
  const here = topLevel ? undefined : scope.id;
  for (const state of all) {
    for (const transition of state.transitions) {
      const targets = transition.targets.length === 0 ? [state.id] : transition.targets;
      for (const target of targets) {
        const inScope =
          scopeOf(drawing, state.id, target) === here ||
          (topLevel && scopeOf(drawing, state.id, target) === undefined);
        if (!inScope || !drawing.ids.has(target) || !drawing.ids.has(state.id)) continue;
        lines.push(
          `${pad}${id(state.id)} --> ${id(target)} : ${escapeMermaid(transitionText(transition))}`,
        );
      }
    }
  }
  for (const child of scope.children) {
    if (child.type === 'final') lines.push(`${pad}${id(child.id)} --> [*]`);
  }
}

/**
 * Charts as one Mermaid `stateDiagram-v2`: `[*] -->` the initial state, nested `state x { … }`
 * for compound states, `--> [*]` from final states, transitions labelled with their event type
 * and guard (`role.changed [role = moderator]`). One chart is drawn at the top level; several
 * are each drawn inside a state named after the machine.
 */
export function stateDiagram(
  charts: readonly MachineChart[],
  options: { markdown?: boolean } = {},
): string {
  const wrapped = charts.length > 1;
  const drawing: Drawing = {
    lines: ['stateDiagram-v2'],
    ids: mermaidIds(charts, wrapped),
    parents: new Map(),
  };
  for (const chart of charts) {
    for (const state of walk(chart.root)) {
      for (const child of state.children) {
        drawing.parents.set(child.id, state === chart.root && !wrapped ? undefined : state);
      }
    }
    if (wrapped) drawing.parents.set(chart.root.id, undefined);
  }
  for (const chart of charts) {
    const all = [...walk(chart.root)];
    if (wrapped) {
      drawing.lines.push(`  state ${drawing.ids.get(chart.root.id)} {`);
      drawScope(drawing, chart.root, 2, all, false);
      drawing.lines.push('  }');
    } else {
      drawScope(drawing, chart.root, 1, all, true);
    }
  }
  const diagram = drawing.lines.join('\n');
  return options.markdown ? `\`\`\`mermaid\n${diagram}\n\`\`\`\n` : `${diagram}\n`;
}

// — Text outline

export interface OutlineLine {
  text: string;
  depth: number;
  /** The line of the state named by `current`. */
  current: boolean;
}

function keyOf(chart: MachineChart, id: string): string {
  for (const state of walk(chart.root)) if (state.id === id) return state.key;
  return id;
}

/**
 * An indented outline of a chart: each state (`(initial)`, `(final)`, its description), then
 * its transitions `event [guard] → target` (`↺` when targetless). `current` (a state key)
 * marks that state's line with `▶`.
 */
export function outlineLines(chart: MachineChart, current?: string): OutlineLine[] {
  const lines: OutlineLine[] = [];
  const visit = (state: ChartState, depth: number, initial: boolean): void => {
    const flags = [initial ? 'initial' : '', state.type === 'final' ? 'final' : '']
      .filter(Boolean)
      .join(', ');
    const isCurrent = state.key === current;
    const head = `${isCurrent ? '▶ ' : ''}${state.key}${flags ? ` (${flags})` : ''}`;
    const description = state.description ? ` — ${state.description}` : '';
    lines.push({ text: `${head}${description}`, depth, current: isCurrent });
    transitions(state, depth + 2);
    for (const child of state.children) visit(child, depth + 1, child.id === state.initial);
  };
  const transitions = (state: ChartState, depth: number): void => {
    for (const transition of state.transitions) {
      const targets = transition.targets.map((target) => keyOf(chart, target));
      const arrow = targets.length === 0 ? '↺' : `→ ${targets.join(', ')}`;
      lines.push({ text: `${transitionText(transition)} ${arrow}`, depth, current: false });
    }
  };
  lines.push({ text: `${chart.id} machine`, depth: 0, current: false });
  transitions(chart.root, 2);
  for (const child of chart.root.children) visit(child, 1, child.id === chart.root.initial);
  return lines;
}

/** The outlines of the charts as text, two spaces per level, a blank line between charts. */
export function machineOutline(charts: readonly MachineChart[]): string {
  return `${charts
    .map((chart) =>
      outlineLines(chart)
        .map((line) => `${'  '.repeat(line.depth)}${line.text}`)
        .join('\n'),
    )
    .join('\n\n')}\n`;
}
