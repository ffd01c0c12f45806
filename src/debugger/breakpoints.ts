// Breakpoints of a debugger session: before a step, or after a step that delivered a stanza or made a transition containing a text — stopping a XEP-0045 scenario where it matters (§7–§10)
import type { JidNames } from '../describe/names.js';
import { isStanzaEntry } from '../describe/pane.js';
import { stanzaMatches } from '../describe/search.js';
import type { TraceEntry } from '../muc/trace.js';
import type { Breakpoint, SessionStep, TransitionView } from './session-api.js';

/** What a breakpoint looks at: the transitions, the trace entries and the names of a session. */
export interface BreakpointSource {
  transitions(): TransitionView[];
  entryAt(seq: number): TraceEntry | undefined;
  names(): JidNames;
}

/** Adds the breakpoint, or removes it when an equal one is set. */
export function toggleIn(marks: Breakpoint[], breakpoint: Breakpoint): void {
  const same = (other: Breakpoint) =>
    other.kind === breakpoint.kind &&
    (other.kind === 'step'
      ? other.index === (breakpoint as typeof other).index
      : other.filter === (breakpoint as typeof other).filter);
  const at = marks.findIndex(same);
  if (at === -1) marks.push(breakpoint);
  else marks.splice(at, 1);
}

/** Whether a run stops after `step` (`executed` steps run): only the step's own entries are read. */
export function hitsBreakpoint(
  marks: readonly Breakpoint[],
  step: SessionStep,
  executed: number,
  source: BreakpointSource,
): boolean {
  const range = step.traceRange;
  return marks.some((mark) => {
    if (mark.kind === 'step') return mark.index === executed;
    if (mark.filter === '' || !range) return false;
    const filter = mark.filter.toLowerCase();
    if (mark.kind === 'transition') {
      return source
        .transitions()
        .some(
          (view) =>
            view.seq >= range.first &&
            view.seq <= range.last &&
            view.text.toLowerCase().includes(filter),
        );
    }
    for (let seq = range.first; seq <= range.last; seq += 1) {
      const entry = source.entryAt(seq);
      if (
        entry &&
        isStanzaEntry(entry) &&
        entry.kind === 'delivery' &&
        stanzaMatches(entry, filter, () => source.names())
      )
        return true;
    }
    return false;
  });
}
