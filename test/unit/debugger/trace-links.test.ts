// The links between steps and trace entries: which step sent an input, which receives matched or skipped a delivery, an input's effects — XEP-0045 §7.1 (order of events on entering)
import { describe, expect, it } from 'vitest';
import { DebugSession } from '../../../src/debugger/debug-session.js';
import { parseScript } from '../../../src/scansion/parser.js';

const SCRIPT = `[Client] Romeo
	jid: romeo@localhost/balcony

[Client] Juliet
	jid: juliet@localhost/chamber

-----

Romeo connects

Romeo sends:
	<presence to='garden@conference.localhost/Romeo'><x xmlns='http://jabber.org/protocol/muc'/></presence>

Romeo sends:
	<iq type='set' id='c1' to='garden@conference.localhost'><query xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='jabber:x:data' type='submit'/></query></iq>

Juliet connects

Juliet sends:
	<presence to='garden@conference.localhost/Juliet'><x xmlns='http://jabber.org/protocol/muc'/></presence>

# Romeo's presence comes first: this receives passes over it to her own.
Juliet receives:
	<presence from='garden@conference.localhost/Juliet'><x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='none' role='participant' jid="\${Juliet's full JID}"/><status code='110'/></x></presence>

Juliet receives:
	<message type='groupchat' from='garden@conference.localhost'><subject/></message>
`;

async function session(): Promise<DebugSession> {
  const debug = DebugSession.fromScript(parseScript(SCRIPT, 'links.scs'));
  await debug.run();
  return debug;
}

function deliveriesTo(debug: DebugSession, who: string) {
  return debug.trace.filter(
    (entry) => entry.kind === 'delivery' && entry.to.startsWith(who),
  ) as Extract<(typeof debug.trace)[number], { kind: 'delivery' }>[];
}

describe('TraceLinks through the session', () => {
  it('a receives that passed over a stanza: matched and skipped, by sequence number', async () => {
    const debug = await session();
    const [romeos, own, subject] = deliveriesTo(debug, 'juliet@');
    const receives = debug.steps[5];
    expect(receives?.action.kind).toBe('receives');
    expect(debug.readsOf(receives!)).toEqual({ matched: own?.seq, skipped: [romeos?.seq] });
    expect(debug.readingOf(romeos!.seq)).toEqual({ step: receives, how: 'skipped' });
    expect(debug.readingOf(own!.seq)).toEqual({ step: receives, how: 'matched' });
    expect(debug.readingOf(subject!.seq)).toEqual({ step: debug.steps[6], how: 'matched' });
  });

  it('the step of an input and of its effects; the effects of an input', async () => {
    const debug = await session();
    const join = debug.trace.find(
      (entry) => entry.kind === 'input' && entry.sender.startsWith('juliet@'),
    );
    expect(debug.stepOf(join!.seq)).toBe(debug.steps[4]);
    const effects = debug.related(join!.seq).effects;
    expect(effects.length).toBeGreaterThan(2);
    for (const seq of effects) expect(debug.stepOf(seq)).toBe(debug.steps[4]);
    expect(debug.stepOf(999_999)).toBeUndefined();
  });

  it('after time travel the links are those of the new run', async () => {
    const debug = await session();
    await debug.back();
    await debug.back();
    const [romeos] = deliveriesTo(debug, 'juliet@');
    expect(debug.readingOf(romeos!.seq)).toBeUndefined();
    await debug.forward();
    expect(debug.readingOf(romeos!.seq)?.how).toBe('skipped');
  });
});
