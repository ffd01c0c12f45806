// What a client can know, folded from what it received: roster, real JIDs only where sent, subject, log with status codes in words — XEP-0045 §7.2, §7.4–7.6, §8.2
import { describe, expect, it } from 'vitest';
import { ClientView } from '../../../src/describe/client-view.js';
import { parseXml } from '../../../src/xmpp/xml.js';

const ROOM = 'garden@conference.localhost';
const MUC_USER = "xmlns='http://jabber.org/protocol/muc#user'";

function feed(view: ClientView, ...stanzas: string[]): void {
  for (const [index, xml] of stanzas.entries()) {
    const parsed = parseXml(xml);
    if (!parsed.ok) throw new Error(parsed.error.message);
    view.add(parsed.element, index + 1, 0);
  }
}

const romeo = `<presence from='${ROOM}/Romeo'><x ${MUC_USER}><item affiliation='owner' role='moderator'/></x></presence>`;
const juliet = (codes: string) =>
  `<presence from='${ROOM}/Juliet'><x ${MUC_USER}><item affiliation='none' role='participant' jid='juliet@localhost/chamber'/>${codes}</x></presence>`;

describe('ClientView', () => {
  it('enters a semi-anonymous room: others without real JIDs, its own with; the log in words', () => {
    const view = new ClientView('Juliet');
    feed(
      view,
      romeo,
      juliet("<status code='110'/>"),
      `<message type='groupchat' from='${ROOM}/Romeo'><subject>Balconies</subject></message>`,
      `<message type='groupchat' from='${ROOM}/Romeo'><body>hello  there</body></message>`,
      `<message type='chat' from='${ROOM}/Romeo'><body>psst</body><x ${MUC_USER}/></message>`,
    );
    const room = view.rooms.get(ROOM);
    expect(room).toMatchObject({ nick: 'Juliet', present: true, anonymity: 'semi-anonymous' });
    expect(room?.subject).toEqual({ text: 'Balconies', by: 'Romeo' });
    expect(room?.occupants.get('Romeo')).toEqual({
      nick: 'Romeo',
      role: 'moderator',
      affiliation: 'owner',
      seq: 1,
    });
    expect(room?.occupants.get('Juliet')?.jid).toBe('juliet@localhost/chamber');
    expect(view.received).toBe(5);
    expect(view.log.map((line) => line.text)).toEqual([
      '*** garden: you entered as Juliet (participant, none); 1 already there',
      '*** Romeo set the subject: Balconies',
      '<Romeo> hello there',
      '[private] <Romeo> psst',
    ]);
  });

  it('follows nick changes, role changes and removals, and forgets the roster once it is out', () => {
    const view = new ClientView('Juliet');
    feed(
      view,
      romeo,
      juliet("<status code='100'/><status code='110'/>"),
      `<presence type='unavailable' from='${ROOM}/Romeo'><x ${MUC_USER}><item affiliation='owner' role='moderator' nick='Romy'/><status code='303'/></x></presence>`,
      `<presence from='${ROOM}/Romy'><x ${MUC_USER}><item affiliation='owner' role='moderator'/></x></presence>`,
      `<presence type='unavailable' from='${ROOM}/Juliet'><x ${MUC_USER}><item affiliation='none' role='none'/><status code='307'/><status code='110'/></x></presence>`,
      `<presence type='error' from='${ROOM}/Juliet'><error type='auth'><forbidden xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>`,
    );
    const room = view.rooms.get(ROOM);
    expect(room?.anonymity).toBe('non-anonymous');
    expect(room?.present).toBe(false);
    expect(room?.occupants.size).toBe(0);
    expect(view.log.map((line) => line.text)).toEqual([
      '*** garden: you entered as Juliet (participant, none); 1 already there — 100 non-anonymous (§7.2.3)',
      '*** Romeo is now known as Romy (303)',
      '*** you were removed — 307 kicked (§8.2)',
      '! garden: could not enter or change nick as Juliet: forbidden (auth)',
    ]);
    expect(view.log.at(-1)?.kind).toBe('error');
  });
});
