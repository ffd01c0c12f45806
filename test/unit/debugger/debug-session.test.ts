// Tests of the debugger session: stepping, time travel by replay, breakpoints, typed steps and views — XEP-0045 scenarios stepped through
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DebugSession } from '../../../src/debugger/debug-session.js';
import type { SessionStep } from '../../../src/debugger/session-api.js';
import { paneText } from '../../../src/describe/pane.js';
import { traceToJsonLines } from '../../../src/muc/trace-json.js';
import { parseScript } from '../../../src/scansion/parser.js';
import { ScriptStepper } from '../../../src/scansion/runner.js';
import type { Script } from '../../../src/scansion/script.js';
import { SimTarget } from '../../../src/sim/sim-target.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const suite = resolve(root, process.env.MUCSIM_PROSODY_SUITE ?? '../shared/scansion/prosody');
const membersOnlyChange = join(suite, 'muc_members_only_change.scs');
const hasSuite = existsSync(membersOnlyChange);

const ROOM = 'room@conference.localhost';

/** Romeo creates and opens a room, Juliet joins, speaks, changes nick and is kicked. */
const SCENARIO = `# Kick scenario
# Romeo kicks Juliet

[Client] Romeo
\tjid: romeo@localhost
\tpassword: password

[Client] Juliet
\tjid: juliet@localhost
\tpassword: password

-----

Romeo connects

# Romeo creates the room
Romeo sends:
\t<presence to='${ROOM}/Romeo'><x xmlns='http://jabber.org/protocol/muc'/></presence>

Romeo receives:
\t<presence from='${ROOM}/Romeo'/>

Romeo sends:
\t<iq type='set' id='config1' to='${ROOM}'><query xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='jabber:x:data' type='submit'/></query></iq>

Romeo receives:
\t<iq type='result' id='config1' from='${ROOM}'/>

Juliet connects

Juliet sends:
\t<presence to='${ROOM}/Juliet'><x xmlns='http://jabber.org/protocol/muc'/></presence>

Juliet receives:
\t<presence from='${ROOM}/Juliet'/>

Juliet sends:
\t<message type='groupchat' id='m1' to='${ROOM}'><body>Wherefore art thou?</body></message>

Romeo receives:
\t<message type='groupchat' from='${ROOM}/Juliet'><body>Wherefore art thou?</body></message>

Juliet sends:
\t<presence to='${ROOM}/Jules'/>

# Romeo kicks her
Romeo sends:
\t<iq type='set' id='kick1' to='${ROOM}'><query xmlns='http://jabber.org/protocol/muc#admin'><item nick='Jules' role='none'><reason>Begone</reason></item></query></iq>

Romeo receives:
\t<iq type='result' id='kick1' from='${ROOM}'/>

Romeo disconnects
`;

function scenario(text = SCENARIO): Script {
  return parseScript(text, 'kick.scs');
}

/** The trace of the script's first `count` actions, run straight through by the runner's stepper. */
async function straightTrace(script: Script, count: number, seed = 1): Promise<string> {
  const target = new SimTarget({ seed });
  const stepper = new ScriptStepper(script.clients, target);
  for (const [index, action] of script.actions.slice(0, count).entries()) {
    await stepper.step(action, index);
  }
  return traceToJsonLines(target.world.trace.entries);
}

function traceOf(session: DebugSession): string {
  return traceToJsonLines(session.trace);
}

async function forwardAll(session: DebugSession): Promise<SessionStep[]> {
  const steps: SessionStep[] = [];
  for (let step = await session.forward(); step; step = await session.forward()) steps.push(step);
  return steps;
}

describe('DebugSession: stepping', () => {
  it('forward executes every step and gives the trace of a straight run', async () => {
    const script = scenario();
    const session = DebugSession.fromScript(script, { seed: 5 });

    const steps = await forwardAll(session);

    expect(steps).toHaveLength(script.actions.length);
    expect(steps.every((step) => step.result?.status === 'passed')).toBe(true);
    expect(session.cursor).toBe(script.actions.length);
    expect(traceOf(session)).toBe(await straightTrace(script, script.actions.length, 5));
    expect(await session.forward()).toBeUndefined();
  });

  it('records each step’s trace range, contiguous and covering the trace', async () => {
    const session = DebugSession.fromScript(scenario());
    await forwardAll(session);

    const ranges = session.steps.flatMap((step) => (step.traceRange ? [step.traceRange] : []));

    expect(ranges[0]?.first).toBe(session.trace[0]?.seq);
    expect(ranges.at(-1)?.last).toBe(session.trace.at(-1)?.seq);
    for (const [index, range] of ranges.entries()) {
      if (index > 0) expect(range.first).toBe((ranges[index - 1]?.last ?? 0) + 1);
    }
    const receives = session.steps.filter((step) => step.action.kind === 'receives');
    expect(receives.every((step) => step.traceRange === undefined)).toBe(true);
  });

  it('back after each step gives exactly the trace of one step fewer', async () => {
    const script = scenario();
    for (let count = 1; count <= script.actions.length; count += 1) {
      const session = DebugSession.fromScript(script, { seed: 9 });
      for (let step = 0; step < count; step += 1) await session.forward();

      await session.back();

      expect(session.cursor).toBe(count - 1);
      expect(traceOf(session)).toBe(await straightTrace(script, count - 1, 9));
      expect(session.steps.slice(count - 1).every((step) => step.result === undefined)).toBe(true);
    }
  });

  it('back then forward again reproduces the same trace and results', async () => {
    const session = DebugSession.fromScript(scenario(), { seed: 3 });
    await forwardAll(session);
    const before = traceOf(session);
    const statuses = session.steps.map((step) => step.result?.status);

    await session.back();
    await session.back();
    await session.back();
    await forwardAll(session);

    expect(traceOf(session)).toBe(before);
    expect(session.steps.map((step) => step.result?.status)).toEqual(statuses);
  });

  it('back at the start does nothing', async () => {
    const session = DebugSession.fromScript(scenario());
    await session.back();
    expect(session.cursor).toBe(0);
    expect(session.trace).toEqual([]);
  });

  it('restart returns to an empty world, and runs the same again', async () => {
    const session = DebugSession.fromScript(scenario(), { seed: 4 });
    await forwardAll(session);
    const first = traceOf(session);

    await session.restart();

    expect(session.cursor).toBe(0);
    expect(session.trace).toEqual([]);
    expect(session.rooms()).toEqual([]);
    expect(session.steps.every((step) => step.result === undefined && !step.traceRange)).toBe(true);
    await forwardAll(session);
    expect(traceOf(session)).toBe(first);
  });

  it('notifies subscribers and bumps the version on every change', async () => {
    const session = DebugSession.fromScript(scenario());
    let calls = 0;
    const unsubscribe = session.subscribe(() => {
      calls += 1;
    });
    await session.forward();
    await session.back();
    session.toggleBreakpoint({ kind: 'step', index: 2 });
    unsubscribe();
    await session.forward();
    expect(calls).toBe(3);
    expect(session.version).toBe(4);
  });
});

describe('DebugSession: run and breakpoints', () => {
  it('runs to the end, awaiting onStep after every step', async () => {
    const session = DebugSession.fromScript(scenario());
    const seen: number[] = [];

    const stop = await session.run(async (step) => {
      seen.push(step.index);
    });

    expect(stop).toBe('end');
    expect(seen).toEqual(session.steps.map((step) => step.index));
  });

  it('stops at the first failed step', async () => {
    const failing = SCENARIO.replace(
      `Romeo receives:\n\t<iq type='result' id='config1' from='${ROOM}'/>`,
      `Romeo receives:\n\t<iq type='error' id='config1' from='${ROOM}'/>`,
    );
    const session = DebugSession.fromScript(scenario(failing));

    const stop = await session.run();

    expect(stop).toBe('failure');
    expect(session.cursor).toBe(5);
    expect(session.steps[4]?.result?.status).toBe('failed');
    expect(session.steps[5]?.result).toBeUndefined();
  });

  it('stops before a step breakpoint, and goes on from there on the next run', async () => {
    const session = DebugSession.fromScript(scenario());
    session.toggleBreakpoint({ kind: 'step', index: 5 });

    expect(await session.run()).toBe('breakpoint');
    expect(session.cursor).toBe(5);
    expect(await session.run()).toBe('end');
  });

  it('stops after a step that delivered a stanza matching the filter', async () => {
    const session = DebugSession.fromScript(scenario());
    session.toggleBreakpoint({ kind: 'stanza', filter: 'wherefore' });

    expect(await session.run()).toBe('breakpoint');
    expect(session.steps[session.cursor - 1]?.action.xml).toContain('Wherefore art thou?');
  });

  it('matches a stanza breakpoint against the one-line summary (status words)', async () => {
    const session = DebugSession.fromScript(scenario());
    session.toggleBreakpoint({ kind: 'stanza', filter: '307 kicked' });

    expect(await session.run()).toBe('breakpoint');
    expect(session.steps[session.cursor - 1]?.action.xml).toContain("role='none'");
  });

  it('stops after a step with a transition matching the filter', async () => {
    const session = DebugSession.fromScript(scenario());
    session.toggleBreakpoint({ kind: 'transition', filter: 'locked → open' });

    expect(await session.run()).toBe('breakpoint');
    expect(session.steps[session.cursor - 1]?.action.xml).toContain('muc#owner');
  });

  it('toggling a breakpoint twice removes it', async () => {
    const session = DebugSession.fromScript(scenario());
    session.toggleBreakpoint({ kind: 'transition', filter: 'open' });
    session.toggleBreakpoint({ kind: 'stanza', filter: 'open' });
    session.toggleBreakpoint({ kind: 'transition', filter: 'open' });

    expect(session.breakpoints).toEqual([{ kind: 'stanza', filter: 'open' }]);
  });

  it('stop() ends a run after the current step', async () => {
    const session = DebugSession.fromScript(scenario());

    const stop = await session.run(async (step) => {
      if (step.index === 2) session.stop();
    });

    expect(stop).toBe('stopped');
    expect(session.cursor).toBe(3);
  });
});

describe('DebugSession: views', () => {
  it('rooms(): lifecycle, flags, occupants with roles, affiliations and the subject', async () => {
    const session = DebugSession.fromScript(scenario());
    for (let step = 0; step < 8; step += 1) await session.forward();
    await session.command(`romeo subject room Verona`);
    await session.command(`romeo affiliate room nurse@localhost member Angelica`);

    const [room] = session.rooms();

    expect(room).toMatchObject({
      jid: ROOM,
      lifecycle: 'open',
      flags: ['semi-anonymous', 'temporary', 'hidden'],
      subject: 'Verona',
    });
    expect(room?.occupants).toEqual([
      {
        nick: 'Romeo',
        role: 'moderator',
        affiliation: 'owner',
        bareJid: 'romeo@localhost',
        sessions: [session.world!.connectedSessions()[0]?.jid],
        state: 'moderator',
      },
      {
        nick: 'Juliet',
        role: 'participant',
        affiliation: 'none',
        bareJid: 'juliet@localhost',
        sessions: [session.world!.connectedSessions()[1]?.jid],
        state: 'participant',
      },
    ]);
    expect(room?.affiliations).toEqual([
      { jid: 'romeo@localhost', affiliation: 'owner', present: true },
      { jid: 'nurse@localhost', affiliation: 'member', reservedNick: 'Angelica', present: false },
    ]);
  });

  it('rooms(): a new room is locked (said once, as its lifecycle); configured flags show (maxusers with the max-users extra)', async () => {
    const session = DebugSession.empty({ world: { extras: ['max-users'] } });
    await session.command('romeo connect');
    await session.command('romeo join garden/Romeo');
    expect(session.rooms()[0]?.lifecycle).toBe('locked');
    expect(session.rooms()[0]?.flags).not.toContain('locked');

    await session.command(
      'romeo config garden membersonly=1 moderated=1 password=secret whois=anyone persistent=1 public=1 maxusers=10',
    );

    expect(session.rooms()[0]?.flags).toEqual([
      'members-only',
      'moderated',
      'password',
      'non-anonymous',
      'persistent',
      'public',
      'max 10 users',
    ]);
  });

  it('transitions(): lifecycle, joins, nick change and a kick, in words', async () => {
    const session = DebugSession.fromScript(scenario());
    await session.run();

    expect(session.transitions().map((view) => view.text)).toEqual([
      `${ROOM}: absent → locked`,
      'Romeo: none/none → owner/moderator (joined) — 201 a new room was created (§10.1.1)',
      `${ROOM}: locked → open`,
      'Juliet: none → participant (joined)',
      'Juliet → Jules: nick changed (§7.6)',
      'Jules: participant → none — 307 removed by a moderator (§8.2), by Romeo',
      'Romeo: moderator → none (left)',
      `${ROOM}: open → destroyed (temporary room, its last occupant left, §7.14)`,
    ]);
  });

  it('transitions(): a room destroyed on request says so, for every occupant', async () => {
    const session = DebugSession.empty();
    for (const line of [
      'romeo connect',
      'romeo join garden/Romeo',
      'romeo config garden instant',
      'juliet connect',
      'juliet join garden/Juliet',
      'romeo destroy garden',
    ])
      await session.command(line);
    const texts = session.transitions().map((view) => view.text);
    expect(texts.slice(-3)).toEqual([
      'Romeo: moderator → none (room destroyed, §10.9)',
      'Juliet: participant → none (room destroyed, §10.9), by Romeo',
      'garden@conference.localhost: open → destroyed (destroyed by request, §10.9)',
    ]);
  });

  it('transitions(): an affiliation change merges with the role change it caused', async () => {
    const session = DebugSession.fromScript(scenario());
    for (let step = 0; step < 8; step += 1) await session.forward();

    await session.command('romeo affiliate room juliet admin');
    await session.command('romeo ban room juliet Treason');

    const texts = session.transitions().map((view) => view.text);
    expect(texts.slice(-2)).toEqual([
      'Juliet: none/participant → admin/moderator, by Romeo',
      'Juliet: admin/moderator → outcast/none — 301 removed because banned (§9.1), by Romeo',
    ]);
    const merged = session.transitions().at(-1);
    expect(merged?.event.kind).toBe('affiliation');
    expect(merged?.merged?.event.kind).toBe('role');
  });

  it('related(): the cause of an entry and everything it caused', async () => {
    const session = DebugSession.fromScript(scenario());
    await session.run();
    const delivery = session.trace.find(
      (entry) =>
        entry.kind === 'delivery' && entry.stanza.getChildText('body') === 'Wherefore art thou?',
    );
    if (delivery?.kind !== 'delivery') throw new Error('no delivery');

    const related = session.related(delivery.seq);

    expect(related.cause).toBe(delivery.cause);
    const cause = session.trace.find((entry) => entry.seq === related.cause);
    expect(cause?.kind).toBe('input');
    expect(related.effects).toContain(delivery.seq);
    expect(session.related(delivery.cause)).toEqual(related);
    expect(related.effects.every((seq) => seq > delivery.cause)).toBe(true);
    const connect = session.trace.find((entry) => entry.kind === 'connect');
    expect(session.related(connect?.seq ?? 0)).toEqual({ cause: undefined, effects: [] });
    expect(session.related(999_999)).toEqual({ cause: undefined, effects: [] });
  });

  it('names(): the pane names a delivery after its client, from the bound JIDs', async () => {
    const session = DebugSession.fromScript(scenario());
    await session.run();
    const kick = session.trace.find(
      (entry) => entry.kind === 'delivery' && entry.stanza.toString().includes('code="307"'),
    );
    if (kick?.kind !== 'delivery') throw new Error('no kick delivered');

    expect(paneText(kick, session.names())).toMatch(
      /^(Romeo|Juliet) ← presence unavailable from room\/Jules: \w+\/none, 307 kicked/,
    );
  });

  (hasSuite ? it : it.skip)(
    `muc_members_only_change: Juliet's removal mentions 321 and §9.4${hasSuite ? '' : ` (suite not found at ${suite}; set MUCSIM_PROSODY_SUITE)`}`,
    async () => {
      const script = parseScript(
        readFileSync(membersOnlyChange, 'utf8'),
        'muc_members_only_change.scs',
      );
      const session = DebugSession.fromScript(script);
      while (session.cursor < script.actions.length - 2) await session.forward();

      const juliet = session.transitions().filter((view) => view.text.startsWith('Juliet:'));
      const [room] = session.rooms();

      expect(juliet.at(-1)?.text).toBe(
        'Juliet: member/participant → none/none — 321 removed because the affiliation changed (§9.4), by Romeo',
      );
      expect(room?.flags).toContain('members-only');
      expect(room?.occupants.map((occupant) => occupant.nick)).toEqual(['Romeo']);
      expect(room?.affiliations).toEqual([
        { jid: 'user@localhost', affiliation: 'owner', present: true },
      ]);
      expect(await session.run()).toBe('end');
    },
  );
});

describe('DebugSession: typed commands', () => {
  it('a typed connect of a new name defines a client and runs a connects step', async () => {
    const session = DebugSession.empty({ seed: 2 });

    const outcome = await session.command('juliet connect');

    expect(outcome).toMatchObject({ ok: true, message: 'step 1: Juliet connects' });
    expect(session.clientNames()).toEqual(['Juliet']);
    expect(session.steps[0]).toMatchObject({
      origin: 'typed',
      command: 'juliet connect',
      action: { kind: 'connects', client: 'Juliet' },
      result: { status: 'passed' },
    });
    expect(session.isConnected('Juliet')).toBe(true);
    expect(session.trace[0]).toMatchObject({ kind: 'connect' });
  });

  it('typed stanzas are pretty-printed sends steps executed through the world', async () => {
    const session = DebugSession.empty();
    await session.command('romeo connect');

    const outcome = await session.command('romeo join garden/Romeo');

    expect(outcome).toEqual({
      ok: true,
      message: 'step 2: Romeo sent, 2 stanzas delivered',
      step: session.steps[1],
    });
    expect(session.steps[1]?.action).toMatchObject({
      kind: 'sends',
      client: 'Romeo',
      xml: '<presence to="garden@conference.localhost/Romeo">\n\t<x xmlns="http://jabber.org/protocol/muc"/>\n</presence>',
    });
    expect(session.rooms().map((room) => room.jid)).toEqual(['garden@conference.localhost']);
  });

  it('returns errors instead of throwing: parse errors with their column, state errors', async () => {
    const session = DebugSession.fromScript(scenario());

    expect(await session.command('romeo dance')).toMatchObject({
      ok: false,
      column: 7,
      message: expect.stringMatching(/^column 7: unknown verb 'dance': use one of connect, /),
    });
    expect(await session.command('romeo say room hi')).toEqual({
      ok: false,
      message: 'Romeo is not connected (type: romeo connect)',
    });
    await session.command('romeo connect');
    expect(await session.command('romeo connect')).toEqual({
      ok: false,
      message: `Romeo is already connected as ${session.world!.connectedSessions()[0]?.jid}`,
    });
    expect(await session.command('romeo leave room')).toEqual({
      ok: false,
      message: `Romeo is not in ${ROOM}`,
    });
    expect(session.steps.filter((step) => step.origin === 'typed')).toHaveLength(1);
  });

  it('typed steps are inserted at the cursor, and replayed by back() and forward()', async () => {
    const session = DebugSession.fromScript(scenario(), { seed: 6 });
    for (let step = 0; step < 5; step += 1) await session.forward();

    await session.command('nurse connect');
    await session.command('nurse join room/Nurse');

    expect(session.steps.map((step) => step.origin).slice(4, 8)).toEqual([
      'script',
      'typed',
      'typed',
      'script',
    ]);
    expect(session.steps.map((step) => step.index)).toEqual(session.steps.map((_, index) => index));
    expect(session.cursor).toBe(7);
    const trace = traceOf(session);

    await session.back();
    expect(session.cursor).toBe(6);
    await session.forward();
    expect(traceOf(session)).toBe(trace);

    await session.restart();
    expect(session.steps.filter((step) => step.origin === 'typed')).toHaveLength(2);
    await session.run();
    expect(session.steps.every((step) => step.result?.status === 'passed')).toBe(true);

    await session.restart({ dropTyped: true });
    expect(session.steps.filter((step) => step.origin === 'typed')).toEqual([]);
    expect(session.steps).toHaveLength(scenario().actions.length);
  });

  it('sendRaw validates the XML and that it is a stanza', async () => {
    const session = DebugSession.fromScript(scenario());
    await session.command('romeo connect');

    expect(await session.sendRaw('tybalt', '<message/>')).toEqual({
      ok: false,
      message: "unknown user 'tybalt' (known users: Romeo, Juliet)",
    });
    expect(await session.sendRaw('juliet', '<message/>')).toEqual({
      ok: false,
      message: 'Juliet is not connected',
    });
    expect(await session.sendRaw('romeo', '<message><body>hi</message>')).toEqual({
      ok: false,
      message:
        "invalid XML at 1:18: mismatched end tag </message>: <body> is still open (expected '</body>')",
      column: 18,
    });
    expect(await session.sendRaw('romeo', '<query xmlns="jabber:iq:version"/>')).toEqual({
      ok: false,
      message: '<query> is not a stanza: send a message, presence or iq',
    });
    expect(session.steps.filter((step) => step.origin === 'typed')).toHaveLength(1);
  });

  it('a typed step that fails without doing anything is not kept', async () => {
    const session = DebugSession.fromScript(scenario());
    await session.command('romeo connect');

    const outcome = await session.sendRaw('romeo', `<message to="\${Nobody's JID}"/>`);

    expect(outcome).toEqual({
      ok: false,
      message: `unknown variable \${Nobody's JID}: no client 'Nobody'`,
    });
    expect(session.cursor).toBe(1);
    expect(session.steps.filter((step) => step.origin === 'typed')).toHaveLength(1);
    expect(session.steps.map((step) => step.index)).toEqual(session.steps.map((_, index) => index));
  });

  it('sendRaw substitutes JID variables like a script', async () => {
    const session = DebugSession.fromScript(scenario());
    await session.command('romeo connect');
    await session.command('juliet connect');

    const outcome = await session.sendRaw(
      'juliet',
      `<message to="\${Romeo's full JID}"><body>hi</body></message>`,
    );

    expect(outcome.ok).toBe(true);
    const delivery = session.trace.at(-1);
    expect(delivery?.kind === 'delivery' && delivery.to).toBe(
      session.world!.connectedSessions()[0]?.jid,
    );
    expect(session.clientDefinitions().map((client) => client.name)).toEqual(['Romeo', 'Juliet']);
  });

  it('sendRaw sends as the client, namespaces from jabber:client', async () => {
    const session = DebugSession.fromScript(scenario());
    await session.command('romeo connect');

    const outcome = await session.sendRaw(
      'ROMEO',
      `<iq type='get' id='disco1' to='conference.localhost'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>`,
    );

    expect(outcome).toMatchObject({ ok: true, message: 'step 2: Romeo sent, 1 stanza delivered' });
    expect(session.steps[1]?.action.xml).toBe(
      '<iq type="get" id="disco1" to="conference.localhost">\n\t<query xmlns="http://jabber.org/protocol/disco#info"/>\n</iq>',
    );
    const reply = session.trace.at(-1);
    expect(reply?.kind === 'delivery' && reply.stanza.attrs.type).toBe('result');
  });
});
