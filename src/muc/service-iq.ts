// IQs to the MUC service itself: disco#info and #items (public rooms, ad-hoc commands), muc#unique and the commands — XEP-0045 §6.1–6.3, as Prosody's mod_muc, mod_disco and mod_adhoc answer them
import { Element } from 'ltx';
import { buildForm } from '../xmpp/data-form.js';
import { NS } from '../xmpp/namespaces.js';
import { type StanzaErrorSpec, stanzaError } from '../xmpp/stanza-error.js';
import type { Room } from './room.js';
import { COMMANDS, type CommandContext, commandItems, runCommand } from './service-commands.js';

const NS_UNIQUE = 'http://jabber.org/protocol/muc#unique';
const NS_SERVERINFO = 'http://jabber.org/network/serverinfo';

/** What the service's answers read from it. */
export interface ServiceView extends CommandContext {
  domain: string;
  /** Bare JIDs of the service admins. */
  admins: readonly string[];
  isAdmin(jid: string): boolean;
  publicRooms(): Room[];
}

function reply(stanza: Element): Element {
  return new Element('iq', {
    type: 'result',
    from: stanza.attrs.to,
    to: stanza.attrs.from,
    id: stanza.attrs.id,
  });
}

/** §6.2: the service is a conference/text entity; Prosody's modules add their features and the admins' addresses. */
function discoInfo(stanza: Element, service: ServiceView): Element {
  const result = reply(stanza);
  const query = result.c('query', { xmlns: NS.discoInfo });
  query.c('identity', { category: 'conference', type: 'text', name: 'Prosody Chatrooms' });
  const features = [NS.discoInfo, NS.discoItems, NS.muc, NS_UNIQUE, NS.commands, NS.occupantId];
  for (const feature of [...features, 'urn:xmpp:mam:2', NS.vcard])
    query.c('feature', { var: feature });
  query.cnode(
    buildForm({
      type: 'result',
      fields: [
        { var: 'FORM_TYPE', type: 'hidden', value: NS_SERVERINFO },
        {
          var: 'admin-addresses',
          type: 'list-multi',
          value: service.admins.map((admin) => `xmpp:${admin}`),
        },
      ],
    }),
  );
  return result;
}

/** mod_disco's answer for a node no module claims. */
function noSuchNode(stanza: Element): Element {
  return stanzaError(stanza, {
    type: 'cancel',
    condition: 'item-not-found',
    text: 'Node does not exist',
  });
}

/** disco#info on a node: the commands list, or one command (for those who may run it). */
function nodeInfo(stanza: Element, node: string, service: ServiceView): Element {
  const result = reply(stanza);
  const query = result.c('query', { xmlns: NS.discoInfo, node });
  if (node === NS.commands) {
    query.c('identity', { name: 'Ad-Hoc Commands', category: 'automation', type: 'command-list' });
    return result;
  }
  const command = COMMANDS.get(node);
  if (!command) return noSuchNode(stanza);
  if (!service.isAdmin(stanza.attrs.from)) {
    const text = 'This item is not available to you';
    return stanzaError(stanza, { type: 'auth', condition: 'forbidden', text });
  }
  query.c('identity', { name: command.name, category: 'automation', type: 'command-node' });
  query.c('feature', { var: NS.commands });
  query.c('feature', { var: NS.dataForms });
  return result;
}

/** §6.3: "the service SHOULD return … public rooms only", with their names when they have one. */
function discoItems(stanza: Element, node: string | undefined, service: ServiceView): Element {
  const result = reply(stanza);
  if (node === NS.commands) {
    const query = result.c('query', { xmlns: NS.discoItems, node });
    for (const item of commandItems(service.domain, service.isAdmin(stanza.attrs.from)))
      query.cnode(item);
    return result;
  }
  if (node !== undefined && node !== '') return noSuchNode(stanza);
  const query = result.c('query', { xmlns: NS.discoItems });
  for (const room of service.publicRooms()) {
    query.c(
      'item',
      room.config.name ? { jid: room.jid, name: room.config.name } : { jid: room.jid },
    );
  }
  return result;
}

const UNHANDLED: StanzaErrorSpec = { type: 'cancel', condition: 'service-unavailable' };

/** Answers an iq get or set addressed to the service's domain. */
export function answerServiceIq(stanza: Element, service: ServiceView): Element {
  const type = stanza.attrs.type;
  const payload = stanza.getChildElements()[0] as Element;
  const node = payload.attrs.node;
  switch (`${type} ${payload.attrs.xmlns} ${payload.name}`) {
    case `get ${NS.discoInfo} query`:
      return node ? nodeInfo(stanza, node, service) : discoInfo(stanza, service);
    case `get ${NS.discoItems} query`:
      return discoItems(stanza, node, service);
    case `get ${NS_UNIQUE} unique`: {
      const result = reply(stanza);
      result.c('unique', { xmlns: NS_UNIQUE }).t(service.nextId());
      return result;
    }
    case `set ${NS.commands} command`:
      return runCommand(stanza, payload, service.isAdmin(stanza.attrs.from), service);
    default:
      return stanzaError(stanza, UNHANDLED);
  }
}
