// A session's recording as it grows: after every step, exactly the script of the whole session, at the cost of what the step changed — XEP-0045 sessions (scripts, typed users, real clients) as replayable .scs
import type { Element } from 'ltx';
import type { TraceEntry } from '../muc/trace.js';
import { actionText, comment, scriptHead, type WritableAction } from '../scansion/writer.js';
import {
  attributeValues,
  entriesIn,
  findCaptures,
  type RecordingSource,
  StepWriter,
  Volatiles,
} from './recorder.js';
import type { SessionStep } from './session-api.js';

/** A `receives` written for a delivered stanza: where it is, for the narration of the step that matches it. */
interface WrittenReceives {
  piece: number;
  index: number;
  action: WritableAction;
}

/** A text the recording gave, and how much of the one before it stayed. */
interface Version {
  length: number;
  /** Characters of the text before that this one starts with (0: none known). */
  kept: number;
  /** The same in UTF-8 bytes: where a file holding the text before is cut. */
  keptBytes: number;
  /** This text from `kept` on. */
  rest: string;
}

/** How a file holding an earlier text of the recording becomes the current one. */
export interface RecordingChange {
  /** Whether the end of the earlier text changed: the file is cut to `keptBytes` first. */
  cut: boolean;
  keptBytes: number;
  /** What follows the kept part. */
  rest: string;
}

/** A text of the recording, and the recording that can say what changed since. */
export interface RecordingText {
  readonly text: string;
  readonly version: number;
  readonly recording: GrowingRecording;
}

/** How many texts back a change can be told; older ones are written whole. */
const VERSIONS_KEPT = 16;

/** How many leading characters two strings share. */
function sharedStart(a: string, b: string): number {
  const end = Math.min(a.length, b.length);
  let index = 0;
  while (index < end && a.charCodeAt(index) === b.charCodeAt(index)) index += 1;
  return index;
}

/**
 * The session as a .scs script, kept up to date step by step: definitions, then each executed
 * connects/sends/disconnects followed by a `receives` for every stanza each client actually
 * received meanwhile, in order. Occupant ids, delay stamps and ids the service generated become
 * `{scansion:any}` (or a capture, when a client sent one back later); clients' JIDs become
 * `${Name's JID}` / `${Name's full JID}`; a script's `#` narration is kept, a `receives`' before
 * the stanza it matched. A new step adds its own text, and a script's `receives` re-renders
 * the one stanza it narrates; everything is written again only when an earlier step changed
 * (time travel), the head changed (a new client) or a client sent back an id the service
 * generated (the recorder captures it where it was received).
 */
export class GrowingRecording {
  private trace: readonly TraceEntry[] | undefined;
  private recorded: readonly SessionStep[] = [];
  private writer = new StepWriter(new Volatiles([]));
  /** The head, then the text of each written step's actions, one string per action. */
  private pieces: string[][] = [];
  private readonly actions: WritableAction[][] = [];
  private readonly receivesOf = new Map<Element, WrittenReceives[]>();
  /** The pieces before `joinedCount` (all but the last), as one string. */
  private joined = '';
  private joinedBytes = 0;
  private joinedCount = 0;
  /** The latest text is `joined` and `tail`. */
  private tail = '';
  private latest: RecordingText = { text: '', version: 0, recording: this };
  private versions: Version[] = [];
  /** Where narration changed a joined piece during this update: the text is the same before it. */
  private narrated: { chars: number; bytes: number } | undefined;
  /** Ids clients sent, and ids the service made up (delivered, never sent by a client). */
  private readonly sentIds = new Set<string>();
  private readonly generatedIds = new Set<string>();

  /** The number of the latest text (0 before the first). */
  get version(): number {
    return this.latest.version;
  }

  /** The recording of `source`; only its executed steps (with a result) are recorded. */
  of(source: RecordingSource): string {
    return this.update(source).text;
  }

  /** Brings the recording up to date with `source`, and says which text it is. */
  update(source: RecordingSource): RecordingText {
    const steps = source.steps.filter((step) => step.result !== undefined);
    const head = scriptHead({ ...source, tags: source.tags ?? [] });
    const follows =
      this.trace === source.trace &&
      this.pieces[0]?.[0] === head &&
      this.recorded.length <= steps.length &&
      this.recorded.every((step, index) => steps[index] === step);
    const before = { joined: this.joined.length, bytes: this.joinedBytes, tail: this.tail };
    const firstNew = this.joinedCount;
    this.narrated = undefined;
    const added = steps.slice(this.recorded.length);
    const grew = follows && this.extendAll(added, source.trace);
    if (!grew) this.rewrite({ ...source, steps }, head);
    this.recorded = steps;
    this.trace = source.trace;
    const done = source.steps.every((step) => step.result !== undefined);
    const tail = this.compose([...this.writer.pending, ...(done ? (source.epilogue ?? []) : [])]);
    const text = `${this.joined}${tail}`;
    const version: Version = { length: text.length, kept: 0, keptBytes: 0, rest: '' };
    const narrated = this.narratedBefore();
    if (grew && narrated) {
      // Narration reached a piece before the last: the text is the same up to that piece.
      version.kept = narrated.chars;
      version.keptBytes = narrated.bytes;
      version.rest = text.slice(version.kept);
    } else if (grew) {
      // The same up to the pieces this update could change: the last one, and the new ones.
      const fresh = `${this.pieces.slice(firstNew, this.joinedCount).flat().join('')}${tail}`;
      const shared = sharedStart(before.tail, fresh);
      version.kept = before.joined + shared;
      version.keptBytes = before.bytes + Buffer.byteLength(before.tail.slice(0, shared));
      version.rest = fresh.slice(shared);
    }
    this.latest = { text, version: this.latest.version + 1, recording: this };
    this.versions.push(version);
    if (this.versions.length > VERSIONS_KEPT) this.versions.shift();
    return this.latest;
  }

  /** Where narration changed a joined piece during the update, if it did. */
  private narratedBefore(): { chars: number; bytes: number } | undefined {
    return this.narrated;
  }

  /** What turns the text of `version` into the latest one; undefined when it must be written whole. */
  changeSince(version: number): RecordingChange | undefined {
    const latest = this.latest.version;
    if (version === latest) return { cut: false, keptBytes: 0, rest: '' };
    const first = latest - this.versions.length + 1;
    if (version < first || version > latest) return undefined;
    const later = this.versions.slice(version - first + 1);
    const least = later.reduce((min, next) => (next.kept < min.kept ? next : min));
    if (least.kept === 0) return undefined;
    const rest = least === later.at(-1) ? least.rest : this.latest.text.slice(least.kept);
    const length = (this.versions[version - first] as Version).length;
    return { cut: least.kept < length, keptBytes: least.keptBytes, rest };
  }

  private rewrite(source: RecordingSource, head: string): void {
    const volatiles = new Volatiles(source.clients);
    findCaptures(source, volatiles);
    this.writer = new StepWriter(volatiles);
    this.pieces = [[head]];
    this.actions.splice(0, this.actions.length, []);
    this.receivesOf.clear();
    this.joined = '';
    this.joinedBytes = 0;
    this.joinedCount = 0;
    this.sentIds.clear();
    this.generatedIds.clear();
    for (const step of source.steps) this.extend(step, source.trace);
  }

  /** Writes the steps one by one; false (and left half done) at one that sends back a generated id. */
  private extendAll(steps: readonly SessionStep[], trace: readonly TraceEntry[]): boolean {
    for (const step of steps) {
      if (this.sendsBackGenerated(step, trace)) return false;
      this.extend(step, trace);
    }
    return true;
  }

  /** Writes one more step: its actions, or the narration of the stanza a receives matched. */
  private extend(step: SessionStep, trace: readonly TraceEntry[]): void {
    this.learn(step, trace);
    const { action, result } = step;
    if (action.kind === 'receives' && result?.matched && action.narration.length > 0) {
      this.narrate(result.matched, action.narration);
    }
    const piece = this.pieces.length;
    // The step's own action comes first, then a receives per delivered stanza.
    let index = 0;
    const actions = this.writer.actions(step, trace, (stanza, written) => {
      index += 1;
      const known = this.receivesOf.get(stanza) ?? [];
      this.receivesOf.set(stanza, [...known, { piece, index, action: written }]);
    });
    if (actions.length === 0) return;
    this.actions.push(actions);
    this.pieces.push(actions.map(actionText));
  }

  /** A script receives' narration goes before the recorded stanza it matched. */
  private narrate(matched: Element, narration: readonly string[]): void {
    for (const { piece, index, action } of this.receivesOf.get(matched) ?? []) {
      action.narration = [...narration];
      (this.pieces[piece] as string[])[index] = actionText(action);
      if (piece < this.joinedCount) {
        this.joinedCount = piece;
        this.joined = this.pieces.slice(0, piece).flat().join('');
        this.joinedBytes = Buffer.byteLength(this.joined);
        this.narrated = { chars: this.joined.length, bytes: this.joinedBytes };
      }
    }
    this.receivesOf.delete(matched);
  }

  /** Joins every piece but the last (a receives may still narrate it); returns the rest of the text. */
  private compose(epilogue: readonly string[]): string {
    while (this.joinedCount < this.pieces.length - 1) {
      const piece = (this.pieces[this.joinedCount] as string[]).join('');
      this.joined += piece;
      this.joinedBytes += Buffer.byteLength(piece);
      this.joinedCount += 1;
    }
    const last = this.pieces.slice(this.joinedCount).flat().join('');
    this.tail = `${last}${epilogue.map(comment).join('\n')}`.replace(/\n*$/, '\n');
    return this.tail;
  }

  /** Whether a new step's client stanza carries an id the service generated before it. */
  private sendsBackGenerated(step: SessionStep, trace: readonly TraceEntry[]): boolean {
    if (this.generatedIds.size === 0) return false;
    return entriesIn(trace, step).some(
      (entry) =>
        entry.kind === 'input' &&
        entry.origin === 'client' &&
        attributeValues(entry.stanza).some((value) => this.generatedIds.has(value)),
    );
  }

  /** Remembers the ids a step's stanzas carry. */
  private learn(step: SessionStep, trace: readonly TraceEntry[]): void {
    for (const entry of entriesIn(trace, step)) {
      const id = 'stanza' in entry ? entry.stanza.attrs.id : undefined;
      if (id === undefined) continue;
      if (entry.kind === 'input' && entry.origin === 'client') this.sentIds.add(id);
      if (entry.kind === 'delivery' && !this.sentIds.has(id)) this.generatedIds.add(id);
    }
  }
}

/** The recording of a whole session at once. */
export function recordSession(source: RecordingSource): string {
  return new GrowingRecording().of(source);
}
