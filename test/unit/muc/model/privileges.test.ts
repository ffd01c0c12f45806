// Tests for the privilege tables of XEP-0045 §5 (Tables 3–7) with Prosody's decisions where the XEP leaves room
import { describe, expect, it } from 'vitest';
import type { Affiliation } from '../../../../src/muc/model/affiliation.js';
import {
  type AffiliationChange,
  checkAffiliationChange,
  checkRoleChange,
  defaultRole,
  mayChangeSubject,
  mayEnterMembersOnly,
  mayRegister,
  mayRetrieveAffiliationList,
  mayRetrieveRoleList,
  type RoleChange,
  roleMay,
} from '../../../../src/muc/model/privileges.js';
import type { Role } from '../../../../src/muc/model/role.js';

const notAllowed = { type: 'cancel', condition: 'not-allowed' };
const conflict = { type: 'cancel', condition: 'conflict' };

describe('defaultRole (Table 4, §5.1.2)', () => {
  // Columns: open unmoderated, open moderated, members-only unmoderated, members-only moderated.
  const table: [Affiliation, Role, Role, Role, Role][] = [
    ['owner', 'moderator', 'moderator', 'moderator', 'moderator'],
    ['admin', 'moderator', 'moderator', 'moderator', 'moderator'],
    ['member', 'participant', 'participant', 'participant', 'participant'],
    ['none', 'participant', 'visitor', 'none', 'none'],
    ['outcast', 'none', 'none', 'none', 'none'],
  ];

  it.each(table)(
    '%s enters as %s / %s (open) and %s / %s (members-only)',
    (affiliation, ...roles) => {
      const kinds = [
        { membersOnly: false, moderated: false },
        { membersOnly: false, moderated: true },
        { membersOnly: true, moderated: false },
        { membersOnly: true, moderated: true },
      ];

      expect(kinds.map((kind) => defaultRole(affiliation, kind))).toEqual(roles);
    },
  );
});

describe('checkRoleChange (Table 5, §5.1.3, as Prosody’s may_set_role)', () => {
  /** A moderator without affiliation kicking a participant without affiliation; tests override. */
  const change = (overrides: Partial<RoleChange>): RoleChange => ({
    actorAffiliation: 'none',
    actorRole: 'moderator',
    targetAffiliation: 'none',
    targetRole: 'participant',
    newRole: 'none',
    ...overrides,
  });

  it('lets a moderator kick a participant', () => {
    expect(checkRoleChange(change({}))).toBeUndefined();
  });

  it('refuses a participant who tries to kick', () => {
    expect(checkRoleChange(change({ actorRole: 'participant' }))).toEqual(notAllowed);
  });

  it('refuses an owner who is not in the room: the actor must be a moderator occupant', () => {
    expect(checkRoleChange(change({ actorAffiliation: 'owner', actorRole: 'none' }))).toEqual(
      notAllowed,
    );
  });

  it('lets a moderator grant and revoke voice', () => {
    expect(
      checkRoleChange(change({ targetRole: 'visitor', newRole: 'participant' })),
    ).toBeUndefined();
    expect(
      checkRoleChange(change({ targetRole: 'participant', newRole: 'visitor' })),
    ).toBeUndefined();
  });

  it('refuses an unaffiliated moderator who kicks an admin', () => {
    const kick = change({ targetAffiliation: 'admin', targetRole: 'moderator' });

    expect(checkRoleChange(kick)).toEqual(notAllowed);
  });

  it('compares affiliation ranks only, as Prosody does: an owner may kick an owner, an admin an admin', () => {
    const kickModerator = { targetRole: 'moderator' as const };

    expect(
      checkRoleChange(
        change({ ...kickModerator, actorAffiliation: 'owner', targetAffiliation: 'owner' }),
      ),
    ).toBeUndefined();
    expect(
      checkRoleChange(
        change({ ...kickModerator, actorAffiliation: 'admin', targetAffiliation: 'admin' }),
      ),
    ).toBeUndefined();
    expect(
      checkRoleChange(
        change({ ...kickModerator, actorAffiliation: 'admin', targetAffiliation: 'owner' }),
      ),
    ).toEqual(notAllowed);
  });

  it('refuses an unaffiliated moderator who kicks a member (a higher affiliation)', () => {
    expect(checkRoleChange(change({ targetAffiliation: 'member' }))).toEqual(notAllowed);
  });

  it('lets only admins and owners grant moderator', () => {
    const grant = { targetRole: 'participant' as const, newRole: 'moderator' as const };

    expect(checkRoleChange(change({ ...grant, actorAffiliation: 'member' }))).toEqual(notAllowed);
    expect(checkRoleChange(change({ ...grant, actorAffiliation: 'none' }))).toEqual(notAllowed);
    expect(checkRoleChange(change({ ...grant, actorAffiliation: 'admin' }))).toBeUndefined();
    expect(checkRoleChange(change({ ...grant, actorAffiliation: 'owner' }))).toBeUndefined();
  });

  it('lets only admins and owners revoke moderator or kick a moderator', () => {
    const fromModerator = { targetRole: 'moderator' as const };

    expect(checkRoleChange(change({ ...fromModerator, newRole: 'participant' }))).toEqual(
      notAllowed,
    );
    expect(checkRoleChange(change({ ...fromModerator, newRole: 'none' }))).toEqual(notAllowed);
    expect(
      checkRoleChange(
        change({ ...fromModerator, newRole: 'participant', actorAffiliation: 'admin' }),
      ),
    ).toBeUndefined();
  });
});

describe('checkAffiliationChange (Table 7, §5.2.2, as Prosody’s set_affiliation)', () => {
  /** An owner making an unaffiliated user a member; tests override. */
  const change = (overrides: Partial<AffiliationChange>): AffiliationChange => ({
    actorAffiliation: 'owner',
    actorIsTarget: false,
    targetAffiliation: 'none',
    newAffiliation: 'member',
    otherOwners: 0,
    ...overrides,
  });
  const self = (targetAffiliation: Affiliation, newAffiliation: Affiliation, otherOwners: number) =>
    change({ actorIsTarget: true, targetAffiliation, newAffiliation, otherOwners });

  it('lets an owner make any change to others, owners included', () => {
    expect(checkAffiliationChange(change({ newAffiliation: 'owner' }))).toBeUndefined();
    expect(
      checkAffiliationChange(change({ targetAffiliation: 'owner', newAffiliation: 'outcast' })),
    ).toBeUndefined();
  });

  it('answers conflict to the last owner lowering his own affiliation (§10.4)', () => {
    expect(checkAffiliationChange(self('owner', 'admin', 0))).toEqual(conflict);
    expect(checkAffiliationChange(self('owner', 'none', 0))).toEqual(conflict);
  });

  it('answers conflict to the last owner banning himself (§9.1)', () => {
    expect(checkAffiliationChange(self('owner', 'outcast', 0))).toEqual(conflict);
  });

  it('lets an owner with a co-owner step down or even ban himself (Prosody)', () => {
    expect(checkAffiliationChange(self('owner', 'member', 1))).toBeUndefined();
    expect(checkAffiliationChange(self('owner', 'outcast', 1))).toBeUndefined();
  });

  it('lets the last owner "change" to owner again: not a downgrade', () => {
    expect(checkAffiliationChange(self('owner', 'owner', 0))).toBeUndefined();
  });

  it('lets an admin move users among none, member and outcast', () => {
    const byAdmin = { actorAffiliation: 'admin' as const };

    expect(
      checkAffiliationChange(change({ ...byAdmin, newAffiliation: 'member' })),
    ).toBeUndefined();
    expect(
      checkAffiliationChange(
        change({ ...byAdmin, targetAffiliation: 'member', newAffiliation: 'outcast' }),
      ),
    ).toBeUndefined();
    expect(
      checkAffiliationChange(
        change({ ...byAdmin, targetAffiliation: 'outcast', newAffiliation: 'none' }),
      ),
    ).toBeUndefined();
  });

  it('refuses an admin who touches an owner or an admin, himself included', () => {
    const byAdmin = { actorAffiliation: 'admin' as const };

    expect(
      checkAffiliationChange(
        change({ ...byAdmin, targetAffiliation: 'owner', newAffiliation: 'member' }),
      ),
    ).toEqual(notAllowed);
    expect(
      checkAffiliationChange(
        change({ ...byAdmin, targetAffiliation: 'admin', newAffiliation: 'none' }),
      ),
    ).toEqual(notAllowed);
    expect(checkAffiliationChange({ ...self('admin', 'outcast', 1), ...byAdmin })).toEqual(
      notAllowed,
    );
  });

  it('refuses an admin who makes an admin or an owner', () => {
    const byAdmin = { actorAffiliation: 'admin' as const };

    expect(checkAffiliationChange(change({ ...byAdmin, newAffiliation: 'admin' }))).toEqual(
      notAllowed,
    );
    expect(checkAffiliationChange(change({ ...byAdmin, newAffiliation: 'owner' }))).toEqual(
      notAllowed,
    );
  });

  it.each(['member', 'none', 'outcast'] as const)(
    'answers not-allowed to a %s',
    (actorAffiliation) => {
      expect(checkAffiliationChange(change({ actorAffiliation }))).toEqual(notAllowed);
    },
  );
});

describe('mayRetrieveAffiliationList (Table 6, §9.5, §10.5)', () => {
  const ask = (
    requesterAffiliation: Affiliation,
    list: Affiliation,
    room: { membersOnly?: boolean; nonAnonymous?: boolean } = {},
  ) =>
    mayRetrieveAffiliationList({
      requesterAffiliation,
      list,
      membersOnly: room.membersOnly ?? false,
      nonAnonymous: room.nonAnonymous ?? false,
    });

  it('lets an owner read every list', () => {
    expect(
      ['owner', 'admin', 'member', 'outcast'].map((list) => ask('owner', list as Affiliation)),
    ).toEqual([true, true, true, true]);
  });

  it('lets an admin read the lists of his rank or lower, not the owner list', () => {
    expect(
      ['owner', 'admin', 'member', 'outcast'].map((list) => ask('admin', list as Affiliation)),
    ).toEqual([false, true, true, true]);
  });

  it('refuses a member in an open or semi-anonymous room', () => {
    expect(ask('member', 'member')).toBe(false);
    expect(ask('member', 'member', { membersOnly: false, nonAnonymous: true })).toBe(false);
    expect(ask('member', 'member', { membersOnly: true, nonAnonymous: false })).toBe(false);
  });

  it('lets a member read every list of a members-only, non-anonymous room (1.35.0)', () => {
    const room = { membersOnly: true, nonAnonymous: true };

    expect(ask('member', 'member', room)).toBe(true);
    expect(ask('member', 'owner', room)).toBe(true);
  });

  it('refuses unaffiliated users and outcasts, whatever the room', () => {
    const room = { membersOnly: true, nonAnonymous: true };

    expect(ask('none', 'member', room)).toBe(false);
    expect(ask('outcast', 'outcast', room)).toBe(false);
  });
});

describe('the smaller rules', () => {
  it('roleMay reads Table 3: visitors may not speak to all, participants may not kick', () => {
    expect(roleMay('visitor', 'sendMessagesToAll')).toBe(false);
    expect(roleMay('participant', 'sendMessagesToAll')).toBe(true);
    expect(roleMay('participant', 'kickParticipantsAndVisitors')).toBe(false);
    expect(roleMay('moderator', 'kickParticipantsAndVisitors')).toBe(true);
    expect(roleMay('none', 'presentInRoom')).toBe(false);
  });

  it('mayChangeSubject: moderators always, participants when the room allows, visitors never', () => {
    expect(mayChangeSubject('moderator', false)).toBe(true);
    expect(mayChangeSubject('participant', false)).toBe(false);
    expect(mayChangeSubject('participant', true)).toBe(true);
    expect(mayChangeSubject('visitor', true)).toBe(false);
  });

  it('mayRetrieveRoleList: moderators only (§8.5, §9.8)', () => {
    expect(mayRetrieveRoleList('moderator')).toBe(true);
    expect(mayRetrieveRoleList('participant')).toBe(false);
  });

  it('mayEnterMembersOnly: members and above', () => {
    expect(mayEnterMembersOnly('member')).toBe(true);
    expect(mayEnterMembersOnly('none')).toBe(false);
    expect(mayEnterMembersOnly('outcast')).toBe(false);
  });

  it('mayRegister: affiliated users, unaffiliated ones when allowed, never outcasts (§7.10)', () => {
    expect(mayRegister('member', false)).toBe(true);
    expect(mayRegister('none', false)).toBe(false);
    expect(mayRegister('none', true)).toBe(true);
    expect(mayRegister('outcast', true)).toBe(false);
  });
});
