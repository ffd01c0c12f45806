// A debugger session's timeline: the script's steps, typed steps and real clients' steps in order, and the cursor between what ran and what runs next — a XEP-0045 scenario as it is stepped (§7–§10)
import type { Script } from '../scansion/script.js';
import type { SessionStep } from './session-api.js';

/** The steps in order and how many of them have run; every change keeps the indexes in order. */
export class Timeline {
  readonly steps: SessionStep[];
  /** How many steps have run: the step at this index runs next. */
  cursor = 0;

  constructor(script: Script) {
    this.steps = script.actions.map((action, index) => ({ index, action, origin: 'script' }));
  }

  /** The step that runs next, if any. */
  get next(): SessionStep | undefined {
    return this.steps[this.cursor];
  }

  /** The steps that have run. */
  ran(): SessionStep[] {
    return this.steps.slice(0, this.cursor);
  }

  /** Whether every step has run. */
  get done(): boolean {
    return this.cursor === this.steps.length;
  }

  /** Puts a step at the cursor, before the next one; `ran`: it already ran (a real client's). */
  insert(step: SessionStep, ran: boolean): void {
    step.index = this.cursor;
    this.steps.splice(this.cursor, 0, step);
    if (ran) this.cursor += 1;
    this.renumber();
  }

  /** Takes out the step that ran last (a typed step that did nothing). */
  removeLast(): void {
    this.cursor -= 1;
    this.steps.splice(this.cursor, 1);
    this.renumber();
  }

  /** Keeps only the script's steps. */
  dropTyped(): void {
    const kept = this.steps.filter((step) => step.origin === 'script');
    this.steps.splice(0, this.steps.length, ...kept);
    this.renumber();
  }

  /** Back to before step `cursor`: the steps from there on have not run. */
  rewindTo(cursor: number): void {
    for (const step of this.steps.slice(cursor, this.cursor)) {
      delete step.result;
      delete step.traceRange;
    }
    this.cursor = cursor;
  }

  /** Back before the first step: nothing has run. */
  rewind(): void {
    this.cursor = 0;
    for (const step of this.steps) {
      delete step.result;
      delete step.traceRange;
    }
  }

  private renumber(): void {
    for (const [index, step] of this.steps.entries()) {
      step.index = index;
      if (step.result) step.result.index = index;
    }
  }
}
