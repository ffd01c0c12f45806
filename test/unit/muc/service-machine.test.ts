// The service chart's actions are real: the action the chart picks for a stanza does the service's work on the context it is given, and the routes the service runs choose what xstate's transition() chooses — XEP-0045 §6.1–6.3, §7.2.10, §7.2.11, §10.1.1
import { describe, expect, it } from 'vitest';
import { getInitialSnapshot, transition } from 'xstate';
import { applyChanges } from '../../../src/muc/core/apply-changes.js';
import { Effects } from '../../../src/muc/effects.js';
import { FEATURES } from '../../../src/muc/features/index.js';
import { HookBus } from '../../../src/muc/hook-bus.js';
import {
  chooseRoute,
  type ServiceContext,
  type ServiceEvent,
  serviceMachine,
  serviceRoutes,
} from '../../../src/muc/service-machine.js';
import { stanza } from '../../helpers/stanza.js';

function context(): ServiceContext {
  return {
    domain: 'conference.localhost',
    rooms: new Map(),
    tombstones: new Map([
      ['gone@conference.localhost', { alternateVenue: undefined, reason: 'Closed' }],
    ]),
    admins: new Set(),
    roomServices: {
      bus: new HookBus(FEATURES),
      applyChanges,
      extras: new Set(),
      env: { now: () => 0, nextId: () => 'id', schedule: () => {} },
      occupantIdSecret: 'secret',
      vcards: new Map(),
    },
    handle: () => {},
  };
}

/** Runs the chart on one stanza through xstate's interpreter: the chosen actions, executed. */
function run(service: ServiceContext, xml: string): { actions: string[]; effects: Effects } {
  const effects = new Effects();
  const [, actions] = transition(serviceMachine, getInitialSnapshot(serviceMachine, service), {
    type: 'stanza.received',
    stanza: stanza(xml),
    effects,
  });
  for (const action of actions) action.exec?.(action.info, action.params);
  return { actions: actions.map((action) => action.type), effects };
}

const sent = (effects: Effects) =>
  effects.entries.flatMap((entry) => (entry.kind === 'stanza' ? [entry.stanza.toString()] : []));

describe('the service chart', () => {
  it('creates a room with its own action, in the context it is given', () => {
    const service = context();
    const { actions } = run(
      service,
      `<presence from='romeo@localhost/r' to='garden@conference.localhost/Romeo'><x xmlns='http://jabber.org/protocol/muc'/></presence>`,
    );
    expect(actions).toEqual(['openRoom']);
    expect(service.rooms.get('garden@conference.localhost')?.occupantByNick('Romeo')?.role).toBe(
      'moderator',
    );
  });

  it('answers a tombstone with gone, and a missing room with item-not-found, from the service', () => {
    const gone = run(
      context(),
      `<message from='romeo@localhost/r' to='gone@conference.localhost' id='1'/>`,
    );
    expect(gone.actions).toEqual(['replyGone']);
    expect(sent(gone.effects)).toEqual([
      `<message type="error" from="gone@conference.localhost" to="romeo@localhost/r" id="1"><error type="cancel" by="conference.localhost"><gone xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/><text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas">Closed</text></error></message>`,
    ]);
    const missing = run(
      context(),
      `<message from='romeo@localhost/r' to='none@conference.localhost' id='2'/>`,
    );
    expect(missing.actions).toEqual(['refuseMissingRoom']);
    expect(sent(missing.effects)[0]).toContain('<item-not-found');
  });

  it('hands a vCard query to the feature that answers it for the host, room or not', () => {
    const { actions, effects } = run(
      context(),
      `<iq type='get' from='romeo@localhost/r' to='none@conference.localhost' id='v'><vCard xmlns='vcard-temp'/></iq>`,
    );
    expect(actions).toEqual(['handleHostIq']);
    expect(effects.entries.map((entry) => entry.kind === 'stanza' && entry.by)).toEqual(['vcard']);
  });
});

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

describe('serviceRoutes', () => {
  const service = context();
  run(
    service,
    `<presence from='romeo@localhost/r' to='open@conference.localhost/Romeo'><x xmlns='http://jabber.org/protocol/muc'/></presence>`,
  );

  /** The action xstate's own interpreter picks for one stanza, without running it. */
  function chosenByXstate(event: ServiceEvent): string[] {
    const [, actions] = transition(
      serviceMachine,
      getInitialSnapshot(serviceMachine, service),
      event,
    );
    return actions.map((action) => action.type);
  }

  it.each(STANZAS)('routes %s as the chart does', (xml) => {
    const event: ServiceEvent = {
      type: 'stanza.received',
      stanza: stanza(xml),
      effects: new Effects(),
    };
    const route = chooseRoute(serviceRoutes(), service, event);
    expect([route?.action]).toEqual(chosenByXstate(event));
  });
});
