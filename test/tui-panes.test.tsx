// Each pane rendered on its own from the fake engine's data — the debugger's views of XEP-0045 rooms, stanzas and machines (§5, §7, §10)
import { cleanup, render } from 'ink-testing-library';
import type { ReactElement } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DetailPane } from '../src/tui/components/DetailPane.js';
import { Header } from '../src/tui/components/Header.js';
import { RoomPane } from '../src/tui/components/RoomPane.js';
import { ScriptPane } from '../src/tui/components/ScriptPane.js';
import { StanzasPane } from '../src/tui/components/StanzasPane.js';
import { TooSmall } from '../src/tui/components/TooSmall.js';
import { TransitionsPane } from '../src/tui/components/TransitionsPane.js';
import { detailSections } from '../src/tui/detail-view.js';
import { initialUi } from '../src/tui/ui-state.js';
import { stanzaRows } from '../src/tui/view-model.js';
import { settle } from './helpers/tui-render.js';
import { gardenSession } from './helpers/tui-session.js';

afterEach(() => cleanup());

async function draw(element: ReactElement): Promise<string> {
  const instance = render(element);
  await settle(5);
  return instance.lastFrame() ?? '';
}

const session = gardenSession();
beforeAll(async () => {
  for (let i = 0; i < 6; i += 1) await session.forward();
});

describe('Script pane', () => {
  it('shows narration as prose, ✔ marks, the next step and typed steps', async () => {
    await session.command('romeo say garden@conference.localhost hi');
    await session.back();
    const frame = await draw(
      <ScriptPane
        steps={session.steps}
        cursor={session.cursor}
        selected={2}
        breakpoints={new Set([3])}
        title="Script: fake-tutorial.scs"
        focused
        width={60}
        height={30}
      />,
    );
    expect(frame).toContain('▸ Script: fake-tutorial.scs');
    expect(frame).toContain('    Romeo creates the room: it is locked until he');
    expect(frame).toContain('    configures it.');
    expect(frame).toMatch(/>✔ 3\. Romeo sends/);
    expect(frame).toMatch(/✔●4\. Romeo sends/);
    expect(frame).toMatch(/▶ 7\. Romeo sends \[typed\] ◀ next/);
    expect(frame).toContain('8. Juliet receives');
  });
});

describe('Stanzas pane', () => {
  it('draws only the visible rows of a long log, around the selection', async () => {
    const rows = stanzaRows(session, '');
    const frame = await draw(
      <StanzasPane
        rows={rows}
        selected={rows.length - 1}
        related={{ cause: undefined, effects: new Set() }}
        filter=""
        total={rows.length}
        focused={false}
        width={90}
        height={6}
      />,
    );
    const drawn = frame.split('\n').filter((row) => /\d+ . \w+ [←→]/.test(row));
    expect(drawn).toHaveLength(3);
    expect(frame).toContain(`${rows.length}/${rows.length}`);
    expect(frame).toContain('Romeo ← iq result from garden');
  });

  it('shows the filter in its header', async () => {
    const rows = stanzaRows(session, 'juliet');
    const frame = await draw(
      <StanzasPane
        rows={rows}
        selected={0}
        related={{ cause: undefined, effects: new Set() }}
        filter="juliet"
        total={rows.length}
        focused
        width={90}
        height={12}
      />,
    );
    expect(frame).toContain('Stanzas (filter: juliet)');
    expect(frame).not.toContain('iq set to garden id=config1');
  });
});

describe('Detail pane', () => {
  it('pretty-prints the selected stanza', async () => {
    const rows = stanzaRows(session, '');
    const ui = { ...initialUi(), selection: { ...initialUi().selection, stanzas: 1 } };
    const frame = await draw(
      <DetailPane
        sections={detailSections(session, ui, rows)}
        scroll={0}
        focused={false}
        width={120}
        height={20}
      />,
    );
    expect(frame).toContain(
      '<presence xml:lang="en" from="garden@conference.localhost/Romeo" to="romeo@localhost/balcony"',
    );
    expect(frame).toContain('<item affiliation="owner"');
    expect(frame).toContain('<status code="201"/>');
  });
});

describe('Room pane', () => {
  it('groups occupants by role, with affiliation glyph and word, and lists absent affiliations', async () => {
    const frame = await draw(
      <RoomPane rooms={session.rooms()} selected={0} focused={false} width={70} height={20} />,
    );
    expect(frame).toContain('garden@conference.localhost  [open]');
    expect(frame).toContain('semi-anonymous, temporary');
    const rows = frame.split('\n');
    const at = (text: string) => rows.findIndex((row) => row.includes(text));
    expect(at('Moderators (2)')).toBeLessThan(at('~ Romeo  owner  romeo@localhost/balcony'));
    expect(at('- Juliet  none  juliet@localhost/chamber')).toBeLessThan(at('Participants (0)'));
    expect(frame).toContain('Visitors (0)');
    expect(frame).toContain('~ owner   romeo@localhost  present');
  });
});

describe('Transitions pane', () => {
  it('lists the transitions in order', async () => {
    const frame = await draw(
      <TransitionsPane
        transitions={session.transitions()}
        chart={false}
        selected={3}
        focused={false}
        width={90}
        height={10}
      />,
    );
    expect(frame).toContain('garden@conference.localhost: absent → locked');
    expect(frame).toContain('Juliet: participant → moderator, by Romeo');
  });

  it('draws the machines from their definitions with the current states marked', async () => {
    const frame = await draw(
      <TransitionsPane
        transitions={[]}
        chart
        room={{ jid: 'garden@conference.localhost', lifecycle: 'locked' }}
        occupant={{ nick: 'Juliet', state: 'visitor' }}
        selected={0}
        focused
        width={90}
        height={30}
      />,
    );
    expect(frame).toContain('Room machine: locked → open → destroyed');
    expect(frame).toContain('▶ [locked]');
    expect(frame).toContain('room.configured → open');
    expect(frame).toContain('▶   [visitor]');
    expect(frame).toContain('gone (final)');
  });
});

describe('Header and size', () => {
  it('shows the room, flags, step counter, script and state', async () => {
    const frame = await draw(
      <Header
        room={{
          jid: 'garden@conference.localhost',
          lifecycle: 'open',
          flags: ['members-only', 'moderated'],
        }}
        step={12}
        steps={40}
        script="members.scs"
        state="paused"
        width={100}
      />,
    );
    expect(frame).toContain('garden@conference.localhost [open] members-only, moder');
    expect(frame).toContain('step 12/40');
    expect(frame).toContain('members.scs');
    expect(frame).toContain('paused');
  });

  it('names the simulator extras that are on, next to the name', async () => {
    const frame = await draw(
      <Header
        step={0}
        steps={1}
        script="a.scs"
        state="paused"
        width={100}
        extras={['max-users']}
      />,
    );
    expect(frame).toContain('mucsim +max-users │ a.scs │ no room');
    const plain = await draw(
      <Header step={0} steps={1} script="a.scs" state="paused" width={100} />,
    );
    expect(plain).toContain('mucsim │ a.scs │ no room');
  });

  it('says plainly when the terminal is too small', async () => {
    const frame = await draw(<TooSmall width={60} height={20} />);
    expect(frame).toContain('Terminal too small: need 80×24, have 60×20');
  });
});
