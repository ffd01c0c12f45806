// The addresses the oracle reads, each read once per checker: where a delivered stanza comes from (the service, a room, a nick) and what an input addresses — XEP-0045 §7 (room and occupant JIDs)
import { ForgetfulMemo } from '../../xmpp/forgetful-memo.js';
import { bareJid, domainOf, localOf, prepJid, resourceOf } from '../../xmpp/jid.js';

/** Where a stanza comes from, as far as the oracle cares: the MUC service, a room, a nick. */
export interface Source {
  /** From the MUC service or one of its rooms. */
  muc: boolean;
  room: string | undefined;
  nick: string | undefined;
}

/** What an input's `to` names, prepared. */
export interface Target {
  /** The prepared `to`, when it is a valid JID. */
  to: string | undefined;
  /** The room (bare JID) addressed, when `to` is at the MUC service and names a room. */
  room: string | undefined;
  /** The nick addressed (`to`'s resource), when it names one. */
  nick: string | undefined;
  /** Whether `to` is the MUC service itself. */
  toService: boolean;
}

const NOT_MUC: Source = { muc: false, room: undefined, nick: undefined };
const NO_TARGET: Target = { to: undefined, room: undefined, nick: undefined, toService: false };
/** Addresses remembered, each way; past this, all are forgotten (the cast uses few). */
const LIMIT = 4096;

function readSource(from: string, mucDomain: string): Source {
  if (domainOf(from) !== mucDomain) return NOT_MUC;
  const atRoom = localOf(from) !== undefined;
  return {
    muc: true,
    room: atRoom ? bareJid(from) : undefined,
    nick: atRoom ? resourceOf(from) : undefined,
  };
}

function readTarget(raw: string, mucDomain: string): Target {
  const to = prepJid(raw);
  if (to === undefined) return NO_TARGET;
  const atService = domainOf(to) === mucDomain;
  const names = atService && localOf(to) !== undefined;
  return {
    to,
    room: names ? bareJid(to) : undefined,
    nick: names ? resourceOf(to) : undefined,
    toService: atService && !names && resourceOf(to) === undefined,
  };
}

/** The addresses of one MUC service, read once each: the same few come back step after step. */
export class Addresses {
  private readonly sources = new ForgetfulMemo<string, Source>(LIMIT);
  private readonly targets = new ForgetfulMemo<string, Target>(LIMIT);
  private readonly readSource = (from: string) => readSource(from, this.mucDomain);
  private readonly readTarget = (raw: string) => readTarget(raw, this.mucDomain);

  constructor(readonly mucDomain: string) {}

  source(from: string | undefined): Source {
    return from === undefined ? NOT_MUC : this.sources.get(from, this.readSource);
  }

  target(raw: string | undefined): Target {
    return raw === undefined ? NO_TARGET : this.targets.get(raw, this.readTarget);
  }
}
