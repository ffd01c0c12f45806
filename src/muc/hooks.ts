// Hook names, priorities and the Feature shape: each XEP-0045 feature plugs into the room at Prosody's decision points (§7–§10)
import type { Element } from 'ltx';
import type { FieldOption, FieldValue, FormField } from '../xmpp/data-form.js';
import type { StanzaErrorSpec } from '../xmpp/stanza-error.js';
import type { Affiliation } from './model/affiliation.js';
import type { RoomConfig } from './model/config.js';
import type { Occupant } from './model/occupant.js';
import type { Room } from './room.js';

/** A hook's answer: stop with an error, stop because it handled the stanza, or pass. */
export type HookOutcome = { veto: StanzaErrorSpec } | 'handled' | undefined;

export interface PreJoinEvent {
  room: Room;
  stanza: Element;
  nick: string;
  realJid: string;
  bareJid: string;
  affiliation: Affiliation;
  /** The `<x xmlns='http://jabber.org/protocol/muc'>` of the join presence. */
  mucX: Element | undefined;
  /** The room was created by this very presence. */
  isCreation: boolean;
}

export interface NickChangeEvent {
  room: Room;
  stanza: Element;
  occupant: Occupant;
  realJid: string;
  newNick: string;
}

export interface SessionJoinedEvent {
  room: Room;
  occupant: Occupant;
  realJid: string;
  /** The presence that joined (or resynced): its muc `<x/>` asks for history. */
  stanza: Element;
}

export interface OccupantLeftEvent {
  room: Room;
  occupant: Occupant;
}

export interface StanzaEvent {
  room: Room;
  stanza: Element;
  /** The sender's occupant, when the sender is in the room. */
  occupant: Occupant | undefined;
}

export interface VoiceRequestEvent extends StanzaEvent {
  occupant: Occupant;
  /** The submitted `jabber:x:data` form. */
  form: Element;
}

export interface PrivateMessageEvent extends StanzaEvent {
  recipient: Occupant;
}

export interface InviteEvent {
  room: Room;
  stanza: Element;
  inviter: string;
  /** How the invitee is told who invited: the occupant JID in a semi-anonymous room. */
  shownInviter: string;
  invitee: string;
  reason: string | undefined;
}

export interface AffiliationEvent {
  room: Room;
  /** Real JID of who asked, or undefined when the room itself decided. */
  actor: string | undefined;
  jid: string;
  previous: Affiliation;
  affiliation: Affiliation;
  reason: string | undefined;
  reservedNick: string | undefined;
}

export interface PresenceBuildEvent {
  room: Room;
  occupant: Occupant;
  presence: Element;
}

export interface MessageBuildEvent {
  room: Room;
  occupant: Occupant | undefined;
  message: Element;
}

/** Prosody's muc-get-history: the joiner's limits; the handler that answers fills `stanzas`. */
export interface HistoryRequestEvent {
  room: Room;
  to: string;
  maxchars: number | undefined;
  maxstanzas: number | undefined;
  /** Simulated milliseconds. */
  since: number | undefined;
  stanzas: Element[] | undefined;
}

export interface ConfigSubmittedEvent {
  room: Room;
  actor: string;
  before: RoomConfig;
  after: RoomConfig;
  statusCodes: Set<string>;
}

export interface DiscoInfoEvent {
  room: Room;
  requester: string;
  features: string[];
  info: FormField[];
}

export interface RoomDestroyedEvent {
  room: Room;
  alternateVenue: string | undefined;
  reason: string | undefined;
  password: string | undefined;
}

export interface HookEvents {
  'muc-occupant-pre-join': PreJoinEvent;
  'muc-occupant-pre-change': NickChangeEvent;
  /** A new occupant is in, after its presence went out: before its history and subject (Prosody's muc-occupant-joined). */
  'muc-occupant-joined': SessionJoinedEvent;
  'muc-occupant-session-new': SessionJoinedEvent;
  'muc-occupant-left': OccupantLeftEvent;
  'muc-occupant-groupchat': StanzaEvent;
  'muc-private-message': PrivateMessageEvent;
  /** A muc#request form from an occupant that is not a moderator (§7.13). */
  'muc-voice-request': VoiceRequestEvent;
  /** A muc#request form from a moderator: the answer to a request (§8.6). */
  'muc-voice-response': VoiceRequestEvent;
  'muc-pre-invite': InviteEvent;
  'muc-invite': InviteEvent;
  'muc-pre-set-affiliation': AffiliationEvent;
  'muc-set-affiliation': AffiliationEvent;
  'muc-build-occupant-presence': PresenceBuildEvent;
  /** Once per status change told to the room (not for a probe's answer): the base presence. */
  'muc-broadcast-presence': PresenceBuildEvent;
  'muc-broadcast-message': MessageBuildEvent;
  /** A historic message (a body, a store hint…): the archive and the room's history keep it. */
  'muc-add-history': MessageBuildEvent;
  'muc-get-history': HistoryRequestEvent;
  'muc-config-submitted': ConfigSubmittedEvent;
  'muc-disco#info': DiscoInfoEvent;
  'muc-room-destroyed': RoomDestroyedEvent;
}

export type HookName = keyof HookEvents;

export interface HookHandler<K extends HookName> {
  /** Prosody's priority: higher runs first, and the first veto wins. Notifications return nothing. */
  priority: number;
  // biome-ignore lint/suspicious/noConfusingVoidType: notification hooks return nothing at all
  run(event: HookEvents[K]): HookOutcome | void;
}

export type HookHandlers = { [K in HookName]?: HookHandler<K> };

export interface IqContext {
  room: Room;
  stanza: Element;
  /** The first child of the iq (its query). */
  payload: Element;
  occupant: Occupant | undefined;
}

/** Handles an iq to the room; keyed `"get <xmlns>"` or `"set <xmlns>"` of the payload. */
export type IqHandler = (context: IqContext) => void;

/** One field of the muc#roomconfig form (§10.2), owned by the feature it configures. */
export interface ConfigField {
  /** Prosody's muc-config-form priority: the form lists fields highest first (equal ones in list order). */
  priority: number;
  /** The field's layout; its value comes from `read`. */
  field: Omit<FormField, 'value'>;
  /** Options built from the current configuration: the current choice is marked `default`. */
  options?(config: RoomConfig): FieldOption[];
  /** The value the form shows, as Prosody's getter returns it: `undefined` shows no `<value>`. */
  read(config: RoomConfig): FieldValue;
  /** Applies a submitted value to the draft (`undefined` where Prosody reads nil); true when it changed. */
  write(config: RoomConfig, value: FieldValue): boolean;
  /** The status codes of the change notice (default: 104 when it changed), e.g. 172/173 for whois. */
  codes?(value: FieldValue, changed: boolean): string[];
  /**
   * The message of the Lua error Prosody's setter raises on this value (an `assert`), if it
   * does: the handler stops there, the form is not saved and the owner gets no answer.
   */
  raises?(value: FieldValue): string | undefined;
}

export interface Feature {
  /** The Prosody twin's name, e.g. `members-only` for members_only.lib.lua. */
  name: string;
  /** Where XEP-0045 describes it, e.g. `§7.2.6`. */
  section: string;
  hooks?: HookHandlers;
  config?: ConfigField[];
  iq?: Record<string, IqHandler>;
}
