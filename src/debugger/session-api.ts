// The debugger's contract between the stepping engine and the terminal UI — XEP-0045 scenarios stepped through (§7–§10)
import type { Element } from 'ltx';
import type { JidNames } from '../describe/names.js';
import type { DomainEvent } from '../muc/effects.js';
import type { Affiliation } from '../muc/model/affiliation.js';
import type { Role } from '../muc/model/role.js';
import type { OccupantState } from '../muc/occupant-machine.js';
import type { RoomLifecycle } from '../muc/room-machine.js';
import type { TraceEntry } from '../muc/trace.js';
import type { StepResult } from '../scansion/runner.js';
import type { Action } from '../scansion/script.js';
import type { ScriptTarget } from '../scansion/target.js';

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
  /** A real XMPP client's step, taken in through the door (mucsim serve): its connection. */
  via?: 'tcp' | 'websocket';
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
  /** Human flags: 'members-only', 'moderated', 'password', 'non-anonymous' | 'semi-anonymous', 'persistent' | 'temporary', 'public' | 'hidden'… (the lifecycle is not among them) */
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

/** Why a run ended: `stopped` is `stop()` (a key pressed while running). */
export type RunStop = 'end' | 'failure' | 'breakpoint' | 'stopped';

export interface CommandOutcome {
  ok: boolean;
  /** What to show the user: the error (never thrown) or a short confirmation. */
  message: string;
  /** For a command that does not parse: the 1-based column of the problem. */
  column?: number;
  /** The typed step that was executed, when there was one. */
  step?: SessionStep;
}

/** The TCP (RFC 6120) and WebSocket (RFC 7395) ports of a door for real clients; 0 picks a free one. */
export interface DoorPorts {
  port: number;
  wsPort: number;
}

/** What a real client did while the door was paused: it runs, in this order, on resume. */
export type HeldAction =
  | { kind: 'sends'; client: string; stanza: Element }
  | { kind: 'disconnects'; client: string };

/**
 * A door into the session's world for real XMPP clients (mucsim serve): each thing they do
 * joins the timeline as a step when it happens. Paused, what they send waits, held, for resume.
 */
export interface SessionDoor extends DoorPorts {
  readonly address: string;
  /** How many real clients are connected now. */
  clientCount(): number;
  readonly paused: boolean;
  /** What real clients sent while the door was paused, oldest first. */
  held(): readonly HeldAction[];
  pause(): void;
  resume(): void;
  /** Runs what was held, ends every stream (`system-shutdown`: each client leaves its rooms) and stops listening. */
  close(): Promise<void>;
}

/** What a session's world can do: the simulator travels in time, a real server does not. */
export interface SessionCapabilities {
  timeTravel: boolean;
}

/**
 * Where a debugger session's steps run: the simulator or a real server. The session owns the
 * timeline; the world owns the trace, the rooms and what only it can know.
 */
export interface SessionWorld {
  readonly capabilities: SessionCapabilities;
  /** Why back() and restart() did nothing, for a world that cannot travel in time. */
  readonly timeTravelNotice?: string;
  /** How a typed send's confirmation says its stanzas arrived ("delivered", "received"). */
  readonly arrivalWord: string;
  /** What the simulator adds beyond Prosody that is on (`--extra`); none on a real server. */
  readonly extras?: readonly string[];
  /** Everything sent and received so far: the one record. */
  readonly trace: readonly TraceEntry[];
  /** The target of a new timeline: a fresh world with time travel, else the same one. */
  start(): ScriptTarget;
  rooms(): RoomView[];
  transitions(names: JidNames): TransitionView[];
  /** The users' server and the MUC service that typed commands address by default. */
  domains(): { domain: string; mucDomain: string };
  /** The nick a client's session (full JID) currently has in a room, if it is in it. */
  nickIn(fullJid: string, room: string): string | undefined;
  /** Whether a bare JID is a room (its local part is then never read as a client's name). */
  isRoom(bare: string): boolean;
  /** Waits until what a send caused has arrived (a real server: one round trip). */
  settle?(): Promise<void>;
  /** The first connection failure of a real server (the CLI exits 2 on it). */
  readonly connectionError?: Error | undefined;
  /** Called when a stanza arrives between steps (a real server). */
  onChange?: () => void;
  close(): Promise<void>;
}
