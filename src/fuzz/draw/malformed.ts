// Malformed but parseable stanzas: missing or wrong attributes, wrong namespaces, unknown children, odd addresses — hostile input for XEP-0045 services (§17, RFC 6120 §8)
import { NS } from '../../xmpp/namespaces.js';
import type { FuzzClient } from '../actions.js';
import type { Targets } from '../targets.js';
import { AFFILIATIONS, el, iq } from './build.js';

export function malformed(t: Targets, sender: FuzzClient) {
  const jid = t.anyRoom();
  const nick = t.baseNick(sender);
  switch (t.rng.int(20)) {
    case 0:
      return el('presence', { to: `${jid}/${nick}`, type: 'bogus' });
    case 1:
      return el('message', { to: jid, type: 'bogus', id: t.nextId() }).c('body').t('?').root();
    case 2: {
      const stanza = iq(undefined, jid, t.nextId());
      stanza.c('query', { xmlns: NS.mucAdmin });
      return stanza;
    }
    case 3:
      return iq(t.rng.pick(['get', 'set', 'bogus']), jid, t.nextId());
    case 4: {
      const stanza = iq('get', jid, t.nextId());
      stanza.c('query', { xmlns: NS.discoInfo });
      stanza.c('query', { xmlns: NS.mucAdmin });
      return stanza;
    }
    case 5: {
      const stanza = iq('set', jid, undefined);
      stanza.c('query', { xmlns: NS.mucAdmin }).c('item', { nick, role: 'none' });
      return stanza;
    }
    case 6: {
      const stanza = iq('set', jid, t.nextId());
      stanza.c('query', { xmlns: `${NS.mucAdmin}x` }).c('item', { nick, role: 'none' });
      return stanza;
    }
    case 7: {
      const presence = el('presence', { to: `${jid}/${nick}` });
      presence.c('x', { xmlns: NS.mucOwner });
      return presence;
    }
    case 8: {
      const presence = el('presence', { to: `${jid}/${nick}` });
      presence.c('x', { xmlns: NS.muc }).c('unknown', { xmlns: 'urn:fuzz' });
      presence.c('foo', { xmlns: 'urn:fuzz' }).c('bar').t('baz');
      return presence;
    }
    case 9:
      return el('message', { type: 'groupchat' }).c('body').t('to nobody').root();
    case 10:
      return t.rng.chance(0.5)
        ? iq('get', undefined, t.nextId()).c('ping', { xmlns: NS.ping }).root()
        : iq('get', t.cast.domain, t.nextId()).c('query', { xmlns: NS.discoItems }).root();
    case 11: {
      const to = t.rng.pick([
        `${jid}/`,
        `@${t.cast.mucDomain}`,
        `r 1@${t.cast.mucDomain}/x`,
        `${jid}/${'\u0301'}`,
        `a@b@${t.cast.mucDomain}`,
      ]);
      const name = t.rng.pick(['presence', 'message', 'iq']);
      const stanza = el(name, { to, id: t.nextId(), type: name === 'iq' ? 'get' : undefined });
      if (name === 'iq') stanza.c('query', { xmlns: NS.discoInfo });
      return stanza;
    }
    case 12: {
      // Another server (a live run stays on its own: its links to others vary), or a stranger here.
      const to = t.live ? `stranger@${t.cast.domain}` : 'x@elsewhere.example';
      const stanza = iq('get', to, t.nextId());
      stanza.c('query', { xmlns: NS.discoInfo });
      return stanza;
    }
    case 13: {
      const upper = `${jid.split('@')[0]!.toUpperCase()}@Conference.Localhost/${nick}`;
      return el('presence', { to: upper }).c('x', { xmlns: NS.muc }).root();
    }
    case 14: {
      let deep = el('message', { to: jid, type: 'groupchat', id: t.nextId() });
      const root = deep;
      deep.c('body').t('deep');
      for (let depth = 0; depth < 12; depth += 1) deep = deep.c('nest', { xmlns: 'urn:fuzz' });
      return root;
    }
    case 15: {
      const message = el('message', { to: jid });
      message.c('x', { xmlns: NS.mucUser }).c('invite', { to: t.rng.pick(['', 'not a jid', '@']) });
      return message;
    }
    case 16: {
      const stanza = iq('set', jid, t.nextId());
      stanza.c('query', { xmlns: NS.mucAdmin }).c('item', {
        affiliation: t.rng.pick(AFFILIATIONS),
        jid: t.rng.pick(['', '@', 'a@b/c/d', `${sender.bare}/`, 'UPPER@LOCALHOST']),
      });
      return stanza;
    }
    case 17:
      return el('message', { to: `${jid}/${nick}`, type: 'groupchat', id: t.nextId() })
        .c('body')
        .t('pm?')
        .root();
    case 18: {
      const message = el('message', { to: jid, type: 'groupchat', id: t.nextId() });
      message.c('subject').t('both');
      message.c('body').t('both');
      message.c('thread').t('t1');
      return message;
    }
    default: {
      const stanza = iq('set', jid, t.nextId());
      stanza.c('query', { xmlns: NS.mucOwner }).c('x', { xmlns: NS.dataForms });
      return stanza;
    }
  }
}
