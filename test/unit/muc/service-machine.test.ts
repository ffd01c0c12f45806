// The service chart's routes choose what xstate's transition() chooses, stanza by stanza — XEP-0045 §6.1–6.3, §7.2.11, §10.1.1
import { describe, expect, it } from 'vitest';
import { getInitialSnapshot, transition } from 'xstate';
import { Effects } from '../../../src/muc/effects.js';
import {
  type ServiceEvent,
  type ServiceRegistry,
  serviceMachine,
  serviceRoutes,
} from '../../../src/muc/service-machine.js';
import { stanza } from '../../helpers/stanza.js';

const registry: ServiceRegistry = {
  domain: 'conference.localhost',
  rooms: new Map([['open@conference.localhost', {}]]),
  tombstones: new Map([['gone@conference.localhost', {}]]),
};

const STANZAS = [
  `<iq type='get' to='conference.localhost' id='1'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>`,
  `<presence to='open@conference.localhost/Nick'><x xmlns='http://jabber.org/protocol/muc'/></presence>`,
  `<message to='open@conference.localhost' type='groupchat'><body>hi</body></message>`,
  `<presence to='gone@conference.localhost/Nick'><x xmlns='http://jabber.org/protocol/muc'/></presence>`,
  `<presence to='new@conference.localhost/Nick'><x xmlns='http://jabber.org/protocol/muc'/></presence>`,
  `<presence to='new@conference.localhost/Nick'/>`,
  `<presence to='new@conference.localhost'><x xmlns='http://jabber.org/protocol/muc'/></presence>`,
  `<iq type='get' to='new@conference.localhost' id='2'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>`,
  `<iq type='get' to='open@conference.localhost' id='3'><vCard xmlns='vcard-temp'/></iq>`,
  `<iq type='set' to='open@conference.localhost' id='4'><query xmlns='urn:xmpp:mam:2'/></iq>`,
  `<iq type='get' to='open@conference.localhost' id='5'><ping xmlns='urn:xmpp:ping'/></iq>`,
  `<iq type='get' to='new@conference.localhost' id='6'><time xmlns='urn:xmpp:time'/></iq>`,
];

/** The action xstate's own interpreter picks for one stanza. */
function chosenByXstate(event: ServiceEvent): string[] {
  const snapshot = getInitialSnapshot(serviceMachine, registry);
  const [, actions] = transition(serviceMachine, snapshot, event);
  return actions.map((action) => action.type);
}

describe('serviceRoutes', () => {
  it.each(STANZAS)('routes %s as the chart does', (xml) => {
    const event: ServiceEvent = {
      type: 'stanza.received',
      stanza: stanza(xml),
      effects: new Effects(),
    };
    const route = serviceRoutes().find(
      ({ guard }) => guard === undefined || guard(registry, event),
    );
    expect([route?.action]).toEqual(chosenByXstate(event));
  });
});
