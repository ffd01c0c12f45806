// The debugger's contract between the stepping engine and the terminal UI — XEP-0045 scenarios stepped through (§7–§10)
import type { DomainEvent } from '../muc/effects.js';
import type { Affiliation } from '../muc/model/affiliation.js';
import type { Role } from '../muc/model/role.js';
import type { OccupantState } from '../muc/occupant-machine.js';
import type { RoomLifecycle } from '../muc/room-machine.js';
import type { TraceEntry } from '../muc/trace.js';
import type { StepResult } from '../scansion/runner.js';
import type { Action, Script } from '../scansion/script.js';

/** One step of the session: a script action or a typed one, and its result once executed. */
export interface SessionStep {
  index: number;
  action: Action;
  /** Where it came from: the loaded script, or typed by the user (`:` command or raw XML). */
  origin: 'script' | 'typed';
  /** Undefined until executed. */
  result?: StepResult;
  /** Trace sequence numbers produced while this step ran (first..last, inclusive), if any. */
  traceRange?: { first: number; last: number };
  /** The typed command line that produced a typed step (absent for raw XML and script steps). */
  command?: string;
}

export interface OccupantView {
  nick: string;
  role: Role;
  affiliation: Affiliation;
  bareJid: string;
  /** Full JIDs of the joined sessions. */
  sessions: string[];
  /** The occupant chart's current state. */
  state: OccupantState;
}

export interface RoomView {
  jid: string;
  lifecycle: RoomLifecycle;
  /** Human flags: 'members-only', 'moderated', 'password', 'non-anonymous' | 'semi-anonymous', 'persistent' | 'temporary', 'public' | 'hidden', 'locked'… */
  flags: string[];
  occupants: OccupantView[];
  /** Every affiliation, including absent members and outcasts. */
  affiliations: {
    jid: string;
    affiliation: Affiliation;
    reservedNick?: string;
    present: boolean;
  }[];
  subject?: string;
}

/** A lifecycle, role, affiliation or nick transition, in words, for the Transitions pane. */
export interface TransitionView {
  seq: number;
  cause: number;
  event: DomainEvent;
  /** e.g. "Juliet: member/participant → none/none — 321 removed because the affiliation changed (§9.5)" */
  text: string;
  /** The role event folded into this affiliation line (same cause, same JID), if any. */
  merged?: { seq: number; event: DomainEvent };
}

/**
 * `step`: stop before step `index` runs (when `run` reaches it, not when it starts there);
 * `stanza`: stop after a step that delivered a stanza whose one-line summary or XML contains
 * the filter (case-insensitive); `transition`: the same for a transition's text.
 */
export type Breakpoint =
  | { kind: 'step'; index: number }
  | { kind: 'stanza'; filter: string }
  | { kind: 'transition'; filter: string };

export type RunStop = 'end' | 'failure' | 'breakpoint';

export interface CommandOutcome {
  ok: boolean;
  /** What to show the user: the error (never thrown) or a short confirmation. */
  message: string;
  /** For a command that does not parse: the 1-based column of the problem. */
  column?: number;
  /** The typed step that was executed, when there was one. */
  step?: SessionStep;
}

export interface DebugSessionApi {
  readonly script: Script;
  readonly steps: readonly SessionStep[];
  /** How many steps have been executed (0 = none). */
  readonly cursor: number;
  readonly trace: readonly TraceEntry[];
  readonly breakpoints: readonly Breakpoint[];
  /** Clients defined so far (script [Client]s and users connected by typed commands). */
  clientNames(): string[];
  /** Executes the next step; undefined at the end. */
  forward(): Promise<SessionStep | undefined>;
  /**
   * Set when `back()` or `restart()` could not travel in time (a session on a real server);
   * the UI shows it instead of the usual confirmation. Cleared by the next step.
   */
  readonly notice?: string | undefined;
  /** Real time travel: the whole world goes back to before the last executed step. */
  back(): Promise<void>;
  restart(): Promise<void>;
  /** Runs until the end, the next failed step, or a breakpoint; `onStep` is awaited after each step (pacing). */
  run(onStep?: (step: SessionStep) => Promise<void>): Promise<RunStop>;
  toggleBreakpoint(breakpoint: Breakpoint): void;
  /** Executes a typed command line such as `juliet join room@conference.localhost/Juliet`. */
  command(line: string): Promise<CommandOutcome>;
  /** Sends raw XML as a client, after validating it. */
  sendRaw(client: string, xml: string): Promise<CommandOutcome>;
  rooms(): RoomView[];
  transitions(): TransitionView[];
  /** The stanza of a trace entry's cause and every entry with that cause (for highlighting). */
  related(seq: number): { cause: number | undefined; effects: number[] };
  /** The session so far as a .scs script whose receives are what actually arrived. */
  recording(): string;
  /** Asks a running `run()` to return after the current step (it then resolves to 'breakpoint'). */
  stop?(): void;
  /** Called after every change (step, time travel, breakpoint); returns the unsubscribe function. */
  subscribe?(listener: () => void): () => void;
}
