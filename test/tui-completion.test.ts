// Tab completion of clients, room JIDs and nicks — addressing XEP-0045 rooms and occupants (§4.1, §7.2)
import { describe, expect, it } from 'vitest';
import { complete, completionWords } from '../src/tui/completion.js';
import { validateStanza } from '../src/tui/validate-stanza.js';
import { gardenSession } from './helpers/tui-session.js';

describe('completion', () => {
  it('completes as far as the candidates agree, case-insensitively', async () => {
    const session = gardenSession();
    for (let i = 0; i < 5; i += 1) await session.forward();
    const words = completionWords(session);
    expect(words).toContain('garden@conference.localhost/Juliet');
    expect(words).toContain('juliet@localhost/chamber');
    expect(complete('gar', words).insert).toBe('den@conference.localhost');
    expect(complete('garden@conference.localhost/R', words).insert).toBe('omeo');
    expect(complete('jul', words)).toEqual({
      insert: 'iet',
      candidates: ['Juliet', 'juliet@localhost', 'juliet@localhost/chamber'],
    });
    expect(complete('zz', words)).toEqual({ insert: '', candidates: [] });
  });
});

describe('validateStanza', () => {
  it('accepts well-formed stanzas and explains what is wrong otherwise', () => {
    expect(validateStanza("<message to='a@b'><body>x</body></message>")).toEqual({
      ok: true,
      message: 'well-formed <message> to a@b',
    });
    expect(validateStanza('<presence').ok).toBe(false);
    expect(validateStanza('<query/>').message).toContain('not a stanza');
    expect(validateStanza("<iq to='a@b'/>").message).toContain('needs a type');
    expect(validateStanza('  ').message).toContain('empty');
  });
});
