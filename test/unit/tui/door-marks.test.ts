// Unit tests of how the debugger shows its door: the header mark, held stanzas in words, real clients' steps, and `:serve`'s ports — XEP-0045 rooms shared with real clients (§7)
import { Element } from 'ltx';
import { describe, expect, it } from 'vitest';
import type { HeldAction, SessionDoor, SessionStep } from '../../../src/debugger/session-api.js';
import { JidNames } from '../../../src/describe/names.js';
import { parseServeWords } from '../../../src/tui/door-actions.js';
import { doorAddresses, doorMark, heldLines, originLabel } from '../../../src/tui/door-marks.js';

function door(held: HeldAction[], paused: boolean, clients: number): SessionDoor {
  return {
    address: '127.0.0.1',
    port: 5222,
    wsPort: 5280,
    clientCount: () => clients,
    paused,
    held: () => held,
    pause: () => {},
    resume: () => {},
    close: async () => {},
  };
}

function step(origin: SessionStep['origin'], via?: SessionStep['via']): SessionStep {
  const action = { kind: 'connects' as const, client: 'Romeo', line: 0, column: 0, narration: [] };
  return { index: 0, action, origin, ...(via && { via }) };
}

describe('the door in the debugger', () => {
  it('marks the header with the ports, the clients and what is held', () => {
    const held: HeldAction[] = [{ kind: 'disconnects', client: 'Romeo' }];
    expect(doorMark(door([], false, 1))).toBe('door tcp:5222 ws:5280 · 1 client');
    expect(doorMark(door(held, true, 2))).toBe(
      'door paused, 1 held · tcp:5222 ws:5280 · 2 clients',
    );
    expect(doorAddresses(door([], false, 0))).toBe(
      'TCP 127.0.0.1:5222, WebSocket ws://127.0.0.1:5280/xmpp-websocket',
    );
  });

  it('says what each held action is, in the Stanzas pane’s words', () => {
    const message = new Element('message', {
      to: 'garden@conference.localhost',
      type: 'groupchat',
    });
    message.c('body').t('Is she there?');
    const names = new JidNames([{ name: 'Romeo', jid: 'romeo@localhost', bound: [] }], {
      isRoom: (bare) => bare.endsWith('@conference.localhost'),
    });
    const held: HeldAction[] = [
      { kind: 'sends', client: 'Romeo', stanza: message },
      { kind: 'disconnects', client: 'Romeo' },
    ];
    expect(heldLines(held, names)).toEqual([
      '  ⏸ held: Romeo → message groupchat to garden: "Is she there?"',
      '  ⏸ held: Romeo disconnects',
    ]);
  });

  it('labels typed steps and real clients’ steps by their connection', () => {
    expect(originLabel(step('script'))).toBe('');
    expect(originLabel(step('typed'))).toBe(' [typed]');
    expect(originLabel(step('typed', 'tcp'))).toBe(' [tcp]');
    expect(originLabel(step('typed', 'websocket'))).toBe(' [ws]');
  });

  it('reads :serve’s ports, 5222 and 5280 unless given', () => {
    const usage = 'usage: :serve [--port N] [--ws-port N] (0: any free port)';
    expect(parseServeWords([])).toEqual({ port: 5222, wsPort: 5280 });
    expect(parseServeWords(['--port', '0', '--ws-port=5290'])).toEqual({ port: 0, wsPort: 5290 });
    expect(parseServeWords(['--port'])).toBe(usage);
    expect(parseServeWords(['--port', '65536'])).toBe(usage);
    expect(parseServeWords(['--port', '-1'])).toBe(usage);
    expect(parseServeWords(['5222'])).toBe(usage);
  });
});
