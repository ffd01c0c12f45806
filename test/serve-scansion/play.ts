// The independent runner's player: each character is an @xmpp/client session on a real server; receives scan that character's inbox in order, skipping what the script never mentions — docs/scansion.md, for Prosody's XEP-0045 scripts
import { client, type XmppClient } from '@xmpp/client';
import type { Element } from 'ltx';
import { matches } from './match.js';
import { blockElement, readScansion, type Step, substitute } from './script.js';

export interface PlayOutcome {
  passed: boolean;
  /** The failing step, in words. */
  failure?: string;
  /** How many received stanzas the receives steps passed over. */
  skipped: number;
}

interface Session {
  xmpp: XmppClient;
  inbox: Element[];
  /** Wakes a waiting receives when a stanza arrives. */
  arrived?: () => void;
}

/** A real server may take another connection's stanza first; scansion scripts assume they do not. */
const CROSS_CLIENT_PAUSE_MS = 100;

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

function bareOf(jid: string): string {
  const slash = jid.indexOf('/');
  return slash === -1 ? jid : jid.slice(0, slash);
}

/** Plays one script against `service` (xmpp://host:port); every receives waits up to `timeoutMs`. */
export async function playScansion(
  text: string,
  service: string,
  timeoutMs = 3000,
): Promise<PlayOutcome> {
  const script = readScansion(text);
  const bare = new Map([...script.characters].map(([name, c]) => [name, bareOf(c.jid)]));
  const full = new Map<string, string>();
  const sessions = new Map<string, Session>();
  let skipped = 0;

  const connect = async (name: string): Promise<void> => {
    const character = script.characters.get(name);
    if (!character) throw new Error(`no [Client] ${name}`);
    const [local, domain] = bareOf(character.jid).split('@') as [string, string];
    const resource = character.jid.includes('/')
      ? character.jid.slice(character.jid.indexOf('/') + 1)
      : character.resource;
    const xmpp = client({
      service,
      domain,
      ...(resource !== undefined && { resource }),
      credentials: (authenticate) =>
        authenticate({ username: local, password: 'password' }, 'PLAIN'),
    });
    xmpp.on('error', () => {});
    xmpp.reconnect.stop();
    const session: Session = { xmpp, inbox: [] };
    xmpp.on('stanza', (stanza: Element) => {
      session.inbox.push(stanza);
      session.arrived?.();
    });
    sessions.set(name, session);
    full.set(name, (await xmpp.start()).toString());
  };

  const receive = async (step: Step): Promise<string | undefined> => {
    const session = sessions.get(step.client);
    if (!session) return 'not connected';
    if (step.nothing) {
      await sleep(300);
      return session.inbox.length === 0 ? undefined : `received ${session.inbox[0]}`;
    }
    const expected = blockElement(substitute(step.xml ?? '', bare, full));
    const deadline = Date.now() + timeoutMs;
    let scanned = 0;
    for (;;) {
      for (; scanned < session.inbox.length; scanned += 1) {
        if (!matches(expected, session.inbox[scanned] as Element)) continue;
        skipped += scanned;
        session.inbox.splice(0, scanned + 1);
        return undefined;
      }
      const left = deadline - Date.now();
      if (left <= 0)
        return `nothing matched within ${timeoutMs} ms; got ${session.inbox.map(String).join('\n') || 'nothing'}`;
      await new Promise<void>((done) => {
        const timer = setTimeout(done, left);
        session.arrived = () => {
          clearTimeout(timer);
          done();
        };
      });
    }
  };

  try {
    for (const [index, step] of script.steps.entries()) {
      let problem: string | undefined;
      if (step.verb === 'connects') await connect(step.client);
      else if (step.verb === 'disconnects') await sessions.get(step.client)?.xmpp.stop();
      else if (step.verb === 'sends') {
        const stanza = blockElement(substitute(step.xml ?? '', bare, full));
        delete stanza.attrs['xmlns:scansion'];
        await sessions.get(step.client)?.xmpp.send(stanza);
        // Two clients' stanzas travel on two connections: let the first arrive before the next.
        const next = script.steps[index + 1];
        if (next?.verb === 'sends' && next.client !== step.client)
          await sleep(CROSS_CLIENT_PAUSE_MS);
      } else problem = await receive(step);
      if (problem) {
        return {
          passed: false,
          failure: `line ${step.line}: ${step.client} ${step.verb}: ${problem}`,
          skipped,
        };
      }
    }
    return { passed: true, skipped };
  } finally {
    await Promise.allSettled([...sessions.values()].map((session) => session.xmpp.stop()));
  }
}
