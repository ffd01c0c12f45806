// The side-by-side model, its pane and the `d` key: the simulator's and the server's streams aligned — comparing two XEP-0045 services in the debugger
import { render } from 'ink-testing-library';
import { type Element, parse } from 'ltx';
import { describe, expect, it } from 'vitest';
import { DebugSession } from '../src/debugger/debug-session.js';
import { parseScript } from '../src/scansion/parser.js';
import { App } from '../src/tui/App.js';
import {
  type CompareSource,
  compareSessions,
  simulatorMirror,
} from '../src/tui/compare-streams.js';
import { SideBySidePane } from '../src/tui/components/SideBySidePane.js';
import { sideBySide } from '../src/tui/side-by-side.js';
import { settle } from './helpers/tui-render.js';
import { GARDEN_SCRIPT as FAKE_SCRIPT, gardenSession } from './helpers/tui-session.js';

const ROOM = 'room@conference.localhost';
const parseXml = (xml: string) => parse(xml) as Element;
const presence = (nick: string, role = 'participant') =>
  parseXml(
    `<presence xmlns='jabber:client' from='${ROOM}/${nick}' to='romeo@localhost/r1'><x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='none' role='${role}'/></x></presence>`,
  );
const message = (body: string) =>
  parseXml(
    `<message xmlns='jabber:client' type='groupchat' from='${ROOM}/Juliet' to='romeo@localhost/r1' id='x${body}'><body>${body}</body></message>`,
  );
const labels = (resource: string) => ({
  simulator: new Map([['romeo@localhost/r1', "{Romeo's full JID}"]]),
  server: new Map([[`romeo@localhost/${resource}`, "{Romeo's full JID}"]]),
});

describe('sideBySide', () => {
  it('same streams: every row is the same on both sides', () => {
    const stream = [presence('Romeo'), presence('Juliet'), message('hi')];
    const [romeo] = sideBySide(
      [{ name: 'Romeo', simulator: stream, server: stream }],
      labels('r1'),
    );
    expect(romeo?.rows).toHaveLength(3);
    expect(romeo?.rows.every((row) => row.mark === 'same' && row.left === row.right)).toBe(true);
    // Generated ids are placeholders.
    expect(romeo?.rows[2]?.left).toMatch(/id=["']\{id\}["']/);
  });

  it('an extra server stanza is server-only', () => {
    const [romeo] = sideBySide(
      [
        {
          name: 'Romeo',
          simulator: [presence('Romeo'), message('hi')],
          server: [presence('Romeo'), message('hi'), message('extra')],
        },
      ],
      labels('r1'),
    );
    expect(romeo?.rows.map((row) => row.mark)).toEqual(['same', 'same', 'server-only']);
    expect(romeo?.rows[2]?.left).toBeUndefined();
    expect(romeo?.rows[2]?.right).toContain('extra');
  });

  it('a changed attribute is one paired change, left and right on one row', () => {
    const [romeo] = sideBySide(
      [
        {
          name: 'Romeo',
          simulator: [presence('Romeo'), presence('Juliet', 'participant')],
          server: [presence('Romeo'), presence('Juliet', 'visitor')],
        },
      ],
      labels('r1'),
    );
    expect(romeo?.rows.map((row) => row.mark)).toEqual(['same', 'changed']);
    expect(romeo?.rows[1]?.left).toContain('participant');
    expect(romeo?.rows[1]?.right).toContain('visitor');
  });

  it('a stanza at another place is moved; bound addresses are labelled', () => {
    const [romeo] = sideBySide(
      [
        {
          name: 'Romeo',
          simulator: [message('a'), message('b')],
          server: [message('b'), message('a')],
        },
      ],
      labels('r1'),
    );
    expect(romeo?.rows.some((row) => row.mark === 'moved')).toBe(true);
    expect(romeo?.rows[0]?.left).toContain("{Romeo's full JID}");
  });
});

describe('compare-streams', () => {
  it('the simulator mirror follows another session to its cursor; other resources still agree', async () => {
    const script = parseScript(FAKE_SCRIPT, 'fake.scs');
    const other = DebugSession.fromScript(script, { seed: 7 });
    for (let step = 0; step < 4; step += 1) await other.forward();
    const columns = await simulatorMirror(script, { seed: 1 }).columns(other);
    expect(columns.map((client) => client.name)).toEqual(['Romeo', 'Juliet']);
    expect(columns[0]?.rows.length).toBeGreaterThan(0);
    expect(columns.flatMap((client) => client.rows).every((row) => row.mark === 'same')).toBe(true);
    await other.back();
    const back = await simulatorMirror(script, { seed: 1 }).columns(other);
    expect(compareSessions(other, other)).toEqual(back);
  });
});

describe('SideBySidePane', () => {
  it('shows both columns, the legend in words and a symbol per row', () => {
    const columns = sideBySide(
      [
        {
          name: 'Romeo',
          simulator: [presence('Romeo'), presence('Juliet', 'participant')],
          server: [presence('Romeo'), presence('Juliet', 'visitor'), message('extra')],
        },
      ],
      labels('r1'),
    );
    const { lastFrame } = render(
      <SideBySidePane columns={columns} selected={0} focused width={120} height={12} />,
    );
    const frame = lastFrame() ?? '';
    expect(frame).toContain('Side by side');
    expect(frame).toContain('simulator only');
    expect(frame).toContain('server only');
    expect(frame).toContain('moved');
    expect(frame).toContain('simulator');
    expect(frame).toContain('server');
    expect(frame).toContain('Romeo: simulator 2, server 3 (2 differ)');
    expect(frame).toMatch(/= <presence/);
    expect(frame).toMatch(/! <presence/);
    expect(frame).toMatch(/> +│ <message/);
  });
});

async function renderWith(compare?: CompareSource) {
  const instance = render(
    <App
      session={gardenSession()}
      colour={false}
      persist={() => {}}
      size={{ width: 120, height: 80 }}
      {...(compare && { compare })}
    />,
  );
  await settle(30);
  const press = async (key: string) => {
    instance.stdin.write(key);
    await settle(50);
  };
  return { frame: () => instance.lastFrame() ?? '', press, unmount: instance.unmount };
}

describe('the d key', () => {
  it('? help lists d', async () => {
    const app = await renderWith();
    await app.press('?');
    expect(app.frame()).toMatch(/d +compare with the simulator, side by side/);
    app.unmount();
  });

  it('without --server, d says side by side needs it', async () => {
    const app = await renderWith();
    await app.press('d');
    expect(app.frame()).toContain('side by side needs --server');
    app.unmount();
  });

  it('with --server, d shows the pane in place of the Stanzas pane and d again hides it', async () => {
    const compare: CompareSource = {
      columns: async () =>
        sideBySide(
          [{ name: 'Romeo', simulator: [presence('Romeo')], server: [presence('Romeo')] }],
          labels('r1'),
        ),
    };
    const app = await renderWith(compare);
    await app.press('d');
    expect(app.frame()).toContain('Side by side');
    expect(app.frame()).toContain('Romeo: simulator 1, server 1 (same)');
    await app.press('d');
    expect(app.frame()).not.toContain('Side by side');
    expect(app.frame()).toContain('Stanzas');
    app.unmount();
  });
});
