// Unit tests of the served world's pause: held actions wait in order of arrival, a client's disconnect behind its stanzas, and run on resume — XEP-0045 §7.4 messages from real clients, held
import { Element } from 'ltx';
import { describe, expect, it } from 'vitest';
import { ServedWorld } from '../../../src/serve/served-world.js';
import { World } from '../../../src/sim/world.js';

const ROOM = 'garden@conference.localhost';

function presence(to: string): Element {
  const element = new Element('presence', { to });
  element.c('x', { xmlns: 'http://jabber.org/protocol/muc' });
  return element;
}

function groupchat(id: string, text: string): Element {
  const element = new Element('message', { to: ROOM, type: 'groupchat', id });
  element.c('body').t(text);
  return element;
}

/** A served world where Romeo (tcp) is in the garden, with what each client received. */
function romeoInTheGarden() {
  const served = new ServedWorld(new World({ seed: 1 }));
  const received: string[] = [];
  const deliver = (who: string) => (stanza: Element) =>
    received.push(`${who} ← ${stanza.getChildText('body') ?? stanza.name}`);
  served.connect('Romeo', 'romeo@localhost', {
    transport: 'tcp',
    deliver: deliver('Romeo'),
    resource: 'r',
  });
  served.send('Romeo', presence(`${ROOM}/Romeo`));
  served.send(
    'Romeo',
    new Element('iq', { type: 'set', to: ROOM, id: 'unlock' })
      .c('query', { xmlns: 'http://jabber.org/protocol/muc#owner' })
      .c('x', { xmlns: 'jabber:x:data', type: 'submit' })
      .root(),
  );
  received.length = 0;
  return { served, received };
}

describe('ServedWorld.pause', () => {
  it('holds sends in order of arrival and runs them, as steps, on resume', () => {
    const { served, received } = romeoInTheGarden();
    const steps = served.steps.length;
    let told = 0;
    served.onHold(() => {
      told += 1;
    });
    served.pause();
    served.send('Romeo', groupchat('one', 'first'));
    served.send('Romeo', groupchat('two', 'second'));
    expect(served.paused).toBe(true);
    expect(
      served.held().map((action) => action.kind === 'sends' && action.stanza.attrs.id),
    ).toEqual(['one', 'two']);
    expect(served.steps.length).toBe(steps);
    expect(received).toEqual([]);
    expect(told).toBe(3);

    served.resume();
    expect(served.paused).toBe(false);
    expect(served.held()).toEqual([]);
    expect(received).toEqual(['Romeo ← first', 'Romeo ← second']);
    expect(
      served.steps
        .slice(steps)
        .map((step) => `${step.action.client} ${step.action.kind} ${step.via}`),
    ).toEqual(['Romeo sends tcp', 'Romeo sends tcp']);
    expect(told).toBe(4);
  });

  it("keeps a client's disconnect (once) behind its held stanzas; connecting is not held", () => {
    const { served } = romeoInTheGarden();
    served.pause();
    served.send('Romeo', groupchat('bye', 'bye'));
    served.disconnect('Romeo');
    served.disconnect('Romeo');
    served.connect('Juliet', 'juliet@localhost', { transport: 'websocket', deliver: () => {} });
    expect(served.held().map((action) => `${action.client} ${action.kind}`)).toEqual([
      'Romeo sends',
      'Romeo disconnects',
    ]);
    expect(served.connectedClients().map((client) => client.name)).toEqual(['Romeo', 'Juliet']);
    served.resume();
    expect(
      served.steps.slice(-3).map((step) => `${step.action.client} ${step.action.kind}`),
    ).toEqual(['Juliet connects', 'Romeo sends', 'Romeo disconnects']);
    expect(served.connectedClients().map((client) => client.name)).toEqual(['Juliet']);
  });

  it('runs what was held before disconnecting everyone', () => {
    const { served, received } = romeoInTheGarden();
    served.pause();
    served.send('Romeo', groupchat('last', 'last words'));
    served.disconnectAll();
    expect(received).toEqual(['Romeo ← last words']);
    expect(served.steps.slice(-2).map((step) => step.action.kind)).toEqual([
      'sends',
      'disconnects',
    ]);
  });
});
