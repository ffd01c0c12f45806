// Room configuration values and Prosody's defaults for a new room — XEP-0045 §10.2 and §16.5.3
import type { Role } from './role.js';

export type Whois = 'moderators' | 'anyone';
export type BroadcastRole = Role;
/** The lowest role that may send private messages (Prosody's values; the XEP's are anyone/participants/moderators/none). */
export type AllowPm = 'visitor' | 'participant' | 'moderator' | 'affiliated' | 'none';

export interface RoomConfig {
  name: string;
  description: string;
  language: string;
  persistent: boolean;
  public: boolean;
  membersOnly: boolean;
  allowMemberInvites: boolean;
  moderated: boolean;
  whois: Whois;
  password: string;
  changeSubject: boolean;
  presenceBroadcast: ReadonlySet<BroadcastRole>;
  historyLength: number;
  defaultHistoryMessages: number;
  allowPm: AllowPm;
  /** Prosody's {xmpp:prosody.im}muc#allow_modpm: moderators may always send private messages. */
  allowModPm: boolean;
  /** 0 means unlimited. Prosody's core has no occupant limit: the max-users extra offers the XEP's field. */
  maxUsers: number;
  /** Prosody's mod_muc_mam archives the room (muc#roomconfig_enablearchiving, on by default). */
  archiving: boolean;
  allowUnaffiliatedRegister: boolean;
}

export function defaultRoomConfig(): RoomConfig {
  return {
    name: '',
    description: '',
    language: '',
    persistent: false,
    public: false,
    membersOnly: false,
    allowMemberInvites: false,
    moderated: false,
    whois: 'moderators',
    password: '',
    changeSubject: false,
    presenceBroadcast: new Set<BroadcastRole>(['visitor', 'participant', 'moderator']),
    historyLength: 20,
    defaultHistoryMessages: 20,
    allowPm: 'visitor',
    allowModPm: false,
    maxUsers: 0,
    archiving: true,
    allowUnaffiliatedRegister: false,
  };
}
