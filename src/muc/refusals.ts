// Error replies several features share — XEP-0045 §7.2.17 and §17.2 ("the sender is not an occupant")
import type { StanzaErrorSpec } from '../xmpp/stanza-error.js';

const NOT_CONNECTED = 'You are not currently connected to this chat';

/** §7.4/§7.5/§17.3: a non-occupant's message, private message, IQ or probe (Prosody's wording). */
export const NOT_AN_OCCUPANT: StanzaErrorSpec = {
  type: 'cancel',
  condition: 'not-acceptable',
  text: NOT_CONNECTED,
};

/** §7.5, §6.6: a private message or an iq to a nick nobody holds (Prosody's wording, from the room). */
export function notInRoom(room: string): StanzaErrorSpec {
  return { type: 'cancel', condition: 'item-not-found', text: 'Recipient not in room', by: room };
}

/** §7.2.18 as Prosody answers it: presence without `<x/>` from someone not in the room. */
export const NOT_JOINED: StanzaErrorSpec = {
  type: 'cancel',
  condition: 'item-not-found',
  text: NOT_CONNECTED,
};
