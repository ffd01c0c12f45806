// Tests of the runner: skip-unmatched, strict order, receives nothing, failures with the closest stanza — XEP-0045 scenarios
import { Element, createElement as xml } from 'ltx';
import { describe, expect, it } from 'vitest';
import { parseScript } from '../../../src/scansion/parser.js';
import { runScript, ScriptStepper } from '../../../src/scansion/runner.js';
import type { ClientDefinition } from '../../../src/scansion/script.js';
import type { ScriptTarget } from '../../../src/scansion/target.js';

type Deliver = (client: string, stanza: Element) => void;

/** Answers each sent stanza through `react`; by default echoes it back to the sender, stamped with `from`. */
class FakeTarget implements ScriptTarget {
  readonly sent: [string, Element][] = [];
  readonly connected: string[] = [];
  private readonly deliveries = new Map<string, (stanza: Element) => void>();
  private readonly jids = new Map<string, string>();

  constructor(
    readonly live = false,
    private readonly react?: (client: string, stanza: Element, deliver: Deliver) => void,
  ) {}

  async connect(client: ClientDefinition, deliver: (stanza: Element) => void): Promise<string> {
    const jid = client.jid.includes('/')
      ? client.jid
      : `${client.jid}/${client.resource ?? 'res1'}`;
    this.deliveries.set(client.name, deliver);
    this.jids.set(client.name, jid);
    this.connected.push(client.name);
    return jid;
  }

  async send(clientName: string, stanza: Element): Promise<void> {
    this.sent.push([clientName, stanza]);
    const deliver: Deliver = (client, el) => this.deliveries.get(client)?.(el);
    if (this.react) this.react(clientName, stanza, deliver);
    else
      deliver(
        clientName,
        new Element(stanza.name, { ...stanza.attrs, from: this.jids.get(clientName) }),
      );
  }

  async disconnect(clientName: string): Promise<void> {
    this.deliveries.delete(clientName);
  }

  async close(): Promise<void> {}
}

const HEAD = `# Runner test
[Client] Romeo
\tjid: romeo@localhost/balcony
\tpassword: password

[Client] Juliet
\tjid: juliet@localhost

-----

`;

function script(body: string) {
  return parseScript(HEAD + body, 'runner.scs');
}

const CONFIG_REPLY = (client: string, stanza: Element, deliver: Deliver) => {
  deliver(
    client,
    xml('message', { from: 'room@conference.localhost' }, xml('x', { xmlns: 'muc#user' })),
  );
  deliver(
    client,
    xml('iq', { type: 'result', id: stanza.attrs.id, from: 'room@conference.localhost' }),
  );
};

describe('runScript', () => {
  it('passes a script whose receives match, substituting variables', async () => {
    const target = new FakeTarget();
    const s = script(`Romeo connects

Romeo sends:
\t<message to="\${Juliet's JID}" id="m1"/>

Romeo receives:
\t<message from="\${Romeo's full JID}" to="\${Juliet's JID}"/>
`);

    const result = await runScript(s, target);

    expect(result).toMatchObject({
      file: 'runner.scs',
      title: 'Runner test',
      passed: true,
      warnings: [],
    });
    expect(result.steps.map((step) => step.status)).toEqual(['passed', 'passed', 'passed']);
    expect(target.sent[0]?.[1].attrs.to).toBe('juliet@localhost');
    expect(result.steps[2]?.matched?.attrs.from).toBe('romeo@localhost/balcony');
  });

  it(`uses the bare JID of the definition for \${X's JID}`, async () => {
    const target = new FakeTarget();
    const s = script(`Romeo connects

Romeo sends:
\t<message to="\${Romeo's JID}"/>
`);

    await runScript(s, target);

    expect(target.sent[0]?.[1].attrs.to).toBe('romeo@localhost');
  });

  it('skips stanzas the script never mentions and records them', async () => {
    const target = new FakeTarget(false, CONFIG_REPLY);
    const s = script(`Romeo connects

Romeo sends:
\t<iq type="set" id="config1" to="room@conference.localhost"/>

Romeo receives:
\t<iq type="result" id="config1"/>
`);

    const result = await runScript(s, target);

    expect(result.passed).toBe(true);
    expect(result.steps[2]?.skipped.map((el) => el.name)).toEqual(['message']);
  });

  it('fails a skipped stanza under strictOrder', async () => {
    const target = new FakeTarget(false, CONFIG_REPLY);
    const s = script(`Romeo connects

Romeo sends:
\t<iq type="set" id="config1" to="room@conference.localhost"/>

Romeo receives:
\t<iq type="result" id="config1"/>
`);

    const result = await runScript(s, target, { strictOrder: true });

    expect(result.passed).toBe(false);
    expect(result.steps[2]).toMatchObject({
      status: 'failed',
      reason: 'strict order: 1 stanza(s) arrived before the expected one',
    });
    expect(result.steps[2]?.closest?.name).toBe('message');
  });

  it("matches scansion:order='any' stanzas in any order, and still checks each", async () => {
    const twoPresences: ConstructorParameters<typeof FakeTarget>[1] = (
      client,
      _stanza,
      deliver,
    ) => {
      deliver(client, xml('presence', { from: 'room@conference.localhost/Benvolio' }));
      deliver(client, xml('presence', { from: 'room@conference.localhost/Mercutio' }));
      deliver(client, xml('presence', { from: 'room@conference.localhost/Romeo', type: 'self' }));
    };
    const expect3 = (second: string) =>
      script(`Romeo connects

Romeo sends:
\t<presence to="room@conference.localhost/Romeo"/>

Romeo receives:
\t<presence from="room@conference.localhost/Mercutio" scansion:order="any"/>

Romeo receives:
\t<presence from="room@conference.localhost/${second}" scansion:order="any"/>

Romeo receives:
\t<presence from="room@conference.localhost/Romeo" type="self"/>
`);

    const passed = await runScript(expect3('Benvolio'), new FakeTarget(false, twoPresences));
    const failed = await runScript(expect3('Tybalt'), new FakeTarget(false, twoPresences));

    expect(passed.passed).toBe(true);
    expect(passed.steps.map((step) => step.skipped.length)).toEqual([0, 0, 0, 0, 0]);
    expect(failed.steps[3]).toMatchObject({ status: 'failed' });
    expect(failed.steps[3]?.reason).toContain('no matching stanza among 2 received');
  });

  it('passes receives: nothing when nothing arrived, and fails it otherwise', async () => {
    const quiet = script('Romeo connects\n\nRomeo receives: nothing\n');
    const noisy = script(
      'Romeo connects\n\nRomeo sends:\n\t<presence/>\n\nRomeo receives: nothing\n',
    );

    const passed = await runScript(quiet, new FakeTarget());
    const failed = await runScript(noisy, new FakeTarget());

    expect(passed.passed).toBe(true);
    expect(failed.steps[2]).toMatchObject({
      status: 'failed',
      reason: 'expected nothing for Romeo, but 1 stanza(s) arrived',
    });
    expect(failed.steps[2]?.closest?.name).toBe('presence');
  });

  it('fails with the closest candidate and its diff, and stops the script', async () => {
    const target = new FakeTarget(false, (client, _stanza, deliver) => {
      deliver(client, xml('presence', { from: 'room@conference.localhost/Juliet' }));
      deliver(client, xml('message', { type: 'chat' }, xml('body', {}, 'hullo')));
    });
    const s = script(`Romeo connects

Romeo sends:
\t<presence/>

Romeo receives:
\t<message type="chat">
\t\t<body>hello</body>
\t</message>

Romeo disconnects
`);

    const result = await runScript(s, target);

    expect(result.passed).toBe(false);
    expect(result.steps).toHaveLength(3);
    const step = result.steps[2];
    expect(step?.reason).toBe(
      "no matching stanza among 2 received; closest: message/body text: expected 'hello', got 'hullo'",
    );
    expect(step?.closest?.name).toBe('message');
    expect(step?.expected?.getChildText('body')).toBe('hello');
    expect(step?.diff).toBe(
      [
        '  <message type="chat">',
        '-   <body>hello</body>',
        '+   <body>hullo</body>',
        '  </message>',
      ].join('\n'),
    );
    expect(step?.skipped).toHaveLength(2);
  });

  it('fails when nothing arrived at all', async () => {
    const s = script('Romeo connects\n\nRomeo receives:\n\t<presence/>\n');

    const result = await runScript(s, new FakeTarget());

    expect(result.steps[1]).toMatchObject({
      status: 'failed',
      reason: 'nothing arrived for Romeo',
    });
  });

  it('turns an exception from the target into a failed step', async () => {
    const target = new FakeTarget();
    target.send = async () => {
      throw new Error('socket closed');
    };
    const s = script('Romeo connects\n\nRomeo sends:\n\t<presence/>\n');

    const result = await runScript(s, target);

    expect(result.steps[1]).toMatchObject({
      status: 'failed',
      reason: 'Romeo sends: socket closed',
    });
  });

  it('fails a sends whose variable has no value yet instead of crashing', async () => {
    const target = new FakeTarget();
    const s = script(`Romeo connects\n\nRomeo sends:\n\t<message to="\${Juliet's full JID}"/>\n`);

    const result = await runScript(s, target);

    expect(result.steps[1]).toMatchObject({
      status: 'failed',
      reason: `variable \${Juliet's full JID} has no value: Juliet has not connected`,
    });
    expect(target.sent).toHaveLength(0);
  });

  it('skips a sends after the client disconnected, with a note and the parse warning', async () => {
    const target = new FakeTarget();
    const s = script('Romeo connects\n\nRomeo disconnects\n\nRomeo sends:\n\t<presence/>\n');

    const result = await runScript(s, target);

    expect(result.passed).toBe(true);
    expect(result.steps[2]?.note).toBe('not sent: Romeo has disconnected');
    expect(result.warnings).toHaveLength(1);
    expect(target.sent).toHaveLength(0);
  });

  it('reuses a captured value in a later sends', async () => {
    const target = new FakeTarget(false, (client, stanza, deliver) => {
      if (stanza.name === 'iq') deliver(client, xml('iq', { type: 'result', id: 'srv-42' }));
    });
    const s = script(`Romeo connects

Romeo sends:
\t<iq type="get" id="q1"/>

Romeo receives:
\t<iq type="result" id="{scansion:capture:sid}"/>

Romeo sends:
\t<message id="{scansion:capture:sid}"/>
`);

    const result = await runScript(s, target);

    expect(result.passed).toBe(true);
    expect(target.sent[1]?.[1].attrs.id).toBe('srv-42');
  });

  describe('live targets', () => {
    it('waits for a stanza that arrives after the step started', async () => {
      const target = new FakeTarget(true, (client, stanza, deliver) => {
        setTimeout(() => deliver(client, stanza), 20);
      });
      const s = script(
        'Romeo connects\n\nRomeo sends:\n\t<presence id="p1"/>\n\nRomeo receives:\n\t<presence id="p1"/>\n',
      );

      const result = await runScript(s, target, { timeoutMs: 1000 });

      expect(result.passed).toBe(true);
    });

    it('fails after the timeout', async () => {
      const target = new FakeTarget(true, () => {});
      const s = script(
        'Romeo connects\n\nRomeo sends:\n\t<presence/>\n\nRomeo receives:\n\t<presence/>\n',
      );

      const result = await runScript(s, target, { timeoutMs: 30 });

      expect(result.steps[2]?.reason).toBe('nothing arrived for Romeo within 30 ms');
    });

    it('catches a late stanza during the grace period of receives: nothing', async () => {
      const target = new FakeTarget(true, (client, stanza, deliver) => {
        setTimeout(() => deliver(client, stanza), 10);
      });
      const s = script(
        'Romeo connects\n\nRomeo sends:\n\t<presence/>\n\nRomeo receives: nothing\n',
      );

      const result = await runScript(s, target, { timeoutMs: 1000 });

      expect(result.steps[2]?.status).toBe('failed');
    });
  });
});

describe('ScriptStepper', () => {
  const body = `Romeo connects

Romeo sends:
\t<message to="\${Juliet's JID}" id="m1"/>

Romeo receives:
\t<message from="\${Romeo's full JID}"/>

Romeo receives:
\t<message from="nobody"/>

Romeo sends:
\t<message id="m2"/>
`;

  it('step by step gives the results runScript gives, up to the first failure', async () => {
    const s = script(body);
    const whole = await runScript(s, new FakeTarget());
    const stepper = new ScriptStepper(s.clients, new FakeTarget());

    const steps = [];
    for (const [index, action] of s.actions.entries())
      steps.push(await stepper.step(action, index));

    expect(steps.slice(0, whole.steps.length)).toEqual(whole.steps);
    expect(whole.steps.map((step) => step.status)).toEqual([
      'passed',
      'passed',
      'passed',
      'failed',
    ]);
  });

  it('keeps the inboxes, bound JIDs and connection state between steps', async () => {
    const s = script(body);
    const stepper = new ScriptStepper(s.clients, new FakeTarget());
    expect(stepper.isConnected('Romeo')).toBe(false);

    await stepper.step(s.actions[0]!, 0);
    await stepper.step(s.actions[1]!, 1);

    expect(stepper.isConnected('Romeo')).toBe(true);
    expect(stepper.fullJid('Romeo')).toBe('romeo@localhost/balcony');
    expect(stepper.unread('Romeo').map((el) => el.attrs.id)).toEqual(['m1']);
    await stepper.step(
      { kind: 'disconnects', client: 'Romeo', line: 0, column: 0, narration: [] },
      2,
    );
    expect(stepper.isConnected('Romeo')).toBe(false);
    expect(stepper.fullJid('Romeo')).toBe('romeo@localhost/balcony');
  });

  it('accepts clients added after construction, and fails a step of an unknown client', async () => {
    const stepper = new ScriptStepper([], new FakeTarget());
    const connects = {
      kind: 'connects' as const,
      client: 'Nurse',
      line: 0,
      column: 0,
      narration: [],
    };

    const unknown = await stepper.step(connects, 0);
    stepper.addClient({ name: 'Nurse', jid: 'nurse@localhost', line: 0 });
    const known = await stepper.step(connects, 1);

    expect(unknown).toMatchObject({
      status: 'failed',
      reason: "Nurse connects: no client 'Nurse' is defined",
    });
    expect(known.status).toBe('passed');
    expect(stepper.fullJid('Nurse')).toBe('nurse@localhost/res1');
  });
});
