// Tab completion of client names, JIDs and room nicks for typed input — addressing XEP-0045 rooms and occupants (§4.1, §7.2)
import type { DebugSession } from '../debugger/debug-session.js';

/** Every name worth completing: clients, room JIDs, room/nick occupant JIDs, nicks, bare and full real JIDs. */
export function completionWords(session: DebugSession): string[] {
  const words = new Set<string>();
  for (const name of session.clientNames()) words.add(name);
  for (const client of session.script.clients) words.add(client.jid);
  for (const room of session.rooms()) {
    words.add(room.jid);
    for (const occupant of room.occupants) {
      words.add(`${room.jid}/${occupant.nick}`);
      words.add(occupant.nick);
      words.add(occupant.bareJid);
      for (const full of occupant.sessions) words.add(full);
    }
    for (const item of room.affiliations) words.add(item.jid);
  }
  return [...words].filter((word) => word !== '').sort();
}

export interface Completion {
  /** The text to insert after the typed prefix. */
  insert: string;
  /** All words matching the prefix (shown when more than one). */
  candidates: string[];
}

function commonPrefix(words: readonly string[]): string {
  if (words.length === 0) return '';
  let prefix = words[0] as string;
  for (const word of words) {
    while (!word.toLowerCase().startsWith(prefix.toLowerCase())) prefix = prefix.slice(0, -1);
  }
  return prefix;
}

/** Case-insensitive prefix completion; completes as far as every candidate agrees. */
export function complete(prefix: string, words: readonly string[]): Completion {
  const lower = prefix.toLowerCase();
  const candidates = words.filter(
    (word) => word.toLowerCase().startsWith(lower) && word.length > prefix.length,
  );
  if (candidates.length === 0) return { insert: '', candidates: [] };
  const shared = candidates.length === 1 ? (candidates[0] as string) : commonPrefix(candidates);
  return { insert: shared.slice(prefix.length), candidates };
}
