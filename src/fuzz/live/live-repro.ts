// A difference as a .scs script: the shrunk actions, and every stanza the server sent in answer — a script that passes on the server and fails on the simulator (XEP-0045 regression scenarios)
import { Element } from 'ltx';
import { type WritableAction, writeScript } from '../../scansion/writer.js';
import { NS } from '../../xmpp/namespaces.js';
import type { FuzzAction, FuzzCast } from '../actions.js';
import { reachesDirectedAddresses, type StepRecord } from './differential.js';

const ANY = '{scansion:any}';

/** Values that differ from run to run, by namespace and element: matched with `{scansion:any}`. */
const VOLATILE: readonly { ns: string; name: string; attr: string }[] = [
  { ns: NS.occupantId, name: 'occupant-id', attr: 'id' },
  { ns: 'urn:xmpp:sid:0', name: 'stanza-id', attr: 'id' },
  { ns: NS.delay, name: 'delay', attr: 'stamp' },
  { ns: NS.commands, name: 'command', attr: 'sessionid' },
];

/**
 * Presences whose order Prosody leaves to its Lua tables (occupant lists, several occupants
 * changed at once): an available or unavailable muc#user presence that is no self-presence and
 * no nick change. They are matched wherever they come (`scansion:order='any'`).
 */
function isLoose(stanza: Element): boolean {
  if (stanza.name !== 'presence' || stanza.attrs.type === 'error') return false;
  const x = stanza.getChild('x', NS.mucUser);
  if (!x) return false;
  return !x
    .getChildren('status')
    .some((status) => ['110', '303'].includes(String(status.attrs.code)));
}

/**
 * An element whose children Prosody builds from Lua tables, in no fixed order: the items of a
 * list (muc#admin, disco#items, the sessions of a muc#user `<x>`), disco#info's identities and
 * features, the status codes of a configuration-change notice. Matched in any order
 * (`scansion:strict='false'`): each child is still checked.
 */
function isUnordered(element: Element, ns: string, stanza: Element): boolean {
  if (element.name !== 'x' && element.name !== 'query') return false;
  if (ns === NS.discoInfo) return element.getChildElements().length > 1;
  if (ns === NS.mucUser && stanza.name === 'message' && !stanza.getChild('body')) {
    return element.getChildren('status').length > 1;
  }
  const lists = ns === NS.mucUser || ns === NS.mucAdmin || ns === NS.discoItems;
  return lists && element.getChildren('item').length > 1;
}

function expectation(
  stanza: Element,
  sentIds: ReadonlySet<string>,
  root = true,
  ns: string = NS.client,
  top: Element = stanza,
): Element {
  const attrs: Record<string, string> = {};
  const own = (stanza.attrs.xmlns as string | undefined) ?? ns;
  for (const [name, raw] of Object.entries(stanza.attrs)) {
    if (raw === undefined || raw === null || (root && name === 'xml:lang')) continue;
    attrs[name] = String(raw);
  }
  if (root && attrs.id !== undefined && !sentIds.has(attrs.id)) attrs.id = ANY;
  for (const rule of VOLATILE) {
    if (rule.ns === own && rule.name === stanza.name && attrs[rule.attr] !== undefined)
      attrs[rule.attr] = ANY;
  }
  if (root && isLoose(stanza)) attrs['scansion:order'] = 'any';
  if (!root && own !== ns && isUnordered(stanza, own, top)) attrs['scansion:strict'] = 'false';
  const copy = new Element(stanza.name, attrs);
  for (const child of stanza.children) {
    copy.append(typeof child === 'string' ? child : expectation(child, sentIds, false, own, top));
  }
  return copy;
}

function writable(action: FuzzAction): WritableAction {
  if (action.kind === 'send')
    return { kind: 'sends', client: action.client, stanza: action.stanza };
  return { kind: action.kind === 'connect' ? 'connects' : 'disconnects', client: action.client };
}

export interface LiveReproInfo {
  seed: number;
  users: number;
  rooms: number;
  /** The step of the original run where the difference was seen. */
  step: number;
  server: string;
  /** Clients whose stream differed in the last step: they then expect nothing more. */
  differing: readonly string[];
  /** One line each: what differed. */
  summary: readonly string[];
}

/**
 * The script: each action, then, client by client in the cast's order, every stanza the server
 * sent because of it, but those that differ in an explained way. After the last step, a client whose stream differed receives nothing
 * more, so a stanza only the simulator sends fails the script too.
 */
export function writeLiveRepro(
  cast: FuzzCast,
  steps: readonly StepRecord[],
  info: LiveReproInfo,
): string {
  const actions: WritableAction[] = [];
  for (const [index, step] of steps.entries()) {
    const { action, server } = step;
    const sentIds = new Set<string>();
    if (action.kind === 'send' && action.stanza.attrs.id) sentIds.add(action.stanza.attrs.id);
    const last = index === steps.length - 1;
    const anyOrder = reachesDirectedAddresses(action);
    actions.push({
      ...writable(action),
      ...(last && {
        narration: ['The step where the simulator and the server differ:', ...info.summary],
      }),
    });
    for (const client of cast.clients) {
      const explained = step.explained?.get(client.name);
      for (const [position, stanza] of (server.get(client.name) ?? []).entries()) {
        // A stanza that differs in an explained way is left out: the script fails on the
        // simulator only where the difference is.
        if (explained?.has(position)) continue;
        const expected = expectation(stanza, sentIds);
        // The rooms' answers to a session's unavailable presence come in Lua table order.
        if (anyOrder && stanza.name === 'presence') expected.attrs['scansion:order'] = 'any';
        actions.push({
          kind: 'receives',
          client: client.name,
          stanza: expected,
        });
      }
      if (last && info.differing.includes(client.name)) {
        actions.push({ kind: 'receives', client: client.name, nothing: true });
      }
    }
  }
  const used = new Set(steps.map((step) => step.action.client));
  return writeScript({
    title: 'mucsim fuzz --server: the simulator and the server differ',
    description: `Shrunk from step ${info.step} of mucsim fuzz --seed ${info.seed} --users ${info.users} --rooms ${info.rooms} --server ${info.server}; passes on the server, fails on the simulator (mucsim run --strict-order)`,
    tags: ['fuzz', 'differential'],
    clients: cast.clients
      .filter((client) => used.has(client.name))
      .map((client) => ({ name: client.name, jid: client.jid })),
    actions,
  });
}
