// The users' own server around the MUC: initial-presence echo, pings, vCards, an empty roster, its disco#info and errors for what it does not serve — XEP-0045 §6.1 and docs/scansion.md
import { Element } from 'ltx';
import { NS } from '../xmpp/namespaces.js';
import { stanzaError } from '../xmpp/stanza-error.js';
import { firstElement } from '../xmpp/xml.js';

const VCARD_UPDATE_SENT = 'vcard-temp:x:update';
const ROSTER_NS = 'jabber:iq:roster';

/** What the server itself answers, as its disco#info says (real clients ask before they use it). */
const SERVER_FEATURES = [NS.discoInfo, NS.discoItems, NS.ping, NS.vcard, ROSTER_NS] as const;

/**
 * Prosody's vcard_legacy adds `<x xmlns='vcard-temp:x:update'><photo/></x>` to every available
 * presence a client sends; rooms copy it into the presence they broadcast.
 */
export function addAvatarHash(presence: Element): void {
  if (presence.name !== 'presence' || presence.attrs.type !== undefined) return;
  if (presence.getChild('x', VCARD_UPDATE_SENT)) return;
  presence.c('x', { xmlns: NS.vcardUpdate }).c('photo');
}

export interface ServerAddresses {
  domain: string;
  mucDomain: string;
}

/** Answers an iq addressed to the server itself or to a user's bare JID. */
export function answerServerIq(stanza: Element, server: ServerAddresses): Element | undefined {
  const type = stanza.attrs.type;
  if (type !== 'get' && type !== 'set') return undefined;
  const payload = firstElement(stanza);
  const result = new Element('iq', { type: 'result', to: stanza.attrs.from, id: stanza.attrs.id });
  result.attrs.from = stanza.attrs.to ?? server.domain;
  if (type === 'get' && payload?.name === 'ping' && payload.attrs.xmlns === NS.ping) return result;
  if (type === 'get' && payload?.name === 'vCard' && payload.attrs.xmlns === NS.vcard) {
    result.c('vCard', { xmlns: NS.vcard });
    return result;
  }
  // RFC 6121 §2.1.3: every account's roster is empty here; Prosody answers with version '1'.
  if (type === 'get' && payload?.name === 'query' && payload.attrs.xmlns === ROSTER_NS) {
    if (stanza.attrs.to === undefined) delete result.attrs.from;
    result.c('query', { xmlns: ROSTER_NS, ver: '1' });
    return result;
  }
  if (
    type === 'get' &&
    payload?.name === 'query' &&
    payload.attrs.xmlns === NS.discoInfo &&
    payload.attrs.node === undefined &&
    result.attrs.from === server.domain
  ) {
    const query = result.c('query', { xmlns: NS.discoInfo });
    query.c('identity', { category: 'server', type: 'im', name: 'mucsim' });
    for (const feature of SERVER_FEATURES) query.c('feature', { var: feature });
    return result;
  }
  // §6.1: the user's server lists the chat service among its items.
  if (
    type === 'get' &&
    payload?.attrs.xmlns === NS.discoItems &&
    result.attrs.from === server.domain
  ) {
    // Prosody lists its components without a name.
    result.c('query', { xmlns: NS.discoItems }).c('item', { jid: server.mucDomain });
    return result;
  }
  return stanzaError(stanza, { type: 'cancel', condition: 'service-unavailable' });
}
