// The plain transcript printed without a terminal: steps, narration, stanzas, pass/fail — a XEP-0045 scenario narrated (§7–§10)
import { describe, expect, it } from 'vitest';
import { gardenSession } from './helpers/tui-session.js';
import { printTranscript } from '../src/tui/transcript.js';

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
      '   4 Romeo ← presence from garden/Romeo: owner/moderator, 201 room created (§10.1.1), 110 self-presence (§7.2.2)',
    );
    expect(text).toContain('7/7 Juliet receives — ✘ failed');
    expect(text).toContain('   reason: no matching stanza');
    expect(text).toContain("   - <message type='groupchat'>");
    expect(text).toContain('step 7 failed; 0 step(s) not run');
    expect(recorded).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('says so when every step passed', async () => {
    let text = '';
    const passed = await printTranscript(new FakeSession(undefined, FAKE_EFFECTS.slice(0, 6)), {
      write: (chunk) => {
        text += chunk;
      },
    });
    // The 7th step has no canned failure any more.
    expect(passed).toBe(true);
    expect(text).toContain('all 7 steps passed');
  });
});
