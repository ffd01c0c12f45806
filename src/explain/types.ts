// What an explanation of an XEP-0045 topic looks like (status codes §12, errors §7.2.17, sections §5–§17, roles §5.1, affiliations §5.2)
export const TOPIC_KINDS = ['status', 'error', 'section', 'role', 'affiliation'] as const;
export type TopicKind = (typeof TOPIC_KINDS)[number];

/** One explained topic. Every string is our own wording; numbers point into XEP-0045. */
export interface Explanation {
  kind: TopicKind;
  /** What to type to get here again: '307', 'forbidden', '§9.4', 'moderator', 'affiliation none'. */
  topic: string;
  /** A heading: 'Status 307: kicked'. */
  title: string;
  /** One line, for lists, status bars and detail panes. */
  summary: string;
  /** The lesson: a paragraph in plain words. */
  text: string;
  /** XEP-0045 sections, most relevant first: ['§8.2', '§7.2.18']. */
  sections: readonly string[];
  /** XEP-0045 example numbers that show it. */
  examples: readonly number[];
  /** What Prosody does, where it differs from the XEP or fills in what the XEP leaves open. */
  prosody?: string;
  /** A glyph that stands for it in the UI (roles and affiliations). */
  glyph?: string;
  /** Roles and affiliations: what they may do. */
  may?: readonly string[];
  /** Roles and affiliations: what they may not do. */
  mayNot?: readonly string[];
  /** Related topics, each a valid argument of explain(). */
  seeAlso: readonly string[];
  /** Other words that find this topic. */
  aliases: readonly string[];
}

/** A hand-written lesson; the rest of an Explanation is derived from data. */
export interface Note {
  /** Overrides the derived one-line summary. */
  summary?: string;
  text: string;
  prosody?: string;
  aliases?: readonly string[];
  seeAlso?: readonly string[];
}
