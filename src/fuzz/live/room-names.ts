// Fresh room names on a real server: every run and every replay gets its own, so rooms left by earlier runs (persistent rooms, tombstones) change nothing — XEP-0045 §10.1.1 (room creation) on a shared server
import { Element } from 'ltx';

const DISCO_ITEMS = 'http://jabber.org/protocol/disco#items';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Rewrites the fuzzer's room names (`r1`, `r2g1`…) at the MUC service to `r1-<tag>` on the way
 * to the server, and back on the way from it, wherever they occur in a stanza: addresses,
 * items, forms, texts. `tag` is made of letters the cast's names never contain.
 */
export class RoomNames {
  private readonly toServer: RegExp;
  private readonly fromServer: RegExp;
  /** A bare room JID at the service, whole. */
  private readonly roomJid: RegExp;
  /** One of this run's rooms, by its server name, whole. */
  private readonly ownRoom: RegExp;

  constructor(
    readonly tag: string,
    mucDomain: string,
  ) {
    const domain = escapeRegExp(mucDomain);
    this.toServer = new RegExp(`\\b(r\\d+(?:g\\d+)?)@${domain}`, 'gi');
    this.fromServer = new RegExp(`\\b(r\\d+(?:g\\d+)?)-${escapeRegExp(tag)}@${domain}`, 'gi');
    this.roomJid = new RegExp(`^[^@/\\s]+@${domain}$`, 'i');
    this.ownRoom = new RegExp(`^r\\d+(?:g\\d+)?-${escapeRegExp(tag)}@${domain}$`, 'i');
  }

  /** A copy of `stanza` with the server's names. */
  outgoing(stanza: Element): Element {
    return this.rewrite(stanza, (text) => this.scriptText(text));
  }

  /**
   * A copy of `stanza` with the fuzzer's names. The server's lists of rooms (disco items, the
   * destroy command's options) lose the rooms of other runs, and any other room the server
   * holds: the simulator knows only this run's.
   */
  incoming(stanza: Element): Element {
    return this.rewrite(
      stanza,
      (text) =>
        text.replace(this.fromServer, (match, room: string) => `${room}@${this.domainOf(match)}`),
      (parent, element) => this.isOtherRoom(parent, element),
    );
  }

  /** A disco item or a form option that names a room of the service other than this run's. */
  private isOtherRoom(parent: Element, element: Element): boolean {
    let named: unknown;
    if (element.name === 'item' && parent.name === 'query' && parent.attrs.xmlns === DISCO_ITEMS) {
      named = element.attrs.jid;
    } else if (element.name === 'option' && parent.name === 'field') {
      named = element.getChildText('value');
    }
    if (typeof named !== 'string' || !this.roomJid.test(named)) return false;
    return !this.ownRoom.test(named);
  }

  /** Text with the server's names for this tag (a stanza's, or a written repro replayed on the server). */
  scriptText(text: string): string {
    return text.replace(
      this.toServer,
      (match, room: string) => `${room}-${this.tag}@${this.domainOf(match)}`,
    );
  }

  private domainOf(match: string): string {
    return match.slice(match.indexOf('@') + 1);
  }

  private rewrite(
    element: Element,
    change: (text: string) => string,
    drop?: (parent: Element, element: Element) => boolean,
  ): Element {
    const attrs: Record<string, string> = {};
    for (const [name, value] of Object.entries(element.attrs)) {
      if (value !== undefined && value !== null) attrs[name] = change(String(value));
    }
    const copy = new Element(element.name, attrs);
    for (const child of element.children) {
      if (typeof child === 'string') copy.append(change(child));
      else if (!drop?.(element, child)) copy.append(this.rewrite(child, change, drop));
    }
    return copy;
  }
}

/** A tag no earlier run used: letters from the clock and a counter (never digits next to `g`). */
export function freshTag(now: number, counter: number): string {
  const letters = 'abcdefhjkmnpqrstuvwxyz';
  let value = now * 1000 + counter;
  let tag = '';
  while (value > 0) {
    tag = letters[value % letters.length] + tag;
    value = Math.floor(value / letters.length);
  }
  return tag;
}
