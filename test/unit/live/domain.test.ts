// Tests for --domain: moving the scripts' clients to another XMPP domain — the users' server in front of a XEP-0045 service
import { describe, expect, it } from 'vitest';
import { mapClientDomain, mapScriptDomain } from '../../../src/live/domain.js';
import { parseScript } from '../../../src/scansion/parser.js';

describe('mapScriptDomain', () => {
  const script = parseScript(
    `# d\n[Client] Romeo\n\tjid: romeo@localhost/balcony\n\n[Client] Juliet\n\tjid: juliet@localhost\n\n-----\n\nRomeo connects\n`,
    'd.scs',
  );

  it("moves the clients' JIDs to the domain, keeping local part and resource", () => {
    const mapped = mapScriptDomain(script, 'example.org');
    expect(mapped.clients.map((client) => client.jid)).toEqual([
      'romeo@example.org/balcony',
      'juliet@example.org',
    ]);
    expect(mapped.actions).toBe(script.actions);
  });

  it('changes nothing without a domain or when it is already the one', () => {
    expect(mapScriptDomain(script, undefined)).toBe(script);
    const romeo = script.clients[0]!;
    expect(mapClientDomain(romeo, 'localhost')).toBe(romeo);
  });
});
