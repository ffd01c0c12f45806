// Tests of a client's inbox and the live runner's wait — XEP-0045 scenario traffic (§7–§10)
import { createElement as xml } from 'ltx';
import { describe, expect, it } from 'vitest';
import { Inbox } from '../../../src/scansion/inbox.js';

describe('Inbox', () => {
  it('keeps stanzas in arrival order and takes from the head', () => {
    const inbox = new Inbox();
    inbox.push(xml('a'));
    inbox.push(xml('b'));
    inbox.push(xml('c'));

    const taken = inbox.take(2);

    expect(taken.map((el) => el.name)).toEqual(['a', 'b']);
    expect(inbox.stanzas.map((el) => el.name)).toEqual(['c']);
  });

  it('waits for a stanza that arrives later', async () => {
    const inbox = new Inbox();
    setTimeout(() => inbox.push(xml('late')), 5);

    const found = await inbox.waitFor(() => inbox.stanzas[0]?.name, 1000);

    expect(found).toBe('late');
  });

  it('gives up after the timeout', async () => {
    const inbox = new Inbox();

    const found = await inbox.waitFor(() => inbox.stanzas[0]?.name, 10);

    expect(found).toBeUndefined();
  });
});
