// Generated from docs/prosody-differences.md by scripts/generate-prosody-differences.ts (npm run generate:differences) — the differences between mucsim and Prosody 13 that mucsim fuzz --server reports as explained
import type { ExplainedDifference } from './explained.js';

export const PROSODY_DIFFERENCES: readonly ExplainedDifference[] = [
  {
    id: 'directed-unavailable-order',
    reason:
      "Prosody's mod_presence sends a session's unavailable presence to its directed addresses in Lua table order, which changes with every start of the server: when two of them reach a temporary room that the first one empties, the later one's item-not-found comes from whichever address it was; the simulator sends them in the order the session first addressed them",
    simulator:
      '^<presence from="[^"]*" to="[^"]*" type="error"><error by="[^"@/]*" type="cancel"><item-not-found xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></presence>$',
    server:
      '^<presence from="[^"]*" to="[^"]*" type="error"><error by="[^"@/]*" type="cancel"><item-not-found xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></presence>$',
  },
];
