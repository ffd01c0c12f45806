// Tests comparing two runs of one script (two simulators, a lossy one) and the text/JSON report — where XEP-0045 services disagree
import type { Element } from 'ltx';
import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../../src/diff/compare.js';
import { formatJson, formatText } from '../../../src/diff/format.js';
import { recordRun } from '../../../src/diff/record.js';
import { parseScript } from '../../../src/scansion/parser.js';
import type { ClientDefinition } from '../../../src/scansion/script.js';
import type { ScriptTarget } from '../../../src/scansion/target.js';
import { SimTarget } from '../../../src/sim/sim-target.js';

const SCRIPT = `# Two worlds
[Client] Romeo
\tjid: romeo@localhost

[Client] Juliet
\tjid: juliet@localhost

-----

Romeo connects

Romeo sends:
\t<presence to='room@conference.localhost/Romeo'><x xmlns='http://jabber.org/protocol/muc'/></presence>

Romeo receives:
\t<presence from='room@conference.localhost/Romeo'/>

Romeo sends:
\t<iq type='set' id='create' to='room@conference.localhost'>
\t\t<query xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='jabber:x:data' type='submit'/></query>
\t</iq>

Juliet connects

Juliet sends:
\t<presence to='room@conference.localhost/Juliet'><x xmlns='http://jabber.org/protocol/muc'/></presence>

Juliet receives:
\t<presence from='room@conference.localhost/Juliet'/>

Juliet sends:
\t<message type='groupchat' to='room@conference.localhost'><body>Hi</body></message>

Romeo receives:
\t<message type='groupchat' from='room@conference.localhost/Juliet'><body>Hi</body></message>

Juliet disconnects
`;

/** Forwards to a simulator but hides from Romeo every message whose body is `Hi`. */
class LossyTarget implements ScriptTarget {
  readonly live = false;
  private readonly sim = new SimTarget({ seed: 7 });

  connect(client: ClientDefinition, deliver: (stanza: Element) => void): Promise<string> {
    return this.sim.connect(client, (stanza) => {
      if (client.name === 'Romeo' && stanza.getChildText('body') === 'Hi') return;
      deliver(stanza);
    });
  }
  send(client: string, stanza: Element) {
    return this.sim.send(client, stanza);
  }
  disconnect(client: string) {
    return this.sim.disconnect(client);
  }
  close() {
    return this.sim.close();
  }
}

const header = (file: string) => ({ script: file, server: 'xmpp://test:1', steps: [] });

describe('compareRuns', () => {
  it('finds no difference between two simulators with different seeds (generated resources and ids)', async () => {
    const script = parseScript(SCRIPT, 'two.scs');
    const left = await recordRun(script, new SimTarget({ seed: 1 }));
    const right = await recordRun(script, new SimTarget({ seed: 99 }));
    expect(left.clients[0]?.jids).not.toEqual(right.clients[0]?.jids);
    const comparison = compareRuns(left, right, new Set([...left.sentIds, ...right.sentIds]));
    expect(comparison.agree, formatText(header('two.scs'), comparison)).toBe(true);
    expect(formatText(header('two.scs'), comparison)).toContain('no difference');
  });

  it('does not record what a client gets while it disconnects, nor after the script', async () => {
    const script = parseScript(SCRIPT, 'two.scs');
    const run = await recordRun(script, new SimTarget());
    const juliet = run.clients.find((client) => client.name === 'Juliet');
    expect(juliet?.received.some((entry) => entry.stanza.attrs.type === 'unavailable')).toBe(false);
  });

  it('lists what one side did not receive and the steps that ended differently', async () => {
    const script = parseScript(SCRIPT, 'two.scs');
    const left = await recordRun(script, new SimTarget());
    const right = await recordRun(script, new LossyTarget());
    const comparison = compareRuns(left, right, left.sentIds);
    expect(comparison.agree).toBe(false);
    const romeo = comparison.clients.find((client) => client.name === 'Romeo');
    expect(romeo?.differences).toHaveLength(1);
    expect(romeo?.differences[0]).toMatchObject({ kind: 'simulator-only', side: 'simulator' });
    expect(romeo?.differences[0]?.xml).toContain('<body>Hi</body>');
    expect(comparison.steps).toEqual([
      expect.objectContaining({ line: 34, client: 'Romeo', simulator: 'passed', server: 'failed' }),
    ]);
    const json = JSON.parse(formatJson(header('two.scs'), comparison));
    expect(json.agree).toBe(false);
    expect(json.clients[0].differences[0].kind).toBe('simulator-only');
  });
});
