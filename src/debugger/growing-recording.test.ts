// The growing recording writes, after every step, exactly what the recorder writes of the whole session: typed steps added behind a script's, time travel, captures and an epilogue — XEP-0045 sessions as replayable .scs
import { describe, expect, it } from 'vitest';
import { parseScript } from '../scansion/parser.js';
import { DebugSession } from './debug-session.js';
import { WrittenTexts } from './growing-recording.js';
import { recordSession } from './recorder.js';

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

describe('WrittenTexts', () => {
  it('says what to append while a file’s text only grows, and when to write it whole', () => {
    const written = new WrittenTexts();
    expect(written.addition('a.scs', 'head\n')).toBeUndefined();
    written.wrote('a.scs', 'head\n');
    expect(written.addition('a.scs', 'head\nstep\n')).toBe('step\n');
    expect(written.addition('a.scs', 'head\n')).toBe('');
    expect(written.addition('a.scs', 'HEAD\nstep\n')).toBeUndefined();
    expect(written.addition('b.scs', 'head\n')).toBeUndefined();
  });
});
