// Tests of the recorder: sessions written as .scs replay green, volatile values made robust — XEP-0045 scenarios recorded
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Element } from 'ltx';
import { describe, expect, it } from 'vitest';
import { DebugSession } from '../../../src/debugger/debug-session.js';
import { recordSession } from '../../../src/debugger/growing-recording.js';
import { liveSession } from '../../../src/debugger/live-world.js';
import { recordingHead } from '../../../src/debugger/recorder.js';
import { parseScript } from '../../../src/scansion/parser.js';
import { runScript, type ScriptResult } from '../../../src/scansion/runner.js';
import type { ScriptTarget } from '../../../src/scansion/target.js';
import { SimTarget } from '../../../src/sim/sim-target.js';
import { parseXml } from '../../../src/xmpp/xml.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const suite = resolve(root, process.env.MUCSIM_PROSODY_SUITE ?? '../shared/scansion/prosody');
const files = existsSync(suite)
  ? readdirSync(suite)
      .filter((name) => name.endsWith('.scs'))
      .sort()
  : [];

/** Two typed users meet in a fresh room: connect, join, say, pm, nick, leave. */
const TYPED = [
  'benvolio connect',
  'tybalt connect',
  'benvolio join square/Benvolio',
  'benvolio config square instant',
  'tybalt join square/Tybalt',
  'tybalt say square What, drawn, and talk of peace?',
  'benvolio pm square/Tybalt I do but keep the peace',
  'tybalt nick square Prince_of_Cats',
  'benvolio leave square Farewell',
  'tybalt leave square',
  'tybalt disconnect',
];

async function type(session: DebugSession, lines: readonly string[]): Promise<void> {
  for (const line of lines) {
    const outcome = await session.command(line);
    if (!outcome.ok) throw new Error(`${line}: ${outcome.message}`);
  }
}

function failure(result: ScriptResult): string {
  const step = result.steps.find((candidate) => candidate.status === 'failed');
  if (!step) return 'passed';
  return `step ${step.index + 1} (line ${step.action.line}) ${step.action.client} ${step.action.kind}: ${step.reason}\n${step.diff ?? ''}`;
}

async function replay(recording: string, strictOrder: boolean): Promise<ScriptResult> {
  const script = parseScript(recording, 'recording.scs');
  expect(script.warnings).toEqual([]);
  return runScript(script, new SimTarget(), { strictOrder });
}

async function expectGreen(recording: string): Promise<void> {
  const relaxed = await replay(recording, false);
  expect(failure(relaxed), recording).toBe('passed');
  const strict = await replay(recording, true);
  expect(failure(strict), recording).toBe('passed');
}

if (files.length === 0) {
  it.skip(`recording the Prosody suite: not found at ${suite} (set MUCSIM_PROSODY_SUITE)`, () => {});
} else {
  describe(`recording the Prosody suite (${suite}) replays green`, () => {
    it.each(files)('%s run to the end, then typed commands', async (file) => {
      const script = parseScript(readFileSync(join(suite, file), 'utf8'), file);
      const session = DebugSession.fromScript(script, { seed: 11 });
      expect(await session.run()).toBe('end');
      await type(session, TYPED);

      const recording = session.recording();

      const parsed = parseScript(recording, 'recording.scs');
      expect(parsed.title).toBe(script.title);
      expect(parsed.clients.map((client) => client.name)).toEqual([
        ...script.clients.map((client) => client.name),
        'Benvolio',
        'Tybalt',
      ]);
      const narration = script.actions.flatMap((action) => action.narration);
      const kept = parsed.actions.flatMap((action) => action.narration);
      for (const line of narration) expect(kept).toContain(line);
      await expectGreen(recording);
    });

    it.each(files)('%s with typed commands in the middle', async (file) => {
      const script = parseScript(readFileSync(join(suite, file), 'utf8'), file);
      const session = DebugSession.fromScript(script, { seed: 3 });
      for (let step = 0; step < 3; step += 1) await session.forward();
      await type(session, TYPED.slice(0, 6));
      await session.run();
      await type(session, TYPED.slice(6));

      await expectGreen(session.recording());
    });
  });
}

describe('recording', () => {
  it('an empty session is the head alone, which no tool runs as a script', () => {
    const recording = DebugSession.empty().recording();

    expect(recording).toBe('# mucsim session\n\n-----\n');
    expect(() => parseScript(recording, 'empty.scs')).toThrow('the script has no steps');
  });

  it('writes definitions, the typed command as narration, and receives with variables', async () => {
    const session = DebugSession.empty({ seed: 8 });
    await type(session, ['romeo connect', 'romeo join garden/Romeo']);

    expect(session.recording()).toBe(`# mucsim session

[Client] Romeo
\tjid: romeo@localhost
\tpassword: password

-----

# typed: romeo connect
Romeo connects

# typed: romeo join garden/Romeo
Romeo sends:
\t<presence to="garden@conference.localhost/Romeo">
\t\t<x xmlns="http://jabber.org/protocol/muc"/>
\t</presence>

Romeo receives:
\t<presence from="garden@conference.localhost/Romeo" to="\${Romeo's full JID}">
\t\t<x xmlns="vcard-temp:x:update">
\t\t\t<photo/>
\t\t</x>
\t\t<occupant-id xmlns="urn:xmpp:occupant-id:0" id="{scansion:any}"/>
\t\t<x xmlns="http://jabber.org/protocol/muc#user">
\t\t\t<status code="201"/>
\t\t\t<item affiliation="owner" role="moderator" jid="\${Romeo's full JID}"/>
\t\t\t<status code="110"/>
\t\t</x>
\t</presence>

Romeo receives:
\t<message from="garden@conference.localhost" type="groupchat" to="\${Romeo's full JID}">
\t\t<subject/>
\t</message>
`);
  });

  it('replaces delay stamps and ids the service generated with {scansion:any}', async () => {
    const session = DebugSession.empty({ seed: 8 });
    await type(session, [
      'romeo connect',
      'romeo join garden/Romeo',
      'romeo config garden instant',
    ]);
    await session.sendRaw(
      'Romeo',
      `<message type='groupchat' to='garden@conference.localhost'><body>No id</body></message>`,
    );
    await type(session, ['juliet connect', 'juliet join garden/Juliet']);

    const recording = session.recording();

    expect(recording).toContain(
      `<message type="groupchat" from="garden@conference.localhost/Romeo" id="{scansion:any}" to="\${Romeo's full JID}">`,
    );
    expect(recording).toContain(
      '<delay xmlns="urn:xmpp:delay" from="garden@conference.localhost" stamp="{scansion:any}"/>',
    );
    expect(recording).toContain(
      `<iq type="result" from="garden@conference.localhost" to="\${Romeo's full JID}" id="config1"/>`,
    );
    await expectGreen(recording);
  });

  it('captures a relayed iq id that the target sends back, so the replay uses its own', async () => {
    const session = DebugSession.empty({ seed: 8 });
    await type(session, [
      'romeo connect',
      'romeo join garden/Romeo',
      'romeo config garden instant',
      'juliet connect',
      'juliet join garden/Juliet',
    ]);
    await session.sendRaw(
      'Romeo',
      `<iq type='get' id='time1' to='garden@conference.localhost/Juliet'><time xmlns='urn:xmpp:time'/></iq>`,
    );
    const relayed = session.trace.at(-1);
    if (relayed?.kind !== 'delivery') throw new Error('the iq was not relayed');
    const generated = relayed.stanza.attrs.id as string;
    expect(generated).not.toBe('time1');
    await session.sendRaw(
      'Juliet',
      `<iq type='result' id='${generated}' to='garden@conference.localhost/Romeo'><time xmlns='urn:xmpp:time'><tzo>+00:00</tzo><utc>2026-01-01T12:00:00Z</utc></time></iq>`,
    );

    const recording = session.recording();

    expect(recording).toContain('id="{scansion:capture:id1}"');
    expect(recording).not.toContain(generated);
    expect(recording).toContain('id="time1"');
    await expectGreen(recording);
  });

  it('replays a user whose name has a space and a text with a lone quote', async () => {
    const session = DebugSession.empty({ seed: 8 });
    await type(session, [
      '"two words" connect tw@localhost',
      'two words join garden/TW',
      'two words config garden instant',
      'two words say garden He said "hi',
    ]);

    const recording = session.recording();

    expect(recording).toContain('Two words sends:');
    expect(recording).toContain('<body>He said "hi</body>');
    await expectGreen(recording);
  });

  it('records only the executed steps, after time travel too', async () => {
    const session = DebugSession.empty({ seed: 8 });
    await type(session, ['romeo connect', 'romeo join garden/Romeo', 'romeo say garden Hello']);
    await session.back();

    const recording = session.recording();

    expect(recording).toContain('# typed: romeo join garden/Romeo');
    expect(recording).not.toContain('Hello');
    await expectGreen(recording);
  });

  it("uses a client's JID variable for bare JIDs and keeps other JIDs literal", async () => {
    const session = DebugSession.empty({ seed: 8 });
    await type(session, [
      'romeo connect',
      'juliet connect',
      'romeo join garden/Romeo',
      'romeo config garden membersonly=1',
      'romeo affiliate garden juliet member',
      'romeo affiliate garden nurse@localhost member',
    ]);

    const recording = session.recording();

    expect(recording).toContain(`<item affiliation="member" jid="\${Juliet's JID}"/>`);
    expect(recording).toContain('<item affiliation="member" jid="nurse@localhost"/>');
    await expectGreen(recording);
  });
});

describe('a recording kept step by step', () => {
  const tutorial = resolve(root, 'scenarios/tutorial/02-joining-and-roles.scs');

  it('is, after every step, the recording of the steps so far, which replays green', async () => {
    const script = parseScript(readFileSync(tutorial, 'utf8'), 'tutorial.scs');
    const session = DebugSession.fromScript(script, { seed: 1 });
    let checked = 0;
    for (let step = await session.forward(); step; step = await session.forward()) {
      const clients = session.clientDefinitions().map(({ line: _, ...client }) => client);
      expect(session.recording()).toBe(
        recordSession({
          ...recordingHead(script, clients),
          steps: session.steps.slice(0, session.cursor),
          trace: session.trace,
          epilogue: session.cursor === session.steps.length ? script.epilogue : [],
        }),
      );
      if (step.index % 4 !== 0) continue;
      checked += 1;
      await expectGreen(session.recording());
    }
    expect(checked).toBeGreaterThan(3);
    await expectGreen(session.recording());
  });
});

describe('a recording of what a server sent', () => {
  /** A server that answers every stanza with text scansion would read as variables and patterns. */
  function hostileServer(): ScriptTarget {
    const inboxes = new Map<string, (stanza: Element) => void>();
    return {
      live: false,
      async connect(client, deliver) {
        inboxes.set(client.name, deliver);
        return `${client.jid}/res`;
      },
      async send(client) {
        const parsed = parseXml(
          `<message from='evil@localhost/x' type='chat' id='\${Romeo&apos;s JID}'>` +
            `<body>\${Nobody's JID} {scansion:any}</body>` +
            `<x xmlns='urn:example'>\${Romeo's full JID}<y/></x></message>`,
        );
        if (parsed.ok) inboxes.get(client)?.(parsed.element);
      },
      async disconnect() {},
      async close() {},
    };
  }

  it('leaves out what scansion would substitute, so the recording replays green against it', async () => {
    const session = liveSession(undefined, {
      service: 'xmpp://127.0.0.1:1',
      target: hostileServer(),
    });
    await type(session, ['romeo connect', 'romeo pm room/Juliet hello']);

    const recording = session.recording();

    const script = parseScript(recording, 'recording.scs');
    expect(recording).not.toContain("Nobody's");
    expect(recording).toContain('id="{scansion:any}"');
    const result = await runScript(script, hostileServer(), { strictOrder: true });
    expect(failure(result)).toBe('passed');
  });
});
