// How the debugger shows its door for real XMPP clients: the header's mark, held stanzas, and which steps real clients took — XEP-0045 rooms shared by real and virtual users (§7)
import type { HeldAction, SessionDoor, SessionStep } from '../debugger/session-api.js';
import type { JidNames } from '../describe/names.js';
import { paneText } from '../describe/pane.js';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Where clients connect: `TCP 127.0.0.1:5222, WebSocket ws://127.0.0.1:5280/xmpp-websocket`. */
export function doorAddresses(door: SessionDoor): string {
  return `TCP ${door.address}:${door.port}, WebSocket ws://${door.address}:${door.wsPort}/xmpp-websocket`;
}

/** The header's mark: `door tcp:5222 ws:5280 · 2 clients`; paused, `door paused, 3 held · …` first. */
export function doorMark(door: SessionDoor): string {
  const where = `tcp:${door.port} ws:${door.wsPort} · ${plural(door.clientCount(), 'client')}`;
  return door.paused ? `door paused, ${door.held().length} held · ${where}` : `door ${where}`;
}

/** ` [typed]` for a typed step, ` [tcp]` or ` [ws]` for a real client's, nothing for the script's. */
export function originLabel(step: SessionStep): string {
  if (step.via) return step.via === 'websocket' ? ' [ws]' : ' [tcp]';
  return step.origin === 'typed' ? ' [typed]' : '';
}

/** One line per held action, for the end of the Script pane: `⏸ held: Romeo → message groupchat to garden…`. */
export function heldLines(held: readonly HeldAction[], names: JidNames): string[] {
  return held.map((action) => {
    if (action.kind === 'disconnects') return `  ⏸ held: ${action.client} disconnects`;
    const sent = {
      seq: 0,
      kind: 'input',
      time: 0,
      sender: action.client,
      origin: 'client',
    } as const;
    return `  ⏸ held: ${paneText({ ...sent, stanza: action.stanza }, names)}`;
  });
}
