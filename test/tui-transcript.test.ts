// The plain transcript printed without a terminal: steps, narration, stanzas, pass/fail — a XEP-0045 scenario narrated (§7–§10)
import { describe, expect, it } from 'vitest';
import { DebugSession } from '../src/debugger/debug-session.js';
import { parseScript } from '../src/scansion/parser.js';
import { printTranscript } from '../src/tui/transcript.js';
import { GARDEN_SCRIPT, gardenSession } from './helpers/tui-session.js';

describe('printTranscript', () => {
  it('prints each step with narration and delivered stanzas, and stops at the failure', async () => {
    let text = '';
    const recorded: number[] = [];
    const passed = await printTranscript(gardenSession(), {
      write: (chunk) => {
        text += chunk;
      },
      afterStep: (step) => recorded.push(step.index),
    });
    expect(passed).toBe(false);
    expect(text).toContain('1/7 Romeo connects — ✔ passed');
    expect(text).toContain('   # Romeo creates the room: it is locked until he configures it.');
    expect(text).toContain(
      '   7 Romeo ← presence from garden/Romeo: owner/moderator, 201 room created (§10.1.1), 110 self-presence (§7.2.2)',
    );
    expect(text).toContain('7/7 Juliet receives — ✘ failed');
    expect(text).toContain('   reason: no matching stanza');
    expect(text).toContain('   -   <body>welcome</body>');
    expect(text).toContain('step 7 failed; 0 step(s) not run');
    expect(recorded).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('says so when every step passed', async () => {
    let text = '';
    const script = parseScript(GARDEN_SCRIPT.replace(/Juliet receives:[\s\S]*$/, ''), 'g.scs');
    const passed = await printTranscript(DebugSession.fromScript(script), {
      write: (chunk) => {
        text += chunk;
      },
    });
    expect(passed).toBe(true);
    expect(text).toContain('all 6 steps passed');
  });

  it("prints a lesson's title and abstract first and its summary last", async () => {
    let text = '';
    const lesson = `# Lesson 9: a garden
# Romeo makes a room (XEP-0045 §10.1)

[Client] Romeo
	jid: romeo@localhost/balcony

-----

Romeo connects

# Summary: that was all.
# Next lesson: nothing.
`;
    const passed = await printTranscript(DebugSession.fromScript(parseScript(lesson, 'l.scs')), {
      write: (chunk) => {
        text += chunk;
      },
    });
    expect(passed).toBe(true);
    expect(text.split('\n').slice(0, 2)).toEqual([
      'Lesson 9: a garden',
      'Romeo makes a room (XEP-0045 §10.1)',
    ]);
    expect(text.trimEnd().split('\n').slice(-3)).toEqual([
      'all 1 steps passed',
      '# Summary: that was all.',
      '# Next lesson: nothing.',
    ]);
  });
});
