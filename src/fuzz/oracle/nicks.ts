// Nicknames as the room compares them: resourceprep'd, remembered because the cast uses few — XEP-0045 §7.2.8 (RFC 7622 resourcepart)
import { resourceprep } from '../../xmpp/stringprep.js';

const prepared = new Map<string, string | undefined>();

/** The nick as the room files it, or undefined when it is not a valid resourcepart. */
export function prepNick(nick: string | undefined): string | undefined {
  if (nick === undefined) return undefined;
  if (prepared.has(nick)) return prepared.get(nick);
  const result = resourceprep(nick);
  if (prepared.size > 4096) prepared.clear();
  prepared.set(nick, result === '' ? undefined : result);
  return prepared.get(nick);
}
