// The debugger driven by keys with a fake engine: stepping both ways, panes, help, commands, errors — XEP-0045 scenarios (§7–§10)

import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { KEY, renderApp, settle } from './helpers/tui-render.js';
import { gardenSession } from './helpers/tui-session.js';

afterEach(() => cleanup());

/** The lines of one pane's column: the text between the borders that follows a title. */
function line(frame: string, text: string | RegExp): string {
  const found = (row: string) => (typeof text === 'string' ? row.includes(text) : text.test(row));
  return frame.split('\n').find(found) ?? '';
}

/** The selected row of the Stanzas pane (`>` then the cause/effect mark and the sequence), with the rows it wraps onto. */
function selectedStanza(frame: string): string {
  const rows = frame.split('\n');
  const at = rows.findIndex((row) => /[│║]>[◆• ]\s*\d+ /.test(row));
  if (at === -1) return '';
  const inner = (row: string) => /║(.*)║/.exec(row)?.[1] ?? '';
  let text = inner(rows[at] as string).trimEnd();
  for (const row of rows.slice(at + 1)) {
    const piece = inner(row);
    // A continuation row is indented past the marks and the sequence number.
    if (!/^ {9}\S/.test(piece)) break;
    text += ` ${piece.trim()}`;
  }
  return text;
}

describe('stepping', () => {
  it('n executes the next step: the counter, the ✔ mark and the ▶ next step move', async () => {
    const app = await renderApp(gardenSession());
    expect(app.frame()).toContain('step 0/7');
    expect(line(app.frame(), '1. Romeo connects')).toContain('▶');
    await app.press('n');
    expect(app.frame()).toContain('step 1/7');
    expect(line(app.frame(), '1. Romeo connects')).toContain('✔');
    expect(line(app.frame(), '2. Juliet connects')).toContain('▶');
    await app.press(' ');
    expect(line(app.frame(), '3. Romeo sends')).toContain('◀ next');
  });

  it('b travels back: the step is no longer executed and the room is as it was', async () => {
    const session = gardenSession();
    const app = await renderApp(session);
    await app.press('n', 'n', 'n', 'n', 'n');
    expect(app.frame()).toContain('Participants (1)');
    expect(line(app.frame(), 'Juliet  none')).toContain('- Juliet');
    await app.press('n');
    // Juliet was made a moderator: the Room pane moves her to the Moderators group.
    expect(app.frame()).toContain('Moderators (2)');
    expect(app.frame()).toContain('Participants (0)');
    await app.press('b');
    expect(session.cursor).toBe(5);
    expect(app.frame()).toContain('step 5/7');
    expect(app.frame()).toContain('Moderators (1)');
    expect(app.frame()).toContain('Participants (1)');
    expect(line(app.frame(), '6. Romeo sends')).toContain('▶');
    await app.press('b', 'b', 'b', 'b', 'b', 'b');
    expect(app.frame()).toContain('step 0/7');
    expect(app.frame()).toContain('at the start');
  });

  it('a failing receives shows the reason and the diff inline, and expected/closest in Detail', async () => {
    const app = await renderApp(gardenSession(), { size: { width: 100, height: 50 } });
    await app.press('+', '+', '+', '+'); // no pause between steps
    await app.press('r');
    for (let i = 0; i < 40 && !app.frame().includes('stopped at a failed step'); i += 1)
      await settle(20);
    expect(line(app.frame(), '7. Juliet receives')).toContain('✘');
    expect(app.frame()).toContain('✘ no matching stanza');
    expect(app.frame()).toContain('-   <body>welcome</body>');
    await app.press(KEY.shiftTab); // focus Script: Detail shows the step
    expect(app.frame()).toMatch(/step 7: Juliet receives \(line \d+\) — ✘ failed/);
    expect(app.frame()).toContain('Expected');
    expect(app.frame()).toContain('<message type="groupchat"');
    expect(app.frame()).toContain(`expected: <message type="groupc`);
    expect(app.frame()).toContain(`closest:  <message from="garden`);
    await app.press('J', 'J', 'J', 'J', 'J', 'J', 'J', 'J'); // scroll Detail from the Script pane
    expect(app.frame()).toContain('Closest received');
    expect(app.frame()).toContain('Diff');
  });

  it('r runs at a visible pace and any key stops it; R restarts', async () => {
    const session = gardenSession();
    const app = await renderApp(session);
    await app.press('-', '-'); // slower: 800 ms per step
    expect(app.frame()).toContain('800 ms per step');
    await app.press('r');
    expect(app.frame()).toContain('running');
    await app.press('z');
    await settle(50);
    expect(app.frame()).toContain('paused at step');
    expect(session.cursor).toBeGreaterThan(0);
    expect(session.cursor).toBeLessThan(7);
    await app.press('R');
    expect(session.cursor).toBe(0);
    expect(app.frame()).toContain('restarted');
  });

  it('x toggles a breakpoint on the selected step and r stops there', async () => {
    const session = gardenSession();
    const app = await renderApp(session);
    await app.press(KEY.shiftTab); // Script pane
    await app.press('j', 'j', 'j');
    await app.press('x');
    expect(app.frame()).toContain('breakpoint set on step 4');
    expect(line(app.frame(), '4. Romeo sends')).toContain('●');
    await app.press('+', '+', '+', '+', '+'); // no pause
    await app.press('r');
    await settle(60);
    expect(app.frame()).toContain('stopped at a breakpoint');
    expect(session.cursor).toBe(3);
  });
});

describe('stanzas', () => {
  it('selecting a stanza marks its cause and the other effects, and shows it in Detail', async () => {
    const app = await renderApp(gardenSession(), { size: { width: 100, height: 40 } });
    await app.press('n', 'n', 'n', 'n', 'n');
    await app.press('j'); // first delivery of Juliet's join
    const frame = app.frame();
    expect(line(frame, 'Juliet → presence to garden/Juliet')).toContain('◆');
    expect(selectedStanza(frame)).toContain('Juliet ← presence from garden/Romeo: owner/moderator');
    expect(line(frame, 'Romeo ← presence from garden/Juliet')).toContain('•');
    expect(frame).toContain('caused by #12');
    expect(frame).toContain('during step 5: Juliet sends');
    // The occupant list is built outside the enter feature, as Prosody's send_occupant_list.
    expect(frame).toContain('decided by: occupant-list');
    await app.press('J', 'J', 'J', 'J', 'J', 'J');
    // The stanza as delivered: the client's stream language comes with it (util/xmppstream.lua).
    expect(app.frame()).toContain('<presence xml:lang="en" from="garden@conference.localhost/');
    expect(app.frame()).toContain('Romeo" to="juliet@localhost/chamber">');
  });

  it('status codes appear in words with their section', async () => {
    const app = await renderApp(gardenSession(), { size: { width: 100, height: 60 } });
    await app.press('n', 'n', 'n', 'j');
    expect(selectedStanza(app.frame())).toContain(
      'Romeo ← presence from garden/Romeo: owner/moderator',
    );
    await app.press(KEY.tab, 'G');
    expect(app.frame()).toContain('Explained');
    expect(app.frame()).toContain('201 room created (§10.1.1): a new room was created');
    expect(app.frame()).toContain('110 self-presence (§7.2.2): this presence is about you');
  });

  it('/ searches the XML as you type, n and N step through the matches with a counter, f filters, esc ends', async () => {
    const app = await renderApp(gardenSession(), { size: { width: 100, height: 40 } });
    await app.press('n', 'n', 'n', 'n', 'n');
    await app.press('g', '/');
    // "muc#owner" is in one summary; "jabber:x:data" only in that stanza's XML.
    await app.type('jabber:x:data');
    expect(app.frame()).toMatch(/Stanzas search "jabber:x:data" +1\/1/);
    expect(selectedStanza(app.frame())).toContain('iq set to garden id=config1');
    await app.press(KEY.enter);
    await app.press('g', 'n');
    expect(selectedStanza(app.frame())).toContain('iq set to garden id=config1');
    await app.press(KEY.esc);
    await app.press('/');
    await app.type('presence');
    await app.press(KEY.enter);
    const [, at, total] = /search "presence" (\d+)\/(\d+)/.exec(app.frame()) ?? [];
    expect(Number(total)).toBeGreaterThan(3);
    await app.press('n');
    expect(app.frame()).toContain(`search "presence" ${Number(at) + 1}/${total}`);
    await app.press('N', 'N');
    expect(app.frame()).toContain(`search "presence" ${Number(at) - 1}/${total}`);
    await app.press('f');
    expect(app.frame()).toContain('Stanzas (filter: presence)');
    expect(app.frame()).not.toContain('iq set to garden id=config1');
    await app.press(KEY.esc, KEY.esc);
    expect(app.frame()).not.toContain('filter: presence');
    expect(app.frame()).not.toContain('search "presence"');
    expect(app.frame()).toContain('iq set to garden id=config1');
  });

  it('a search of the Transitions pane is named in its title, its counter on the right', async () => {
    const app = await renderApp(gardenSession(), { size: { width: 160, height: 48 } });
    await app.press('n', 'n', 'n', 'n', 'n', 'n');
    await app.press(KEY.tab, KEY.tab, KEY.tab, '/');
    await app.type('moderator');
    await app.press(KEY.enter);
    // The title is cut to the pane's width; the counter stays whole.
    expect(line(app.frame(), 'Transitions')).toMatch(
      /▸ Transitions \(m: chart\) search "mod.*2\/2║/,
    );
    expect(app.frame()).not.toContain('[object Object]');
  });

  it('G and g jump to the last and first stanza', async () => {
    const app = await renderApp(gardenSession());
    await app.press('n', 'n', 'n', 'n', 'n', 'n');
    await app.press('g');
    expect(selectedStanza(app.frame())).toContain('Romeo → presence to garden/Romeo');
    await app.press('G');
    expect(selectedStanza(app.frame())).toContain('iq result from garden id=mod1');
  });
});

describe('panes and layout', () => {
  it('tab cycles the focus: the focused pane has a double border and a ▸ marker', async () => {
    const app = await renderApp(gardenSession());
    expect(line(app.frame(), 'Stanzas')).toContain('▸ Stanzas');
    await app.press(KEY.tab);
    expect(line(app.frame(), 'Detail')).toContain('▸ Detail');
    expect(line(app.frame(), 'Stanzas')).not.toContain('▸');
    await app.press(KEY.shiftTab, KEY.shiftTab);
    expect(app.frame()).toContain('▸ The garden');
  });

  it('m toggles the machine charts with the current states marked', async () => {
    const app = await renderApp(gardenSession(), { size: { width: 100, height: 50 } });
    await app.press('n', 'n', 'n', 'n', 'n');
    await app.press('m');
    const frame = app.frame();
    expect(frame).toContain('Room machine: locked → open → destroyed');
    expect(frame).toContain('▶ [open]');
    expect(frame).toContain('Occupant machine: joining → present{visitor | participant |');
    // The Room pane's selection picks the occupant whose state is marked.
    await app.press(KEY.tab, KEY.tab); // detail → room
    await app.press('j', 'j');
    expect(app.frame()).toContain('▶   [participant]');
  });

  it('shows a clear message below the minimum size', async () => {
    const app = await renderApp(gardenSession(), { size: { width: 70, height: 20 } });
    expect(app.frame()).toContain('Terminal too small: need 80×24, have 70×20');
  });

  it('fits the minimum size of 80×24', async () => {
    const app = await renderApp(gardenSession(), { size: { width: 80, height: 24 } });
    const rows = app.frame().split('\n');
    expect(rows.length).toBeLessThanOrEqual(24);
    expect(Math.max(...rows.map((row) => [...row].length))).toBeLessThanOrEqual(80);
    expect(app.frame()).toContain('Transitions');
  });
});

describe('help', () => {
  it('? shows the keys of the table and the legend of the marks, esc closes it', async () => {
    const app = await renderApp(gardenSession(), { size: { width: 160, height: 48 } });
    await app.press('?');
    const frame = app.frame();
    expect(frame).toContain('Help: keys');
    expect(frame).toContain('execute the next step');
    expect(frame).toContain('Marks beside the stanzas');
    expect(frame).toContain('↷  skipped: a receives step passed over it');
    await app.press(KEY.esc);
    expect(app.frame()).not.toContain('Help: keys');
  });

  it('q quits', async () => {
    const app = await renderApp(gardenSession());
    await app.press('q');
    expect(app.exited()).toBe(true);
  });
});

describe('command line', () => {
  it(':save writes the recording and keeps rewriting it after every step', async () => {
    const app = await renderApp(gardenSession());
    await app.press('n');
    await app.press(':');
    expect(app.frame()).toContain(':█');
    await app.type('save out.scs');
    await app.press(KEY.enter);
    expect(app.frame()).toContain('saved to out.scs');
    expect(app.files.get('out.scs')).toContain('Romeo connects');
    await app.press('n');
    expect(app.files.get('out.scs')).toContain('Juliet connects');
  });

  it('--record rewrites the file after every step from the start', async () => {
    const app = await renderApp(gardenSession(), { recordPath: 'rec.scs' });
    await app.press('n', 'n');
    expect(app.files.get('rec.scs')).toContain('Juliet connects');
  });

  it('a write error is a message, not a crash', async () => {
    const app = await renderApp(gardenSession());
    await app.press(':');
    await app.type('save /forbidden/x.scs');
    await app.press(KEY.enter);
    expect(app.frame()).toContain('✘ could not write /forbidden/x.scs: EACCES');
  });

  it('single-letter shortcuts are off while typing: q is text, not quit', async () => {
    const session = gardenSession();
    const app = await renderApp(session);
    await app.press(':');
    await app.type('romeo say q n');
    expect(app.exited()).toBe(false);
    expect(session.cursor).toBe(0);
    await app.press(KEY.enter);
    expect(session.steps.at(-1)?.command).toBeUndefined();
    expect(app.frame()).toContain('✘ Romeo is not connected');
  });

  it('tab completes every command of the table first on the : line, and never in a search', async () => {
    const app = await renderApp(gardenSession());
    await app.press(':');
    await app.type('se');
    await app.press(KEY.tab);
    expect(app.frame()).toContain(':serve');
    await app.press(KEY.esc, ':');
    await app.type('h');
    await app.press(KEY.tab);
    expect(app.frame()).toContain(':help');
    await app.press(KEY.esc, '/');
    await app.type('sa');
    await app.press(KEY.tab);
    expect(app.frame()).toContain('/sa');
    expect(app.frame()).not.toContain('/save');
  });

  it('other lines go to the engine; its errors are shown, never thrown', async () => {
    const session = gardenSession();
    const app = await renderApp(session);
    await app.press('n', 'n');
    await app.press(':');
    await app.type('nonsense here');
    await app.press(KEY.enter);
    expect(app.frame()).toContain("✘ column 10: unknown verb 'here'");
    await app.press(':');
    await app.type('romeo say garden@conference.localhost hello');
    await app.press(KEY.enter);
    expect(app.frame()).toContain('✔ step 3: Romeo sent, 1 stanza delivered');
    expect(app.frame()).toContain('[typed]');
  });

  it(':break stanza and :break transition set breakpoints in the engine', async () => {
    const session = gardenSession();
    const app = await renderApp(session);
    await app.press(':');
    await app.type('break stanza 307');
    await app.press(KEY.enter);
    await app.press(':');
    await app.type('break transition moderator');
    await app.press(KEY.enter);
    expect(session.breakpoints).toEqual([
      { kind: 'stanza', filter: '307' },
      { kind: 'transition', filter: 'moderator' },
    ]);
    expect(app.frame()).toContain('transition breakpoint "moderator" set');
  });

  it(':q quits', async () => {
    const app = await renderApp(gardenSession());
    await app.press(':');
    await app.type('q');
    await app.press(KEY.enter);
    expect(app.exited()).toBe(true);
  });
});

describe('raw XML editor', () => {
  it('validates as you type, completes names with tab, and sends with ctrl-s', async () => {
    const session = gardenSession();
    const app = await renderApp(session);
    await app.press('n', 'n', 'n');
    await app.press(':');
    await app.type('xml juliet');
    await app.press(KEY.enter);
    expect(app.frame()).toContain('Raw XML as Juliet');
    await app.type("<message type='groupchat' to='gar");
    await settle(250); // validated once typing pauses
    expect(app.frame()).toContain('✘ 1:');
    await app.press(KEY.tab);
    expect(app.frame()).toContain("to='garden@conference.localhost");
    await app.type("'>");
    await app.press(KEY.enter);
    await app.type('<body>hi</body></message>');
    await settle(250);
    expect(app.frame()).toContain('✔ well-formed <message> to garden@conference.localhost');
    await app.press(KEY.ctrlS);
    expect(app.frame()).not.toContain('Raw XML as Juliet');
    expect(app.frame()).toMatch(/✔ step 4: Juliet sent, \d+ stanzas? delivered/);
    expect(app.frame()).toMatch(/4\. Juliet sends \[typed\]/);
  });

  it('esc cancels; an unknown client is a message', async () => {
    const app = await renderApp(gardenSession());
    await app.press(':');
    await app.type('xml mercutio');
    await app.press(KEY.enter);
    expect(app.frame()).toContain('✘ usage: :xml <client>, one of Romeo, Juliet');
    await app.press(':');
    await app.type('xml romeo');
    await app.press(KEY.enter);
    await app.press(KEY.esc);
    expect(app.frame()).not.toContain('Raw XML as');
    expect(app.frame()).toContain('raw XML cancelled');
  });
});

describe('errors', () => {
  it('a bug while drawing shows an error panel and the session goes on (:save works)', async () => {
    const session = gardenSession();
    const app = await renderApp(session);
    await app.press('n');
    const rooms = session.rooms.bind(session);
    session.rooms = () => {
      throw new Error('engine bug in rooms()');
    };
    await app.press('n');
    expect(app.frame()).toContain('Error while drawing');
    expect(app.frame()).toContain('engine bug in rooms()');
    await app.press(':');
    await app.type('save after-crash.scs');
    await app.press(KEY.enter);
    expect(app.files.get('after-crash.scs')).toContain('Juliet connects');
    session.rooms = rooms;
    await app.press('n');
    expect(app.frame()).not.toContain('Error while drawing');
    expect(app.frame()).toContain('step 3/7');
  });

  it('an engine error while stepping shows the error panel; esc closes it', async () => {
    const session = gardenSession();
    session.forward = () => Promise.reject(new Error('world exploded'));
    const app = await renderApp(session);
    await app.press('n');
    expect(app.frame()).toContain('Engine error');
    expect(app.frame()).toContain('world exploded');
    await app.press(KEY.esc);
    expect(app.frame()).not.toContain('Engine error');
  });
});
