// The debugger session against a real Prosody: typed users join and talk, the trace shows what they received — XEP-0045 §7.2 and §7.4 on a real server
import { afterAll, beforeAll, expect, it } from 'vitest';
import { liveSession, TIME_TRAVEL_NOTICE } from '../src/debugger/live-world.js';
import { describeOnProsody } from './helpers/on-prosody.js';
import { type ProsodyServer, startProsody } from './helpers/prosody.js';

describeOnProsody('a debugger session on a real server', () => {
  let server: ProsodyServer;
  beforeAll(async () => {
    server = await startProsody();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('runs typed commands against the server and records the deliveries', async () => {
    const session = liveSession(undefined, { service: server.service, timeoutMs: 1000 });
    try {
      for (const line of [
        'romeo connect',
        'juliet connect',
        'romeo join garden/Romeo',
        'romeo config garden instant',
        'juliet join garden/Juliet',
      ]) {
        const outcome = await session.command(line);
        expect(outcome.ok, `${line}: ${outcome.message}`).toBe(true);
      }
      const said = await session.command('juliet say garden hello from the balcony');
      expect(said.ok, said.message).toBe(true);
      const romeo = session.trace.find((entry) => entry.kind === 'connect')?.jid ?? '';
      expect(romeo).toMatch(/^romeo@localhost\//);
      const toRomeo = session.trace.filter(
        (entry) =>
          entry.kind === 'delivery' &&
          entry.to === romeo &&
          entry.stanza.name === 'message' &&
          entry.stanza.getChildText('body') === 'hello from the balcony',
      );
      expect(toRomeo).toHaveLength(1);
      const garden = session.rooms().find((room) => room.jid === 'garden@conference.localhost');
      expect(garden?.occupants.map((occupant) => occupant.nick).sort()).toEqual([
        'Juliet',
        'Romeo',
      ]);
      expect(session.cursor).toBe(6);
      expect(session.trace.filter((entry) => entry.kind === 'input')).toHaveLength(4);
      await session.back();
      expect(session.notice).toBe(TIME_TRAVEL_NOTICE);
      expect(session.cursor).toBe(6);
      expect(session.trace.filter((entry) => entry.kind === 'input')).toHaveLength(4);
      expect(session.recording()).toContain('hello from the balcony');
    } finally {
      await session.close();
    }
  });
});
