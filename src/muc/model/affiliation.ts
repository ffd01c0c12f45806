// Affiliations: long-lived, keyed by bare JID — XEP-0045 §5.2
export const AFFILIATIONS = ['owner', 'admin', 'member', 'none', 'outcast'] as const;
export type Affiliation = (typeof AFFILIATIONS)[number];

/** Prosody's ranking (valid_affiliations): a higher rank holds more privileges. */
export const AFFILIATION_RANK: Record<Affiliation, number> = {
  outcast: 0,
  none: 1,
  member: 2,
  admin: 3,
  owner: 4,
};

/** Glyphs poezio users know; never convey an affiliation by colour alone. */
export const AFFILIATION_GLYPH: Record<Affiliation, string> = {
  owner: '~',
  admin: '&',
  member: '+',
  none: '-',
  outcast: '!',
};

export function isAffiliation(value: string | undefined): value is Affiliation {
  return value !== undefined && (AFFILIATIONS as readonly string[]).includes(value);
}
