// Roles: per-visit, held by an occupant — XEP-0045 §5.1
export const ROLES = ['moderator', 'participant', 'visitor', 'none'] as const;
export type Role = (typeof ROLES)[number];

/** Prosody's ranking (valid_roles): a higher rank holds more privileges. */
export const ROLE_RANK: Record<Role, number> = {
  none: 0,
  visitor: 1,
  participant: 2,
  moderator: 3,
};

export function isRole(value: string | undefined): value is Role {
  return value !== undefined && (ROLES as readonly string[]).includes(value);
}
