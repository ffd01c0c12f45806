// The growing recording writes, after every step, exactly what the recorder writes of the whole session: typed steps added behind a script's, time travel, captures and an epilogue — XEP-0045 sessions as replayable .scs
import { describe, expect, it } from 'vitest';
import { DebugSession } from '../../../src/debugger/debug-session.js';
import { recordSession } from '../../../src/debugger/growing-recording.js';
import { parseScript } from '../../../src/scansion/parser.js';

const SCRIPT = `# The garden, narrated
[Client] Romeo
	jid: romeo@localhost/balcony

-----

# Romeo arrives.
Romeo connects

# He creates the garden.
Romeo sends:
	<presence to='garden@conference.localhost/Romeo'><x xmlns='http://jabber.org/protocol/muc'/></presence>

# The room tells him it is new.
Romeo receives:
	<presence from='garden@conference.localhost/Romeo'/>

# That was all.
`;

/** What the recorder writes of the session from scratch. */
function wholeRecording(session: DebugSession): string {
  const { script } = session;
  return recordSession({
    title: script.title ?? 'mucsim session',
    tags: script.tags,
    clients: session.clientDefinitions().map(({ line: _, ...client }) => client),
    steps: session.steps.slice(0, session.cursor),
    trace: session.trace,
    epilogue: session.cursor === session.steps.length ? script.epilogue : [],
  });
}

describe('GrowingRecording', () => {
  it('is, after every step, what recording the whole session writes', async () => {
    const session = DebugSession.fromScript(parseScript(SCRIPT, 'garden.scs'));
    const checks: string[] = [];
    const check = () => {
      checks.push(session.recording());
      expect(session.recording()).toBe(wholeRecording(session));
    };
    await session.forward();
    check();
    for (const line of ['juliet connect', 'juliet join garden/Juliet']) {
      await session.command(line);
      check();
    }
    await session.forward();
    await session.forward();
    check();
    expect(checks.at(-1)).toContain('# That was all.');
    for (const line of ['juliet say garden Hello', 'romeo say garden Hi', 'juliet leave garden']) {
      await session.command(line);
      check();
    }
    await session.back();
    check();
    await session.restart();
    check();
    await session.forward();
    await session.command('juliet connect');
    check();
    await session.command('juliet pm garden/Romeo Are you there?');
    check();
  });

  it("puts a receives' narration before the stanza it matched, however far back", async () => {
    const room = 'garden@conference.localhost';
    const say = (id: string, text: string) =>
      `\t<message to='${room}' type='groupchat' id='${id}'><body>${text}</body></message>`;
    const heard = (nick: string, id: string) =>
      `\t<message from='${room}/${nick}' type='groupchat' id='${id}'/>`;
    const script = [
      '[Client] Romeo\n\tjid: romeo@localhost/balcony\n',
      '[Client] Juliet\n\tjid: juliet@localhost/window\n',
      '-----\n',
      'Romeo connects\n',
      "Romeo sends:\n\t<presence to='garden@conference.localhost/Romeo'><x xmlns='http://jabber.org/protocol/muc'/></presence>\n",
      `Romeo sends:\n\t<iq type='set' to='${room}' id='c1'><query xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='jabber:x:data' type='submit'/></query></iq>\n`,
      'Juliet connects\n',
      "Juliet sends:\n\t<presence to='garden@conference.localhost/Juliet'><x xmlns='http://jabber.org/protocol/muc'/></presence>\n",
      `Romeo sends:\n${say('r1', 'Hello')}\n`,
      `Juliet sends:\n${say('j1', 'Hi')}\n`,
      `# Romeo hears himself first.\nRomeo receives:\n${heard('Romeo', 'r1')}\n`,
      `# Then Juliet.\nRomeo receives:\n${heard('Juliet', 'j1')}\n`,
      '# The end.\n',
    ].join('\n');
    const session = DebugSession.fromScript(parseScript(script, 'far.scs'));
    for (let step = await session.forward(); step; step = await session.forward()) {
      expect(step.result?.status, step.result?.reason).toBe('passed');
      expect(session.recording()).toBe(wholeRecording(session));
    }
    const text = session.recording();
    expect(text.indexOf('# Romeo hears himself first.')).toBeLessThan(
      text.indexOf('Juliet sends:\n\t<message'),
    );
    expect(text).toMatch(/# Then Juliet\.\nRomeo receives:\n\t<message type="groupchat" id="j1"/);
    expect(text.endsWith('# The end.\n')).toBe(true);
  });

  it('records only what the new steps add while the earlier ones stay', async () => {
    const session = DebugSession.empty();
    await session.command('nurse connect');
    await session.command('nurse join garden/Nurse');
    expect(session.recording()).toContain('# typed: nurse connect\n');
    // Recorded already: a change to the first step shows only when everything is recorded again.
    (session.steps[0] as { command?: string }).command = 'nurse connect (edited)';
    await session.command('nurse config garden instant');
    expect(session.recording()).toContain('# typed: nurse connect\n');
    expect(session.recording()).toContain('# typed: nurse config garden instant\n');
    await session.command('juliet connect');
    // A new client's definition changes the head: the whole session is recorded again.
    expect(session.recording()).toContain('# typed: nurse connect (edited)\n');
  });
});
