// Why a stanza is in the trace: the input behind it, the step that sent that input, the feature and hooks that decided, and the receives that read it — cause and effect in a XEP-0045 room (§7.1)
import { CORE_PARTS } from '../muc/core/parts.js';
import { FEATURES } from '../muc/features/index.js';
import type { TraceEntry } from '../muc/trace.js';
import type { SessionStep } from './session-api.js';
import type { Reading } from './trace-links.js';

/** What the debugger session answers for `whyOf` (a slice of `DebugSession`). */
export interface WhySource {
  entryAt(seq: number): TraceEntry | undefined;
  stepOf(seq: number): SessionStep | undefined;
  readingOf(seq: number): Reading | undefined;
  related(seq: number): { cause: number | undefined; effects: readonly number[] };
}

export interface Decider {
  /** The feature (a Prosody `*.lib.lua` twin) or part of the service that decided. */
  name: string;
  /** Where XEP-0045 describes that feature. */
  section?: string;
}

export interface Why {
  /** The input behind the entry (the entry itself for an input). */
  cause?: number;
  /** The step that sent that input (or during which it arrived). */
  step?: SessionStep;
  /** Who decided to send this stanza. */
  decidedBy?: Decider;
  /** The hooks that refused the input, and with which error condition. */
  verdicts: (Decider & { condition: string })[];
  /** The `receives` that read the stanza, once one has. */
  reading?: Reading;
  /** For an input: what it caused. */
  effects?: { delivered: number; dropped: number; transitions: number };
}

const SECTIONS = new Map(
  [...CORE_PARTS, ...FEATURES].map((part) => [part.name, part.section] as const),
);

export function decider(name: string): Decider {
  const section = SECTIONS.get(name);
  return section === undefined ? { name } : { name, section };
}

function effectsOf(source: WhySource, cause: number): Why['effects'] {
  const counts = { delivered: 0, dropped: 0, transitions: 0 };
  for (const seq of source.related(cause).effects) {
    const entry = source.entryAt(seq);
    if (entry?.kind === 'delivery') counts.delivered += 1;
    else if (entry?.kind === 'dropped') counts.dropped += 1;
    else if (entry?.kind === 'event' && entry.event.kind !== 'verdict') counts.transitions += 1;
  }
  return counts;
}

/** Everything the trace and the steps say about why entry `seq` exists, read through indexes. */
export function whyOf(source: WhySource, seq: number): Why {
  const entry = source.entryAt(seq);
  if (!entry) return { verdicts: [] };
  const cause = entry.kind === 'input' ? entry.seq : 'cause' in entry ? entry.cause : undefined;
  const why: Why = { verdicts: [] };
  if (cause === undefined || cause === 0) return why;
  why.cause = cause;
  const step = source.stepOf(cause);
  if (step) why.step = step;
  if (entry.kind === 'delivery') why.decidedBy = decider(entry.by);
  if (entry.kind === 'input') why.effects = effectsOf(source, cause);
  for (const effect of source.related(cause).effects) {
    const event = source.entryAt(effect);
    if (event?.kind !== 'event' || event.event.kind !== 'verdict') continue;
    why.verdicts.push({ ...decider(event.event.hook), condition: event.event.condition });
  }
  const reading = source.readingOf(seq);
  if (reading) why.reading = reading;
  return why;
}
