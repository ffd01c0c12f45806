// A session's recording that grows with it: what the latest steps add is written on its own, so a long session costs what its last step adds — XEP-0045 sessions (real clients and typed users) as replayable .scs
import type { Element } from 'ltx';
import type { TraceEntry } from '../muc/trace.js';
import { entriesIn, RecordingAppender, type RecordingSource, recordSession } from './recorder.js';
import type { SessionStep } from './session-api.js';

/** Every attribute value in a stanza, its children's included. */
function attributeValues(element: Element, into: string[] = []): string[] {
  for (const value of Object.values(element.attrs))
    if (value !== undefined) into.push(String(value));
  for (const child of element.getChildElements()) attributeValues(child, into);
  return into;
}

/** Ends a script as the writer does: one newline after the last line. */
function tidyEnd(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === '\n') end -= 1;
  return `${text.slice(0, end)}\n`;
}

/**
 * `recordSession` of a session, kept up to date step by step, and always the same text. Steps
 * that only follow the ones already recorded (typed users' and real clients' steps, which
 * carry no script narration) are written one by one by the recorder's appender and added to
 * the text. The whole session is recorded again when that could differ: an earlier step
 * changed (time travel), a new client's definition joins the head, a script step came (its
 * narration may belong before an earlier stanza), the text ends with narration or an
 * epilogue, or a client sent back an id the service generated (the recorder captures it where
 * it was received).
 */
export class GrowingRecording {
  private text = '';
  private recorded: readonly SessionStep[] = [];
  private trace: readonly TraceEntry[] | undefined;
  private definitions = 0;
  private epilogue = 0;
  /** Set when only recording everything again gives the right text. */
  private wholeOnly = true;
  /** Writes the next steps; it has seen every recorded one. Made again after a whole recording. */
  private appender: RecordingAppender | undefined;
  /** Ids clients sent, and ids the service made up (delivered, never sent by a client). */
  private readonly sentIds = new Set<string>();
  private readonly generatedIds = new Set<string>();

  /** The recording of `source`, whose steps are executed, in order. */
  of(source: RecordingSource): string {
    const { steps } = source;
    const added = steps.slice(this.recorded.length);
    const captures = this.learn(added, source.trace);
    const grows =
      !this.wholeOnly &&
      !captures &&
      this.trace === source.trace &&
      this.definitions === source.clients.length &&
      this.epilogue === (source.epilogue?.length ?? 0) &&
      this.recorded.length <= steps.length &&
      this.recorded.every((step, index) => steps[index] === step) &&
      added.every((step) => step.origin !== 'script' && step.result !== undefined);
    if (grows) this.append(source, added);
    else this.rewrite(source);
    this.recorded = [...steps];
    this.trace = source.trace;
    this.definitions = source.clients.length;
    this.epilogue = source.epilogue?.length ?? 0;
    return this.text;
  }

  private rewrite(source: RecordingSource): void {
    this.sentIds.clear();
    this.generatedIds.clear();
    this.appender = undefined;
    this.text = recordSession(source);
    const captures = this.learn(source.steps, source.trace);
    // Narration or an epilogue (`#` lines) ends the text: a step added later would go before it.
    const lastLine = this.text.slice(this.text.lastIndexOf('\n', this.text.length - 2) + 1);
    this.wholeOnly = captures || lastLine.startsWith('#');
  }

  private append(source: RecordingSource, added: readonly SessionStep[]): void {
    if (!this.appender) {
      this.appender = new RecordingAppender(source);
      for (const step of this.recorded) this.appender.step(step, source.trace);
    }
    // The text ends with one newline; an action's text starts after the blank line.
    let text = `${this.text}\n`;
    for (const step of added) text += this.appender.step(step, source.trace);
    this.text = tidyEnd(text);
  }

  /**
   * Remembers the ids the steps' stanzas carry, in order; true when a client sent back one the
   * service generated, which the recorder then captures where it was received.
   */
  private learn(steps: readonly SessionStep[], trace: readonly TraceEntry[]): boolean {
    let captures = false;
    for (const step of steps) {
      for (const entry of entriesIn(trace, step)) {
        if (!('stanza' in entry)) continue;
        if (entry.kind === 'input' && entry.origin === 'client') {
          const values = attributeValues(entry.stanza);
          captures ||= values.some((value) => this.generatedIds.has(value));
        }
        const id = entry.stanza.attrs.id;
        if (id === undefined) continue;
        if (entry.kind === 'input' && entry.origin === 'client') this.sentIds.add(id);
        if (entry.kind === 'delivery' && !this.sentIds.has(id)) this.generatedIds.add(id);
      }
    }
    return captures;
  }
}

/** What was last written to each file, so that a recording that only grew is appended to it. */
export class WrittenTexts {
  private readonly texts = new Map<string, string>();

  /** What to append to the file for it to hold `text`; undefined when it must be written whole. */
  addition(path: string, text: string): string | undefined {
    const before = this.texts.get(path);
    return before !== undefined && text.startsWith(before) ? text.slice(before.length) : undefined;
  }

  /** The file now holds `text`. */
  wrote(path: string, text: string): void {
    this.texts.set(path, text);
  }
}
