// Who a room may address, and how iqs are answered: stanzas go to occupants, to the sender, or to whom an invitation names; every iq get or set gets one answer — XEP-0045 §7.4, §7.8, §17.4; RFC 6120 §8.2.3
// The world drops what is addressed to a closed session (a `dropped` entry): a room that still
// counts such a session is caught here, where the drop is visible.
import type { Element } from 'ltx';
import type { TraceEntry } from '../../muc/trace.js';
import { domainOf } from '../../xmpp/jid.js';
import { NS } from '../../xmpp/namespaces.js';
import { firstChild } from '../../xmpp/xml.js';
import type { Source } from './addresses.js';
import { type Oracle, type Violation, violation } from './context.js';
import type { StepInput } from './inputs.js';
import { prepNick } from './nicks.js';
import { mayGoUnanswered } from './prosody-rules.js';
import { bareOf } from './room-model.js';
import { factsOf, type StanzaFacts } from './stanza-facts.js';

/** Whether `to` is whom an invitation or a decline of the input names. */
function isInvitee(input: StepInput | undefined, stanza: Element, to: string): boolean {
  const request = input?.request;
  if ((request?.kind !== 'invite' && request?.kind !== 'decline') || request.to === undefined)
    return false;
  const facts = factsOf(stanza);
  if (!facts.mucUser || !facts[request.kind]) return false;
  return bareOf(request.to) === bareOf(to);
}

/** §7.4 and the rest: a stanza from the service goes to the room's occupants, the sender, or an invitee. */
export function checkRecipient(
  oracle: Oracle,
  source: Source,
  stanza: Element,
  to: string,
  input: StepInput | undefined,
  dropped: boolean,
): Violation | undefined {
  oracle.checks += 1;
  if (input && to === input.sender) return undefined;
  const roomJid = source.room;
  const room = roomJid === undefined ? undefined : oracle.rooms.get(roomJid);
  if (room?.nickBySession.has(to) && !dropped) return undefined;
  if (roomJid !== undefined && oracle.step.left.get(roomJid)?.has(to)) return undefined;
  if (isInvitee(input, stanza, to)) return undefined;
  const what = `${stanza.attrs.type ?? ''} ${stanza.name}`.trim();
  const from = stanza.attrs.from as string;
  return violation(
    'delivery',
    dropped
      ? `${from} sent a ${what} to ${to}, which is not connected: the room still counts a closed session`
      : `${from} sent a ${what} to ${to}, which is neither in the room nor the sender`,
  );
}

type DeliveryEntry = Extract<TraceEntry, { kind: 'delivery' }>;

/**
 * Prosody 13 answers even an error message, sent by an occupant to a nick nobody holds, with
 * item-not-found (handle_message_to_occupant checks the kickable errors only): RFC 6120 §8.3.1
 * says an error is never answered with an error; mucsim does as Prosody.
 */
function isErrorToAbsentNick(oracle: Oracle, input: StepInput, answer: Element): boolean {
  if (input.stanza.name !== 'message' || input.room === undefined || input.nick === undefined)
    return false;
  const room = oracle.rooms.get(input.room);
  if (!room?.nickBySession.has(input.sender) || room.occupants.has(prepNick(input.nick) ?? ''))
    return false;
  const error = firstChild(answer, 'error');
  return error !== undefined && firstChild(error, 'item-not-found', NS.stanzas) !== undefined;
}

/** Relayed iqs (§17.4) waiting for their answer, by requester and id. */
export class RelayLedger {
  private readonly pending = new Map<string, number>();

  /** Every iq get or set a client sent to the service gets exactly one answer, unless relayed. */
  checkAnswered(
    oracle: Oracle,
    input: StepInput,
    deliveries: readonly DeliveryEntry[],
  ): Violation | undefined {
    const { stanza, sender } = input;
    const type = stanza.attrs.type;
    if (input.origin !== 'client' || stanza.name !== 'iq' || (type !== 'get' && type !== 'set'))
      return undefined;
    if (input.to === undefined || domainOf(input.to) !== oracle.mucDomain) return undefined;
    oracle.checks += 1;
    const id = stanza.attrs.id;
    let answers = 0;
    let relayed = false;
    for (const delivery of deliveries) {
      const answer = delivery.stanza;
      if (answer.name !== 'iq') continue;
      const answerType = answer.attrs.type;
      if (answerType === 'get' || answerType === 'set') relayed = true;
      else if (delivery.to === sender && answer.attrs.id === id) answers += 1;
    }
    if (answers === 1 || (answers === 0 && mayGoUnanswered(stanza))) return undefined;
    if (answers === 0 && relayed) {
      if (id !== undefined) this.remember(`${sender}\n${id}`);
      return undefined;
    }
    return violation(
      'request-reply',
      `iq ${type} ${id ?? '(no id)'} from ${sender} to ${input.to} got ${answers} answers`,
    );
  }

  /** An answer to a relayed iq reaches its requester once; an iq result or error is never answered with an error. */
  checkReply(
    oracle: Oracle,
    delivery: DeliveryEntry,
    facts: StanzaFacts,
    input: StepInput | undefined,
  ): Violation | undefined {
    const { stanza, to } = delivery;
    if (!input) return undefined;
    const inputType = input.stanza.attrs.type;
    const isAnswer =
      inputType === 'error' || (input.stanza.name === 'iq' && inputType === 'result');
    if (
      isAnswer &&
      stanza.attrs.type === 'error' &&
      to === input.sender &&
      stanza.attrs.id === input.stanza.attrs.id &&
      // A private message the room relays (to oneself, say) carries muc#user; an answer does not.
      !facts.mucUser &&
      !isErrorToAbsentNick(oracle, input, stanza)
    ) {
      return violation(
        'request-reply',
        `a ${input.stanza.name} of type ${inputType} from ${input.sender} was answered with an error`,
      );
    }
    if (
      stanza.name !== 'iq' ||
      (stanza.attrs.type !== 'result' && stanza.attrs.type !== 'error') ||
      !isAnswer
    )
      return undefined;
    const key = `${to}\n${stanza.attrs.id}`;
    const answers = this.pending.get(key);
    if (answers === undefined) return undefined;
    oracle.checks += 1;
    if (answers >= 1)
      return violation(
        'request-reply',
        `the relayed iq ${stanza.attrs.id} of ${to} was answered twice`,
      );
    this.pending.set(key, answers + 1);
    return undefined;
  }

  private remember(key: string): void {
    this.pending.set(key, 0);
    if (this.pending.size > 1024) this.pending.delete(this.pending.keys().next().value as string);
  }
}
