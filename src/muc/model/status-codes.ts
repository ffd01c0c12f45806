// The muc#user status codes and what each means — XEP-0045 §12 and the §16.6.2 registry
export interface StatusCodeInfo {
  code: string;
  short: string;
  meaning: string;
  section: string;
}

const entries: StatusCodeInfo[] = [
  {
    code: '100',
    short: 'non-anonymous',
    meaning: 'any occupant may see your full JID',
    section: '§7.2.3',
  },
  {
    code: '101',
    short: 'affiliation changed while away',
    meaning: 'your affiliation changed while you were not in the room',
    section: '§18.1',
  },
  {
    code: '102',
    short: 'shows unavailable members',
    meaning: 'the room now shows unavailable members',
    section: '§16.6.2',
  },
  {
    code: '103',
    short: 'hides unavailable members',
    meaning: 'the room no longer shows unavailable members',
    section: '§16.6.2',
  },
  {
    code: '104',
    short: 'configuration changed',
    meaning: 'a setting that does not affect privacy changed',
    section: '§10.2.1',
  },
  {
    code: '110',
    short: 'self-presence',
    meaning: 'this presence is about you',
    section: '§7.2.2',
  },
  {
    code: '170',
    short: 'logging on',
    meaning: 'the room is now logged (Prosody: archived)',
    section: '§7.2.12',
  },
  {
    code: '171',
    short: 'logging off',
    meaning: 'the room is no longer logged',
    section: '§10.2.1',
  },
  {
    code: '172',
    short: 'now non-anonymous',
    meaning: 'the room is now non-anonymous: everyone sees real JIDs',
    section: '§10.2.1',
  },
  {
    code: '173',
    short: 'now semi-anonymous',
    meaning: 'the room is now semi-anonymous: only moderators see real JIDs',
    section: '§10.2.1',
  },
  {
    code: '201',
    short: 'room created',
    meaning: 'a new room was created (and, in Prosody, locked)',
    section: '§10.1.1',
  },
  {
    code: '210',
    short: 'nick assigned',
    meaning: 'the service assigned or changed your nickname',
    section: '§7.2.2',
  },
  {
    code: '301',
    short: 'banned',
    meaning: 'removed because banned (now an outcast)',
    section: '§9.1',
  },
  {
    code: '303',
    short: 'new nickname',
    meaning: 'the occupant changed nickname; the item carries the new one',
    section: '§7.6',
  },
  {
    code: '307',
    short: 'kicked',
    meaning: 'removed by a moderator (kick)',
    section: '§8.2',
  },
  {
    code: '321',
    short: 'removed: affiliation change',
    meaning: 'removed because the affiliation changed (members-only room)',
    section: '§9.4',
  },
  {
    code: '322',
    short: 'removed: now members-only',
    meaning: 'removed because the room became members-only',
    section: '§10.2',
  },
  {
    code: '332',
    short: 'service shutting down',
    meaning: 'removed because the MUC service is shutting down',
    section: '§11.2',
  },
  {
    code: '333',
    short: 'removed: error reply',
    meaning: 'removed because of an error reply (a ghost)',
    section: '§11.1',
  },
];

export const STATUS_CODES: ReadonlyMap<string, StatusCodeInfo> = new Map(
  entries.map((entry) => [entry.code, entry]),
);

/** "307 kicked (§8.2)": a status code in words with its section. */
export function describeStatus(code: string): string {
  const info = STATUS_CODES.get(code);
  return info ? `${code} ${info.short} (${info.section})` : `${code} (unregistered)`;
}
