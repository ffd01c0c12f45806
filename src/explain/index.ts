// The single source of short explanations for XEP-0045 topics: status codes (§12), errors, sections (§5–§17), roles (§5.1), affiliations (§5.2) — used by the CLI and the TUI
import type { Affiliation } from '../muc/model/affiliation.js';
import type { Role } from '../muc/model/role.js';
import { errorExplanations } from './errors.js';
import { affiliationExplanations, roleExplanations } from './roles.js';
import { hasLesson, sectionExplanations, sectionOfExample } from './sections.js';
import { statusExplanations } from './status-codes.js';
import { type Explanation, TOPIC_KINDS, type TopicKind } from './types.js';

export { ERROR_CONDITIONS, type ErrorCondition } from './errors.js';
export { affiliationPrivileges, ROLE_GLYPH } from './roles.js';
export { examplesWithin, formatExamples, sectionOfExample, xepSection } from './sections.js';
export { type Explanation, TOPIC_KINDS, type TopicKind } from './types.js';
export { XEP_SECTIONS, XEP_VERSION, type XepSection } from './xep-sections.js';

interface Registry {
  all: readonly Explanation[];
  byTopic: ReadonlyMap<string, Explanation>;
  /** Every word that finds a topic (normalised), in priority order: the first claim wins. */
  keys: ReadonlyMap<string, Explanation>;
}

let registry: Registry | undefined;

/** Lowercase, single spaces, no decoration: '  <Not_Allowed/> ' → 'not-allowed'. */
export function normalizeTopic(raw: string): string {
  let text = raw.normalize('NFKC').trim().toLowerCase().replace(/_/g, '-').replace(/\s+/g, ' ');
  text = text.replace(/^xep-?0045\s*/, '').replace(/[?!.,;:]+$/, '');
  const element = /^<\s*([a-z-]+)\s*\/?\s*>$/.exec(text);
  if (element) text = element[1]!;
  return text.replace(/^§\s*/, '§');
}

function build(): Registry {
  const groups = {
    status: statusExplanations(),
    error: errorExplanations(),
    section: sectionExplanations(),
    role: roleExplanations(),
    affiliation: affiliationExplanations(),
  } satisfies Record<TopicKind, Explanation[]>;
  const all = TOPIC_KINDS.flatMap((kind) => groups[kind]);
  const byTopic = new Map(all.map((explanation) => [explanation.topic, explanation]));
  const keys = new Map<string, Explanation>();
  const claim = (key: string, explanation: Explanation) => {
    const normalized = normalizeTopic(key);
    if (normalized && !keys.has(normalized)) keys.set(normalized, explanation);
  };
  // Priority: exact topics, then the hand-written words of sections, roles, affiliations and
  // errors, then status codes' short names, then the XEP's anchors and titles.
  for (const explanation of all) claim(explanation.topic, explanation);
  for (const explanation of groups.section) {
    claim(explanation.topic.slice(1), explanation);
    for (const alias of explanation.aliases.slice(0, -1)) claim(alias, explanation);
  }
  for (const kind of ['role', 'affiliation', 'error', 'status'] as const) {
    for (const explanation of groups[kind]) {
      for (const alias of explanation.aliases) claim(alias, explanation);
    }
  }
  for (const explanation of groups.section) {
    claim(explanation.aliases.at(-1)!, explanation);
    claim(explanation.title.replace(/^XEP-0045 §[\d.]+ /, ''), explanation);
  }
  return { all, byTopic, keys };
}

function getRegistry(): Registry {
  registry ??= build();
  return registry;
}

/**
 * Explains a topic: '307', 'status 307', 'forbidden', '<not-allowed/>', '§9.4', '9.4',
 * 'section 9.4', 'example 90', 'kick', 'moderator', 'outcast', 'role none', 'affiliation none'.
 * Undefined when nothing matches (ask suggest()); a bare 'none' is ambiguous on purpose.
 */
export function explain(topic: string): Explanation | undefined {
  const { byTopic, keys } = getRegistry();
  const text = normalizeTopic(topic);
  const status = /^(?:status(?: code)?|code) ?#?(\d{3})$/.exec(text);
  if (status) return byTopic.get(status[1]!);
  const section = /^(?:§|section |sec )\s*(\d{1,2}(?:\.\d{1,2})*)$/.exec(text);
  if (section) return byTopic.get(`§${section[1]}`);
  const example = /^(?:example|ex) ?#?(\d{1,3})$/.exec(text);
  if (example) {
    const found = sectionOfExample(Number(example[1]));
    return found ? byTopic.get(found) : undefined;
  }
  const kind = /^(role|affiliation)[ -](\w+)$|^(\w+)[ -](role|affiliation)$/.exec(text);
  if (kind) {
    const [wanted, name] = kind[1] ? [kind[1], kind[2]!] : [kind[4]!, kind[3]!];
    const found = byTopic.get(name === 'none' ? `${wanted} none` : name);
    if (found?.kind === wanted) return found;
  }
  return (
    keys.get(text) ??
    keys.get(text.replace(/ /g, '-')) ??
    keys.get(text.replace(/-/g, ' ')) ??
    undefined
  );
}

/** Optimal string alignment distance: edits and swaps of neighbours ('destory' → 'destroy' is 1). */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i += 1) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j += 1) {
      if (i === 0) {
        rows[0]!.push(j);
        continue;
      }
      const row = rows[i]!;
      const above = rows[i - 1]!;
      let best = Math.min(
        above[j]! + 1,
        row[j - 1]! + 1,
        above[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      }
      row.push(best);
    }
  }
  return rows[a.length]![b.length]!;
}

function closeness(query: string, key: string): number | undefined {
  if (query === key) return 0;
  if (key.split(/[ -]/).includes(query)) return 0.25;
  if (query.length >= 3 && (key.startsWith(query) || query.startsWith(key))) return 0.5;
  if (query.length >= 3 && key.includes(query)) return 1;
  const allowed = query.length <= 4 ? 1 : query.length <= 8 ? 2 : 3;
  // The distance is at least the difference in length: a long query costs nothing.
  if (Math.abs(query.length - key.length) > allowed) return undefined;
  const distance = editDistance(query, key);
  return distance <= allowed ? distance : undefined;
}

/** Near misses for a topic explain() did not know, best first, as topics explain() accepts. */
export function suggest(topic: string, limit = 5): string[] {
  const { all, keys } = getRegistry();
  const query = normalizeTopic(topic).replace(/^(?:status(?: code)?|code|section) /, '');
  if (!query) return [];
  const best = new Map<Explanation, number>();
  for (const [key, explanation] of keys) {
    const candidates = key.startsWith('§') ? [key, key.slice(1)] : [key];
    for (const candidate of candidates) {
      const score = closeness(query, candidate);
      if (score === undefined) continue;
      const known = best.get(explanation);
      if (known === undefined || score < known) best.set(explanation, score);
    }
  }
  const order = new Map(all.map((explanation, index) => [explanation, index]));
  return [...best.entries()]
    .filter(([explanation]) => isLesson(explanation))
    .sort(([a, scoreA], [b, scoreB]) => scoreA - scoreB || order.get(a)! - order.get(b)!)
    .slice(0, limit)
    .map(([explanation]) => explanation.topic);
}

function isLesson(explanation: Explanation): boolean {
  return explanation.kind !== 'section' || hasLesson(explanation.topic.slice(1));
}

/** The topics with a lesson, in a stable order (status codes, errors, sections, roles, affiliations). */
export function listTopics(kind?: TopicKind): Explanation[] {
  return getRegistry().all.filter(
    (explanation) => isLesson(explanation) && (kind === undefined || explanation.kind === kind),
  );
}

export function explainStatus(code: string | number): Explanation | undefined {
  const found = getRegistry().byTopic.get(String(code));
  return found?.kind === 'status' ? found : undefined;
}

export function explainError(condition: string): Explanation | undefined {
  const found = getRegistry().byTopic.get(condition);
  return found?.kind === 'error' ? found : undefined;
}

/** '9.4' or '§9.4'. */
export function explainSection(number: string): Explanation | undefined {
  return getRegistry().byTopic.get(`§${number.replace(/^§/, '')}`);
}

export function explainRole(role: Role): Explanation {
  return getRegistry().byTopic.get(role === 'none' ? 'role none' : role)!;
}

export function explainAffiliation(affiliation: Affiliation): Explanation {
  return getRegistry().byTopic.get(affiliation === 'none' ? 'affiliation none' : affiliation)!;
}
