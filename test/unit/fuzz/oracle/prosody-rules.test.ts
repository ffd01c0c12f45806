// The oracle's own reading of Prosody 13's rules: affiliations by bare JID and domain bans, Table 4, may_set_role, set_affiliation, lists — XEP-0045 §5
import { Element } from 'ltx';
import { describe, expect, it } from 'vitest';
import {
  affiliationChangeRefusal,
  defaultRole,
  effectiveAffiliation,
  isKickingError,
  mayGetAffiliationList,
  mayGoUnanswered,
  roleChangeRefusal,
} from '../../../../src/fuzz/oracle/prosody-rules.js';

describe('effectiveAffiliation (Prosody get_affiliation)', () => {
  it('takes the bare JID’s own record first', () => {
    const records = new Map([
      ['u1@localhost', 'member' as const],
      ['localhost', 'outcast' as const],
    ]);
    expect(effectiveAffiliation(records, 'u1@localhost')).toBe('member');
  });

  it('applies a domain’s record to a user without one only when it is a ban', () => {
    for (const affiliation of ['owner', 'admin', 'member'] as const) {
      expect(effectiveAffiliation(new Map([['localhost', affiliation]]), 'u2@localhost')).toBe(
        'none',
      );
    }
    expect(effectiveAffiliation(new Map([['localhost', 'outcast']]), 'u2@localhost')).toBe(
      'outcast',
    );
    expect(effectiveAffiliation(new Map([['localhost', 'outcast']]), 'u2@elsewhere.example')).toBe(
      'none',
    );
  });
});

describe('defaultRole (Table 4 through muc-get-default-role)', () => {
  const open = { membersOnly: false, moderated: false };
  it('gives admins and owners moderator, members participant, outcasts nothing', () => {
    expect(defaultRole('owner', open)).toBe('moderator');
    expect(defaultRole('admin', { membersOnly: true, moderated: true })).toBe('moderator');
    expect(defaultRole('member', { membersOnly: true, moderated: true })).toBe('participant');
    expect(defaultRole('outcast', open)).toBe('none');
  });

  it('keeps the unaffiliated out of members-only rooms and voiceless in moderated ones', () => {
    expect(defaultRole('none', open)).toBe('participant');
    expect(defaultRole('none', { membersOnly: false, moderated: true })).toBe('visitor');
    expect(defaultRole('none', { membersOnly: true, moderated: false })).toBe('none');
    expect(defaultRole('none', { membersOnly: undefined, moderated: false })).toBeUndefined();
  });
});

describe('roleChangeRefusal (may_set_role)', () => {
  const change = {
    actorAffiliation: 'admin' as const,
    actorRole: 'moderator' as const,
    targetAffiliation: 'none' as const,
    targetRole: 'participant' as const,
    newRole: 'visitor' as const,
  };
  it('lets a moderator change a lower affiliation’s voice', () => {
    expect(roleChangeRefusal(change)).toBeUndefined();
  });
  it('refuses acting on a higher affiliation, moderator changes by members, and non-moderators', () => {
    expect(roleChangeRefusal({ ...change, targetAffiliation: 'owner' })).toMatch(/Table 5/);
    expect(
      roleChangeRefusal({ ...change, actorAffiliation: 'member', newRole: 'moderator' }),
    ).toMatch(/owners and admins only/);
    expect(roleChangeRefusal({ ...change, actorRole: 'participant' })).toMatch(/moderators only/);
  });
});

describe('affiliationChangeRefusal (set_affiliation)', () => {
  const change = {
    actorAffiliation: 'owner' as const,
    actorIsTarget: false,
    previous: 'none' as const,
    next: 'admin' as const,
    otherOwners: 0,
  };
  it('lets owners do anything but leave the room without an owner', () => {
    expect(affiliationChangeRefusal(change)).toBeUndefined();
    const stepDown = { ...change, actorIsTarget: true, previous: 'owner', next: 'member' } as const;
    expect(affiliationChangeRefusal(stepDown)).toMatch(/last owner/);
    expect(affiliationChangeRefusal({ ...stepDown, otherOwners: 1 })).toBeUndefined();
  });
  it('lets admins move JIDs between none, member and outcast only, and nobody else anything', () => {
    expect(
      affiliationChangeRefusal({ ...change, actorAffiliation: 'admin', next: 'outcast' }),
    ).toBeUndefined();
    expect(affiliationChangeRefusal({ ...change, actorAffiliation: 'admin' })).toMatch(/Table 7/);
    expect(
      affiliationChangeRefusal({
        ...change,
        actorAffiliation: 'admin',
        previous: 'admin',
        next: 'none',
      }),
    ).toMatch(/Table 7/);
    expect(
      affiliationChangeRefusal({ ...change, actorAffiliation: 'member', next: 'none' }),
    ).toMatch(/owners and admins only/);
  });
});

describe('what Prosody answers', () => {
  it('gives affiliation lists to admins and owners up to their own rank, and to members of a members-only non-anonymous room', () => {
    const room = { membersOnly: false, whois: 'moderators' };
    expect(mayGetAffiliationList('admin', 'member', room)).toBe(true);
    expect(mayGetAffiliationList('admin', 'owner', room)).toBe(false);
    expect(mayGetAffiliationList('member', 'member', room)).toBe(false);
    expect(mayGetAffiliationList('member', 'member', { membersOnly: true, whois: 'anyone' })).toBe(
      true,
    );
  });

  it('kicks for any presence error and for the kickable message errors', () => {
    const error = (name: string, condition: string) => {
      const stanza = new Element(name, { type: 'error' });
      stanza
        .c('error', { type: 'cancel' })
        .c(condition, { xmlns: 'urn:ietf:params:xml:ns:xmpp-stanzas' });
      return stanza;
    };
    expect(isKickingError(error('presence', 'forbidden'))).toBe(true);
    expect(isKickingError(error('message', 'service-unavailable'))).toBe(true);
    expect(isKickingError(error('message', 'forbidden'))).toBe(false);
    expect(isKickingError(new Element('message', { type: 'chat' }))).toBe(false);
  });

  it('may leave a form with an invalid whois, or a registration without a nick, unanswered', () => {
    const form = (ns: string, field: string, value: string) => {
      const iq = new Element('iq', { type: 'set' });
      iq.c('query', { xmlns: ns })
        .c('x', { xmlns: 'jabber:x:data', type: 'submit' })
        .c('field', { var: field })
        .c('value')
        .t(value);
      return iq;
    };
    const owner = 'http://jabber.org/protocol/muc#owner';
    expect(mayGoUnanswered(form(owner, 'muc#roomconfig_whois', 'nobody'))).toBe(true);
    expect(mayGoUnanswered(form(owner, 'muc#roomconfig_whois', 'anyone'))).toBe(false);
    expect(mayGoUnanswered(form('jabber:iq:register', 'muc#register_roomnick', ''))).toBe(true);
    expect(mayGoUnanswered(form('jabber:iq:register', 'muc#register_roomnick', 'Romeo'))).toBe(
      false,
    );
  });
});
