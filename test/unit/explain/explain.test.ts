// Unit tests of the explanations: every status code, error, §5–§17 section, role and affiliation is covered and findable (XEP-0045 §5, §12, §7.2.17)
import { describe, expect, it } from 'vitest';
import {
  affiliationPrivileges,
  ERROR_CONDITIONS,
  examplesWithin,
  explain,
  explainAffiliation,
  explainError,
  explainRole,
  explainSection,
  explainStatus,
  formatExamples,
  listTopics,
  normalizeTopic,
  ROLE_GLYPH,
  sectionOfExample,
  suggest,
  XEP_SECTIONS,
} from '../../../src/explain/index.js';
import { hasLesson } from '../../../src/explain/sections.js';
import { XEP_EXAMPLE_COUNT } from '../../../src/explain/xep-sections.js';
import { AFFILIATION_GLYPH, AFFILIATIONS } from '../../../src/muc/model/affiliation.js';
import { ROLES } from '../../../src/muc/model/role.js';
import { STATUS_CODES } from '../../../src/muc/model/status-codes.js';

const REQUIRED_CONDITIONS = [
  'bad-request',
  'conflict',
  'feature-not-implemented',
  'forbidden',
  'item-not-found',
  'jid-malformed',
  'not-acceptable',
  'not-allowed',
  'not-authorized',
  'registration-required',
  'service-unavailable',
  'gone',
  'policy-violation',
  'internal-server-error',
];

/** §5, every use case of §6–§11 (with subsections), §12 and §17. */
function requiredSections(): string[] {
  return XEP_SECTIONS.map((section) => section.number).filter((number) => {
    const top = Number(number.split('.')[0]);
    return (top >= 5 && top <= 12) || top === 17;
  });
}

describe('coverage', () => {
  it('explains every registered status code, with the model’s short name', () => {
    for (const [code, info] of STATUS_CODES) {
      const explanation = explainStatus(code);
      expect(explanation?.title).toBe(`Status ${code}: ${info.short}`);
      expect(explanation?.sections[0]).toBe(info.section);
      expect(explanation?.text.length).toBeGreaterThan(40);
    }
    expect(listTopics('status')).toHaveLength(STATUS_CODES.size);
  });

  it('explains every error condition a MUC uses, with its sections', () => {
    expect([...ERROR_CONDITIONS].sort()).toEqual([...REQUIRED_CONDITIONS].sort());
    for (const condition of REQUIRED_CONDITIONS) {
      const explanation = explainError(condition);
      expect(explanation?.kind).toBe('error');
      expect(explanation?.sections.length).toBeGreaterThan(0);
    }
  });

  it('marks where Prosody differs for the conditions it picks differently', () => {
    expect(explainError('forbidden')?.prosody).toMatch(/not-allowed/);
    expect(explainError('not-allowed')?.prosody).toMatch(/registration-required/);
    expect(explainError('registration-required')?.prosody).toMatch(/register/);
    expect(explainError('policy-violation')?.prosody).toMatch(/private message/);
  });

  it('has a hand-written lesson for §5, every §6–§11 section, §12 and §17', () => {
    const missing = requiredSections().filter((number) => !hasLesson(number));
    expect(missing).toEqual([]);
    expect(requiredSections().length).toBeGreaterThan(90);
  });

  it('explains every role and affiliation with its glyph', () => {
    for (const role of ROLES) expect(explainRole(role).glyph).toBe(ROLE_GLYPH[role]);
    for (const affiliation of AFFILIATIONS) {
      expect(explainAffiliation(affiliation).glyph).toBe(AFFILIATION_GLYPH[affiliation]);
    }
    const visible = Object.values(ROLE_GLYPH).filter((glyph) => glyph.trim());
    for (const glyph of visible) expect(Object.values(AFFILIATION_GLYPH)).not.toContain(glyph);
  });
});

describe('explain()', () => {
  it.each([
    ['307', '307'],
    ['status 307', '307'],
    ['Status Code 307', '307'],
    ['code 110', '110'],
    ['forbidden', 'forbidden'],
    ['<forbidden/>', 'forbidden'],
    ['NOT_ALLOWED', 'not-allowed'],
    ['not allowed', 'not-allowed'],
    ['error conflict', 'conflict'],
    ['§9.4', '§9.4'],
    ['§ 9.4', '§9.4'],
    ['9.4', '§9.4'],
    ['section 10.1.2', '§10.1.2'],
    ['XEP-0045 §7.2.10', '§7.2.10'],
    ['12', '§12'],
    ['example 90', '§8.2'],
    ['kick', '§8.2'],
    ['Kick?', '§8.2'],
    ['ban', '§9.1'],
    ['destroy', '§10.9'],
    ['instant room', '§10.1.2'],
    ['members only', '§7.2.6'],
    ['enter-locked', '§7.2.10'],
    ['Kicking an Occupant', '§8.2'],
    ['moderator', 'moderator'],
    ['visitor role', 'visitor'],
    ['role none', 'role none'],
    ['outcast', 'outcast'],
    ['owner', 'owner'],
    ['affiliation none', 'affiliation none'],
    ['unaffiliated', 'affiliation none'],
    ['kicked', '307'],
  ])('finds %j as %s', (topic, expected) => {
    expect(explain(topic)?.topic).toBe(expected);
  });

  it('knows nothing of unregistered codes, missing sections and nonsense', () => {
    expect(explain('999')).toBeUndefined();
    expect(explain('§99')).toBeUndefined();
    expect(explain('example 999')).toBeUndefined();
    expect(explain('')).toBeUndefined();
    expect(explain('flibbertigibbet')).toBeUndefined();
  });

  it('leaves a bare "none" ambiguous and suggests both meanings', () => {
    expect(explain('none')).toBeUndefined();
    expect(suggest('none').slice(0, 2)).toEqual(['role none', 'affiliation none']);
  });

  it('returns a fallback for sections without a lesson', () => {
    const privacy = explainSection('14.3');
    expect(privacy?.title).toBe('XEP-0045 §14.3 Privacy');
    expect(privacy?.text).toMatch(/no lesson/);
    expect(listTopics('section').map((explanation) => explanation.topic)).not.toContain('§14.3');
  });

  it('finds each topic by every one of its aliases, except the deliberate overlaps', () => {
    const overlaps = new Set(['100 non-anonymous', '§8 moderator', '§9 admin', '§10 owner']);
    for (const explanation of listTopics()) {
      for (const alias of explanation.aliases) {
        if (overlaps.has(`${explanation.topic} ${alias}`)) continue;
        expect(explain(alias)?.topic, `${explanation.topic}: ${alias}`).toBe(explanation.topic);
      }
    }
  });
});

describe('suggest()', () => {
  it.each([
    ['308', '301'],
    ['forbiden', 'forbidden'],
    ['moderater', 'moderator'],
    ['destory', '§10.9'],
    ['kik', '§8.2'],
    ['outcasts', 'outcast'],
  ])('suggests for %j: %s', (topic, expected) => {
    expect(suggest(topic)).toContain(expected);
  });

  it('ranks the closest first and offers nothing for nonsense', () => {
    expect(suggest('forbiden')[0]).toBe('forbidden');
    expect(suggest('destory')[0]).toBe('§10.9');
    expect(suggest('xyzzy')).toEqual([]);
    expect(suggest('308', 2)).toHaveLength(2);
  });
});

describe('consistency', () => {
  const all = [...listTopics(), explainSection('14.3')!];
  const known = new Set(XEP_SECTIONS.map((section) => `§${section.number}`));

  it('cites only sections that exist and examples 1–220', () => {
    for (const explanation of all) {
      for (const section of explanation.sections) expect(known, section).toContain(section);
      for (const example of explanation.examples) {
        expect(example).toBeGreaterThanOrEqual(1);
        expect(example).toBeLessThanOrEqual(XEP_EXAMPLE_COUNT);
      }
      for (const cited of explanation.text.matchAll(/§(\d+(?:\.\d+)*)/g)) {
        expect(known, `${explanation.topic}: ${cited[0]}`).toContain(`§${cited[1]}`);
      }
    }
  });

  it('points "see also" only at topics explain() knows', () => {
    for (const explanation of all) {
      for (const other of explanation.seeAlso) {
        expect(explain(other), `${explanation.topic} → ${other}`).toBeDefined();
      }
    }
  });

  it('takes status examples from the XEP examples themselves', () => {
    expect(explainStatus('307')?.examples).toEqual([43, 90, 92]);
    expect(explainStatus('301')?.examples).toEqual([113, 114]);
    expect(explainStatus(321)?.examples).toEqual([128]);
    expect(explainError('registration-required')?.examples).toEqual([27]);
  });

  it('gathers a parent section’s examples from its subsections', () => {
    expect(examplesWithin('10.1')).toEqual([152, 153, 154, 155, 156, 157, 158, 159, 160, 161, 162]);
    expect(explainSection('§8.2')?.examples).toEqual([89, 90, 91, 92, 93]);
    expect(sectionOfExample(155)).toBe('§10.1.2');
  });
});

describe('roles and affiliations', () => {
  it('derives what each role may do from the §5.1.1 table', () => {
    expect(explainRole('moderator').mayNot).toEqual([]);
    expect(explainRole('visitor').mayNot).toContain('send messages to everyone');
    expect(explainRole('visitor').may).toContain('send private messages');
    expect(explainRole('participant').mayNot).toContain('kick participants and visitors');
    expect(explainRole('none').may).toEqual([]);
  });

  it('derives what each affiliation may do from the §5.2 checks', () => {
    const allowed = (affiliation: (typeof AFFILIATIONS)[number]) =>
      affiliationPrivileges(affiliation)
        .filter(([, may]) => may)
        .map(([words]) => words);
    expect(allowed('outcast')).toEqual([]);
    expect(allowed('owner')).toHaveLength(affiliationPrivileges('owner').length);
    expect(allowed('admin')).toContain('ban members and unaffiliated users');
    expect(allowed('admin')).not.toContain('edit the admin list');
    expect(allowed('member')).toContain('enter a members-only room');
    expect(allowed('none')).toEqual([
      'enter an open room',
      'register with a room that allows registration',
    ]);
  });

  it('says which role each affiliation enters with', () => {
    expect(explainAffiliation('owner').summary).toMatch(/enters as moderator$/);
    expect(explainAffiliation('none').summary).toMatch(
      /participant \(visitor in a moderated room\)/,
    );
    expect(explainAffiliation('outcast').summary).not.toMatch(/enters/);
  });
});

describe('helpers', () => {
  it.each([
    [[89, 90, 91, 92, 93], 'Examples 89–93'],
    [[43, 90, 92], 'Examples 43, 90, 92'],
    [[154], 'Example 154'],
    [[1, 2], 'Examples 1, 2'],
    [[5, 6, 7, 10, 1], 'Examples 1, 5–7, 10'],
    [[], ''],
  ])('formats %j as %j', (examples, expected) => {
    expect(formatExamples(examples)).toBe(expected);
  });

  it('normalises topics', () => {
    expect(normalizeTopic('  <Not_Allowed/> ')).toBe('not-allowed');
    expect(normalizeTopic('XEP-0045 § 9.4.')).toBe('§9.4');
    expect(normalizeTopic('Role   None')).toBe('role none');
  });
});
