// The debugger's controls of its door for real XMPP clients: `:serve` opens it, `p` pauses and resumes it, another lesson takes it along — XEP-0045 rooms shared by real and virtual users (§7)
import type { DebugSession } from '../debugger/debug-session.js';
import type { DoorPorts } from '../debugger/session-api.js';
import type { ActionContext } from './actions.js';
import { doorAddresses } from './door-marks.js';

/** mucsim serve's default ports. */
const DEFAULT_PORTS: DoorPorts = { port: 5222, wsPort: 5280 };
const SERVE_USAGE = 'usage: :serve [--port N] [--ws-port N] (0: any free port)';

/** `--port 5223 --ws-port=0` → the ports, or the usage. */
export function parseServeWords(words: readonly string[]): DoorPorts | string {
  const ports = { ...DEFAULT_PORTS };
  const names: Record<string, keyof DoorPorts> = { '--port': 'port', '--ws-port': 'wsPort' };
  for (let index = 0; index < words.length; index += 1) {
    const [flag = '', inline] = (words[index] as string).split('=', 2);
    const key = names[flag];
    const value = inline ?? words[++index];
    const port = Number(value);
    if (!key || value === undefined || !/^\d+$/.test(value) || port > 65535) return SERVE_USAGE;
    ports[key] = port;
  }
  return ports;
}

/** `:serve [--port N] [--ws-port N]`: opens the door, or says where it already is. */
export function serveCommand(_argument: string, words: readonly string[], ctx: ActionContext) {
  const { doorway } = ctx.session;
  if (doorway.door)
    return ctx.say(true, `the door is already open: ${doorAddresses(doorway.door)}`);
  const ports = parseServeWords(words);
  if (typeof ports === 'string') return ctx.say(false, ports);
  ctx.say(true, 'opening the door…');
  return doorway.open(ports).then(
    (door) => ctx.say(true, `door open: ${doorAddresses(door)}; any user and password; p pauses`),
    (error: unknown) =>
      ctx.say(false, `cannot open the door: ${error instanceof Error ? error.message : error}`),
  );
}

/**
 * Another lesson opens in place of `from` (no real client has acted there): its door, if open,
 * closes and opens again on the same ports into `to`'s world. Returns what the greeting adds.
 */
export async function moveDoor(
  from: DebugSession,
  to: DebugSession,
): Promise<{ ok: boolean; text: string }> {
  const door = from.doorway.door;
  if (!door) return { ok: true, text: '' };
  await from.doorway.close();
  try {
    const moved = await to.doorway.open({ port: door.port, wsPort: door.wsPort });
    return { ok: true, text: `; the door followed: ${doorAddresses(moved)}` };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, text: `; the door is closed: ${reason}` };
  }
}

/** `p`: pauses the door (what real clients send is held) or resumes it (what was held runs). */
export function toggleDoor(ctx: ActionContext): void {
  const door = ctx.session.doorway.door;
  if (!door) return ctx.say(false, 'no door is open: :serve opens one for real XMPP clients');
  if (!door.paused) {
    door.pause();
    return ctx.say(true, 'door paused: what real clients send is held until p resumes');
  }
  const held = door.held().length;
  door.resume();
  ctx.say(true, `door resumed: ${held} held ${held === 1 ? 'action' : 'actions'} ran`);
}
