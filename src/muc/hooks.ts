// Hook names, priorities and the Feature shape: each XEP-0045 feature plugs into the room at Prosody's decision points (§7–§10)
import type { Element } from 'ltx';
import type { FieldOption, FieldValue, FormField } from '../xmpp/data-form.js';
import type { StanzaErrorSpec } from '../xmpp/stanza-error.js';
import type { Effects } from './effects.js';
import type { Affiliation } from './model/affiliation.js';
import type { RoomConfig } from './model/config.js';
import type { RoomChange } from './room-change.js';
import type { OccupantView, RoomView } from './room-view.js';

/**
 * What every hook and iq handler gets: the room, read-only, and where the room's output for this
 * stanza goes (what it sends). What should change in the room, it returns.
 */
export interface RoomEvent {
  room: RoomView;
  /** The output of the stanza being handled: what is sent, and the transitions recorded. */
  out: Effects;
}

/**
 * A hook's answer: stop with an error; or the changes the core is to make (applied before the
 * next hook runs), and whether that handled the event (nothing after it runs); or pass.
 */
export type HookOutcome =
  | { veto: StanzaErrorSpec }
  | { handled?: true; changes?: readonly RoomChange[] }
  | undefined;

export interface PreJoinEvent extends RoomEvent {
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

export interface NickChangeEvent extends RoomEvent {
  stanza: Element;
  occupant: OccupantView;
  realJid: string;
  newNick: string;
}

export interface SessionJoinedEvent extends RoomEvent {
  occupant: OccupantView;
  realJid: string;
  /** The presence that joined (or resynced): its muc `<x/>` asks for history. */
  stanza: Element;
}

export interface OccupantLeftEvent extends RoomEvent {
  occupant: OccupantView;
}

export interface StanzaEvent extends RoomEvent {
  stanza: Element;
  /** The sender's occupant, when the sender is in the room. */
  occupant: OccupantView | undefined;
}

export interface VoiceRequestEvent extends StanzaEvent {
  occupant: OccupantView;
  /** The submitted `jabber:x:data` form. */
  form: Element;
}

export interface PrivateMessageEvent extends StanzaEvent {
  recipient: OccupantView;
}

export interface InviteEvent extends RoomEvent {
  stanza: Element;
  inviter: string;
  /** How the invitee is told who invited: the occupant JID in a semi-anonymous room. */
  shownInviter: string;
  invitee: string;
  reason: string | undefined;
}

/** muc-invite: the invitation the room is about to send, for the features to add to. */
export interface InvitationEvent extends InviteEvent {
  invitation: Element;
}

export interface AffiliationEvent extends RoomEvent {
  /** Real JID of who asked, or undefined when the room itself decided. */
  actor: string | undefined;
  jid: string;
  previous: Affiliation;
  affiliation: Affiliation;
  reason: string | undefined;
  reservedNick: string | undefined;
}

export interface PresenceBuildEvent extends RoomEvent {
  occupant: OccupantView;
  presence: Element;
}

export interface MessageBuildEvent extends RoomEvent {
  occupant: OccupantView | undefined;
  message: Element;
}

/** The history a joiner asks for (§7.2.14): each limit, or none. */
export interface HistoryRequest {
  maxchars: number | undefined;
  maxstanzas: number | undefined;
  /** Simulated milliseconds: messages older than this are not sent. */
  since: number | undefined;
}

/** Prosody's muc-get-history: the joiner's limits; the handler that answers fills `stanzas`. */
export interface HistoryRequestEvent extends HistoryRequest, RoomEvent {
  to: string;
  stanzas: Element[] | undefined;
}

export interface ConfigSubmittedEvent extends RoomEvent {
  actor: string;
  before: RoomConfig;
  after: RoomConfig;
  statusCodes: Set<string>;
}

export interface DiscoInfoEvent extends RoomEvent {
  requester: string;
  features: string[];
  info: FormField[];
}

/** disco#info on a node of the room: the reply's `<query node=…>`, for the feature that knows the node to fill. */
export interface DiscoNodeEvent extends RoomEvent {
  requester: string;
  query: Element;
}

export interface RoomDestroyedEvent extends RoomEvent {
  alternateVenue: string | undefined;
  reason: string | undefined;
  password: string | undefined;
}

/** A room being created by its first presence (Prosody's muc-room-pre-create): features set it up. */
export interface RoomCreationEvent extends RoomEvent {
  stanza: Element;
}

export interface HookEvents {
  'muc-room-pre-create': RoomCreationEvent;
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
  'muc-invite': InvitationEvent;
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
  'muc-disco#info/x-roomuser-item': DiscoNodeEvent;
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

export interface IqContext extends RoomEvent {
  stanza: Element;
  /** The first child of the iq (its query). */
  payload: Element;
  occupant: OccupantView | undefined;
}

/**
 * An iq handler's answer, as xmpp.js's callee returns it: the reply (a stanza, or the error to
 * answer with), sent first, then the changes the core is to make; nothing when it answers later
 * (or never, as Prosody does where it raises).
 */
export interface IqAnswer {
  reply?: Element | StanzaErrorSpec;
  changes?: readonly RoomChange[];
}

/** Handles an iq to the room; keyed `"get <xmlns>"` or `"set <xmlns>"` of the payload. */
export type IqHandler = (context: IqContext) => IqAnswer | undefined;

/** What another module of the host gets for an iq it answers (see `HostIq`). */
export interface HostIqContext {
  stanza: Element;
  /** The room at the iq's bare JID, if there is one. */
  room: RoomView | undefined;
  out: Effects;
  /** mod_vcard's store on the MUC host, by room node: vCards outlive their rooms. */
  vcards: Map<string, Element>;
}

/**
 * An iq another module of the MUC host answers before the MUC looks for the room (Prosody's
 * mod_vcard, mod_muc_mam), whether or not the room exists.
 */
export interface HostIq {
  matches(stanza: Element): boolean;
  answer(context: HostIqContext): IqAnswer;
}

/** One field of the muc#roomconfig form (§10.2), owned by the feature it configures. */
export interface ConfigField {
  /** Prosody's muc-config-form priority: the form lists fields highest first (equal ones in list order). */
  priority: number;
  /** The short name the debugger's `config` command gives the field (`membersonly=1`), if it has one. */
  word?: string;
  /**
   * What a typed value may be, when the field's type and options do not say it all (the
   * debugger checks typed values against it): e.g. any whole number where the form offers a few.
   */
  typed?: TypedValue;
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

/** A check of a typed configuration value, and how to say what it expects. */
export interface TypedValue {
  /** What the value must be, to end the sentence "<word> must be …". */
  expected: string;
  accepts(value: string): boolean;
}

/** A word the room panes show about the room (`members-only`, `semi-anonymous`), from one feature's configuration. */
export interface RoomFlag {
  /** Where it stands among the flags, lowest first. */
  order: number;
  /** The word for this configuration, or none. */
  of(config: RoomConfig): string | undefined;
}

export interface Feature {
  /** The Prosody twin's name, e.g. `members-only` for members_only.lib.lua. */
  name: string;
  /** Where XEP-0045 describes it, e.g. `§7.2.6`. */
  section: string;
  hooks?: HookHandlers;
  config?: ConfigField[];
  /** What the room panes say about the room because of this feature. */
  flag?: RoomFlag;
  iq?: Record<string, IqHandler>;
  /** The iqs it answers for the whole host, before the MUC looks for a room. */
  hostIq?: HostIq;
}
