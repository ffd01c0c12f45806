// Tests for reading xmpp://HOST:PORT — the address of the server hosting the XEP-0045 service
import { describe, expect, it } from 'vitest';
import { describeService, parseService } from '../../../src/live/service.js';

describe('parseService', () => {
  it('reads xmpp://HOST:PORT', () => {
    expect(parseService('xmpp://127.0.0.1:15222')).toEqual({
      url: 'xmpp://127.0.0.1:15222',
      host: '127.0.0.1',
      port: 15222,
    });
  });

  it('defaults the port to 5222 and accepts IPv6 in brackets', () => {
    expect(parseService('xmpp://localhost')).toMatchObject({ host: 'localhost', port: 5222 });
    const v6 = parseService('xmpp://[::1]:5299');
    expect(v6).toMatchObject({ host: '::1', port: 5299, url: 'xmpp://[::1]:5299' });
    if (!('error' in v6)) expect(describeService(v6)).toBe('[::1]:5299');
  });

  it('refuses other schemes, paths and bad ports with a message', () => {
    for (const text of [
      'http://localhost:5222',
      'localhost:5222',
      'xmpp://h:0',
      'xmpp://h:70000',
      'xmpp://h:5222/x',
    ]) {
      expect(parseService(text), text).toHaveProperty('error');
    }
  });
});
