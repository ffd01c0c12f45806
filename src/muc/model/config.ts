// Room configuration values and Prosody's defaults for a new room — XEP-0045 §10.2 and §16.5.3
import type { Role } from './role.js';

export type Whois = 'moderators' | 'anyone';
export type BroadcastRole = Role;
/** The lowest role that may send private messages (Prosody's values; the XEP's are anyone/participants/moderators/none). */
export type AllowPm = 'visitor' | 'participant' | 'moderator' | 'affiliated' | 'none';

/** Older names (prosody-modules' mod_muc_restrict_pm) that Prosody's getter still maps. */
const ALLOW_PM_COMPAT: Record<string, AllowPm> = {
  everyone: 'visitor',
  participants: 'participant',
  moderators: 'moderator',
  members: 'affiliated',
};

/** restrict_pm.lib.lua's get_allow_pm: the stored value, its old names mapped, `visitor` by default. */
export function effectiveAllowPm(config: RoomConfig): string {
  const stored = config.allowPm;
  return (stored !== undefined && ALLOW_PM_COMPAT[stored]) || stored || 'visitor';
}

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
  /** The roles whose presence is broadcast; Prosody also keeps any other word a form submitted. */
  presenceBroadcast: ReadonlySet<BroadcastRole | string>;
  historyLength: number;
  defaultHistoryMessages: number;
  /**
   * Prosody's allow_pm as stored: whatever a submitted form said (undefined when it said
   * nothing); `effectiveAllowPm` reads it as Prosody's getter does.
   */
  allowPm: string | undefined;
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
    allowPm: undefined,
    allowModPm: false,
    maxUsers: 0,
    archiving: true,
    allowUnaffiliatedRegister: false,
  };
}
