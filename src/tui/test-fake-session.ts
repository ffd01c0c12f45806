// A scripted stand-in for the debugger engine, for the TUI's tests and benchmark — a XEP-0045 room created, joined and a role changed (§7.2, §9.6, §10.1)
import type { Element } from 'ltx';
import type {
  Breakpoint,
  CommandOutcome,
  DebugSession,
  RoomView,
  RunStop,
  SessionStep,
  TransitionView,
} from '../debugger/session-api.js';
import type { DomainEvent } from '../muc/effects.js';
import type { TraceEntry } from '../muc/trace.js';
import { parseScript } from '../scansion/parser.js';
import type { StepResult } from '../scansion/runner.js';
import type { Action, Script } from '../scansion/script.js';
import { parseXml } from '../xmpp/xml.js';

export interface FakeEffect {
  failed?: { reason: string; expected: string; closest: string; diff: string };
  /** Full JID and XML of each stanza delivered during the step. */
  deliveries?: { to: string; xml: string }[];
  /** The rooms after the step (unchanged when absent). */
  rooms?: RoomView[];
  transitions?: { text: string; event: DomainEvent }[];
  /** Throws from forward() (an engine bug). */
  crash?: string;
}

const ROMEO = 'romeo@localhost/balcony';
const JULIET = 'juliet@localhost/chamber';
const ROOM = 'garden@conference.localhost';

export const FAKE_SCRIPT = `# Fake tutorial
[Client] Romeo
\tjid: ${ROMEO}

[Client] Juliet
\tjid: ${JULIET}

-----

Romeo connects

Juliet connects

# Romeo creates the room: it is locked until he configures it.
Romeo sends:
\t<presence to='${ROOM}/Romeo'><x xmlns='http://jabber.org/protocol/muc'/></presence>

Romeo sends:
\t<iq type='set' id='config1' to='${ROOM}'><query xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='jabber:x:data' type='submit'/></query></iq>

# Juliet enters as a participant.
Juliet sends:
\t<presence to='${ROOM}/Juliet'><x xmlns='http://jabber.org/protocol/muc'/></presence>

# Romeo grants her moderation.
Romeo sends:
\t<iq type='set' id='mod1' to='${ROOM}'><query xmlns='http://jabber.org/protocol/muc#admin'><item nick='Juliet' role='moderator'/></query></iq>

Juliet receives:
\t<message type='groupchat' from='${ROOM}/Romeo'><body>welcome</body></message>
`;

function presence(to: string, from: string, affiliation: string, role: string, codes: string[]) {
  const status = codes.map((code) => `<status code='${code}'/>`).join('');
  return `<presence to='${to}' from='${from}'><x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='${affiliation}' role='${role}'/>${status}</x></presence>`;
}

function room(
  lifecycle: RoomView['lifecycle'],
  julietRole?: 'participant' | 'moderator',
): RoomView {
  const romeo = {
    nick: 'Romeo',
    role: 'moderator' as const,
    affiliation: 'owner' as const,
    bareJid: 'romeo@localhost',
    sessions: [ROMEO],
    state: 'moderator' as const,
  };
  const juliet = julietRole && {
    nick: 'Juliet',
    role: julietRole,
    affiliation: 'none' as const,
    bareJid: 'juliet@localhost',
    sessions: [JULIET],
    state: julietRole,
  };
  return {
    jid: ROOM,
    lifecycle,
    flags: lifecycle === 'locked' ? ['locked', 'temporary'] : ['temporary', 'semi-anonymous'],
    occupants: juliet ? [romeo, juliet] : [romeo],
    affiliations: [
      { jid: 'romeo@localhost', affiliation: 'owner', present: true },
      { jid: 'tybalt@localhost', affiliation: 'outcast', present: false },
    ],
  };
}

/** Effects of the FAKE_SCRIPT steps, in order. */
export const FAKE_EFFECTS: FakeEffect[] = [
  {},
  {},
  {
    deliveries: [
      { to: ROMEO, xml: presence(ROMEO, `${ROOM}/Romeo`, 'owner', 'moderator', ['201', '110']) },
    ],
    rooms: [room('locked')],
    transitions: [
      {
        text: 'garden: absent → locked (room created, §10.1)',
        event: { kind: 'room', room: ROOM, from: 'absent', to: 'locked', by: 'enter' },
      },
    ],
  },
  {
    deliveries: [
      { to: ROMEO, xml: `<iq type='result' id='config1' to='${ROMEO}' from='${ROOM}'/>` },
    ],
    rooms: [room('open')],
    transitions: [
      {
        text: 'garden: locked → open (configured, §10.1.2)',
        event: { kind: 'room', room: ROOM, from: 'locked', to: 'open', by: 'config' },
      },
    ],
  },
  {
    deliveries: [
      { to: JULIET, xml: presence(JULIET, `${ROOM}/Romeo`, 'owner', 'moderator', []) },
      { to: JULIET, xml: presence(JULIET, `${ROOM}/Juliet`, 'none', 'participant', ['110']) },
      { to: ROMEO, xml: presence(ROMEO, `${ROOM}/Juliet`, 'none', 'participant', []) },
    ],
    rooms: [room('open', 'participant')],
    transitions: [
      {
        text: 'Juliet: none → participant (entered, §7.2)',
        event: {
          kind: 'role',
          room: ROOM,
          nick: 'Juliet',
          jid: JULIET,
          from: 'none',
          to: 'participant',
          codes: [],
          by: 'enter',
        },
      },
    ],
  },
  {
    deliveries: [
      { to: ROMEO, xml: presence(ROMEO, `${ROOM}/Juliet`, 'none', 'moderator', []) },
      { to: JULIET, xml: presence(JULIET, `${ROOM}/Juliet`, 'none', 'moderator', ['110']) },
      { to: ROMEO, xml: `<iq type='result' id='mod1' to='${ROMEO}' from='${ROOM}'/>` },
    ],
    rooms: [room('open', 'moderator')],
    transitions: [
      {
        text: 'Juliet: participant → moderator (granted by Romeo, §9.6)',
        event: {
          kind: 'role',
          room: ROOM,
          nick: 'Juliet',
          jid: JULIET,
          from: 'participant',
          to: 'moderator',
          codes: [],
          by: 'admin',
        },
      },
    ],
  },
  {
    failed: {
      reason: 'no matching stanza',
      expected: `<message type='groupchat' from='${ROOM}/Romeo'><body>welcome</body></message>`,
      closest: presence(JULIET, `${ROOM}/Juliet`, 'none', 'moderator', ['110']),
      diff: "- <message type='groupchat'>\n+ <presence>",
    },
  },
];

type Draft = TraceEntry extends infer E ? (E extends TraceEntry ? Omit<E, 'seq'> : never) : never;

interface Frame {
  traceLength: number;
  transitionsLength: number;
  rooms: RoomView[];
  stepsLength: number;
}

function element(xml: string): Element {
  const parsed = parseXml(xml);
  if (!parsed.ok) throw new Error(`fake session: bad XML ${xml}: ${parsed.error.message}`);
  return parsed.element;
}

/** Implements the engine's contract from canned effects; typed commands append typed steps. */
export class FakeSession implements DebugSession {
  readonly script: Script;
  steps: SessionStep[];
  cursor = 0;
  trace: TraceEntry[] = [];
  breakpoints: Breakpoint[] = [];
  commands: string[] = [];
  private transitionList: TransitionView[] = [];
  private currentRooms: RoomView[] = [];
  private frames: Frame[] = [];
  private time = 0;
  failRooms = false;
  private readonly effects: FakeEffect[];

  constructor(scriptText: string = FAKE_SCRIPT, effects: FakeEffect[] = FAKE_EFFECTS) {
    this.effects = [...effects];
    this.script = parseScript(scriptText, 'fake-tutorial.scs');
    this.steps = this.script.actions.map((action, index) => ({ index, action, origin: 'script' }));
  }

  clientNames(): string[] {
    return this.script.clients.map((client) => client.name);
  }

  private jidOf(client: string): string {
    return (
      this.script.clients.find((c) => c.name.toLowerCase() === client.toLowerCase())?.jid ??
      `${client.toLowerCase()}@localhost/typed`
    );
  }

  private append(draft: Draft): number {
    const seq = this.trace.length + 1;
    this.trace.push({ ...draft, seq } as TraceEntry);
    return seq;
  }

  private execute(step: SessionStep, effect: FakeEffect): SessionStep {
    if (effect.crash) throw new Error(effect.crash);
    this.frames.push({
      traceLength: this.trace.length,
      transitionsLength: this.transitionList.length,
      rooms: this.currentRooms,
      stepsLength: this.steps.length,
    });
    this.time += 1000;
    const first = this.trace.length + 1;
    const { action } = step;
    let cause = 0;
    if (action.kind === 'sends' && action.xml) {
      cause = this.append({
        kind: 'input',
        time: this.time,
        sender: this.jidOf(action.client),
        origin: 'client',
        stanza: element(action.xml),
      });
    }
    if (action.kind === 'connects')
      this.append({ kind: 'connect', time: this.time, jid: this.jidOf(action.client) });
    for (const delivery of effect.deliveries ?? []) {
      this.append({
        kind: 'delivery',
        time: this.time,
        cause,
        to: delivery.to,
        stanza: element(delivery.xml),
        by: 'fake',
      });
    }
    for (const transition of effect.transitions ?? []) {
      const seq = this.append({ kind: 'event', time: this.time, cause, event: transition.event });
      this.transitionList.push({ seq, cause, event: transition.event, text: transition.text });
    }
    if (effect.rooms) this.currentRooms = effect.rooms;
    const last = this.trace.length;
    const result: StepResult = {
      index: step.index,
      action,
      status: effect.failed ? 'failed' : 'passed',
      skipped: [],
      ...(effect.failed && {
        reason: effect.failed.reason,
        expected: element(effect.failed.expected),
        closest: element(effect.failed.closest),
        diff: effect.failed.diff,
      }),
    };
    const executed: SessionStep = {
      ...step,
      result,
      ...(last >= first && { traceRange: { first, last } }),
    };
    this.steps[step.index] = executed;
    this.cursor = step.index + 1;
    return executed;
  }

  async forward(): Promise<SessionStep | undefined> {
    const step = this.steps[this.cursor];
    if (!step) return undefined;
    return this.execute(step, step.origin === 'script' ? (this.effects[step.index] ?? {}) : {});
  }

  async back(): Promise<void> {
    const frame = this.frames.pop();
    if (!frame) return;
    this.cursor -= 1;
    this.trace.length = frame.traceLength;
    this.transitionList.length = frame.transitionsLength;
    this.currentRooms = frame.rooms;
    const step = this.steps[this.cursor];
    if (step)
      this.steps[this.cursor] = { index: step.index, action: step.action, origin: step.origin };
  }

  async restart(): Promise<void> {
    while (this.cursor > 0) await this.back();
  }

  async run(onStep?: (step: SessionStep) => Promise<void>): Promise<RunStop> {
    for (;;) {
      const step = await this.forward();
      if (!step) return 'end';
      await onStep?.(step);
      if (step.result?.status === 'failed') return 'failure';
      if (this.breakpoints.some((b) => b.kind === 'step' && b.index === this.cursor))
        return 'breakpoint';
    }
  }

  toggleBreakpoint(breakpoint: Breakpoint): void {
    const key = JSON.stringify(breakpoint);
    const index = this.breakpoints.findIndex((b) => JSON.stringify(b) === key);
    if (index >= 0) this.breakpoints.splice(index, 1);
    else this.breakpoints.push(breakpoint);
  }

  /** Typed steps are inserted at the cursor, as the engine does. */
  private typed(action: Action): SessionStep {
    const step: SessionStep = { index: this.cursor, action, origin: 'typed' };
    this.steps.splice(this.cursor, 0, step);
    this.steps = this.steps.map((other, index) => ({ ...other, index }));
    this.effects.splice(this.cursor, 0, {});
    return this.execute(step, {});
  }

  async command(line: string): Promise<CommandOutcome> {
    this.commands.push(line);
    const [client, verb, ...rest] = line.trim().split(/\s+/);
    if (verb !== 'say' || !client) return { ok: false, message: `unknown command: ${line}` };
    const xml = `<message type='groupchat' to='${this.currentRooms[0]?.jid ?? ROOM}'><body>${rest.join(' ')}</body></message>`;
    this.typed({ kind: 'sends', client, line: 0, column: 0, xml, narration: [] });
    return { ok: true, message: `${client} sent a message` };
  }

  async sendRaw(client: string, xml: string): Promise<CommandOutcome> {
    const parsed = parseXml(xml);
    if (!parsed.ok) return { ok: false, message: `not well-formed: ${parsed.error.message}` };
    this.typed({ kind: 'sends', client, line: 0, column: 0, xml, narration: [] });
    return { ok: true, message: `${client} sent <${parsed.element.name}>` };
  }

  rooms(): RoomView[] {
    if (this.failRooms) throw new Error('fake engine bug in rooms()');
    return this.currentRooms;
  }

  transitions(): TransitionView[] {
    return this.transitionList;
  }

  related(seq: number): { cause: number | undefined; effects: number[] } {
    const entry = this.trace[seq - 1];
    const cause =
      entry && 'cause' in entry ? entry.cause : entry?.kind === 'input' ? entry.seq : undefined;
    if (!cause) return { cause: undefined, effects: [] };
    const effects = this.trace.filter((e) => 'cause' in e && e.cause === cause).map((e) => e.seq);
    return { cause, effects };
  }

  recording(): string {
    return `# recording of ${this.script.file}\n${this.steps
      .slice(0, this.cursor)
      .map((step) => `${step.action.client} ${step.action.kind}`)
      .join('\n')}\n`;
  }
}

/** A session whose first step delivers `count` stanzas (benchmarks of long traces). */
export function bigFakeSession(count: number): FakeSession {
  const deliveries = Array.from({ length: count }, (_, index) => ({
    to: index % 2 === 0 ? ROMEO : JULIET,
    xml: presence(
      index % 2 === 0 ? ROMEO : JULIET,
      `${ROOM}/User${index}`,
      'none',
      'participant',
      index % 7 === 0 ? ['110'] : [],
    ),
  }));
  return new FakeSession(FAKE_SCRIPT, [
    { deliveries, rooms: [room('open', 'participant')] },
    ...FAKE_EFFECTS.slice(1),
  ]);
}
