// Tests of a client's unread stanzas, read from a record by position, and the live runner's wait — XEP-0045 scenario traffic (§7–§10)
import { createElement as xml } from 'ltx';
import { describe, expect, it } from 'vitest';
import { Inbox, ReceivedLog } from '../../../src/scansion/inbox.js';

describe('Inbox', () => {
  it("reads its client's stanzas from the record in arrival order and takes from the head", () => {
    const log = new ReceivedLog();
    const inbox = new Inbox(log, 'Romeo');
    log.add('Romeo', xml('a'));
    log.add('Juliet', xml('not-mine'));
    log.add('Romeo', xml('b'));
    log.add('Romeo', xml('c'));

    const taken = inbox.take(2);

    expect(taken.map((el) => el.name)).toEqual(['a', 'b']);
    expect(inbox.stanzas.map((el) => el.name)).toEqual(['c']);
  });

  it('takes one from the middle, leaving those before it unread', () => {
    const log = new ReceivedLog();
    const inbox = new Inbox(log, 'Romeo');
    for (const name of ['a', 'b', 'c']) log.add('Romeo', xml(name));

    expect(inbox.takeAt(1)?.name).toBe('b');
    expect(inbox.stanzas.map((el) => el.name)).toEqual(['a', 'c']);
  });

  it('keeps positions, not stanzas: what it returns is what the record holds', () => {
    const log = new ReceivedLog();
    const inbox = new Inbox(log, 'Romeo');
    const stanza = xml('a');
    log.add('Romeo', stanza);

    expect(inbox.at(0)).toBe(stanza);
  });

  it('waits for a stanza that arrives later', async () => {
    const log = new ReceivedLog();
    const inbox = new Inbox(log, 'Romeo');
    setTimeout(() => {
      log.add('Romeo', xml('late'));
      inbox.wake();
    }, 5);

    const found = await inbox.waitFor(() => inbox.at(0)?.name, 1000);

    expect(found).toBe('late');
  });

  it('gives up after the timeout', async () => {
    const inbox = new Inbox(new ReceivedLog(), 'Romeo');

    const found = await inbox.waitFor(() => inbox.at(0)?.name, 10);

    expect(found).toBeUndefined();
  });
});
