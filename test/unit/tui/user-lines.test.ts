// A user's view in a column: the roster whole or reachable, the log as a chat client shows it, each line leading to its stanza — what a XEP-0045 client knows (§7.2)
import { describe, expect, it } from 'vitest';
import { ClientView } from '../../../src/describe/client-view.js';
import {
  rosterLines,
  userColumnRows,
  userLineAt,
  userLineCount,
} from '../../../src/tui/user-lines.js';
import { parseXml } from '../../../src/xmpp/xml.js';

const ROOM = 'garden@conference.localhost';
const MUC_USER = "xmlns='http://jabber.org/protocol/muc#user'";

/** Juliet's client after `others` occupants and then she entered, and `messages` messages. */
function julietView(others: number, messages: number): ClientView {
  const view = new ClientView('Juliet');
  const add = (xml: string, seq: number) => {
    const parsed = parseXml(xml);
    if (!parsed.ok) throw new Error(parsed.error.message);
    view.add(parsed.element, seq, 0);
  };
  for (let n = 0; n < others; n += 1)
    add(
      `<presence from='${ROOM}/Guest${n}'><x ${MUC_USER}><item affiliation='none' role='participant'/></x></presence>`,
      10 + n,
    );
  add(
    `<presence from='${ROOM}/Juliet'><x ${MUC_USER}><item affiliation='none' role='participant' jid='juliet@localhost/c'/><status code='110'/></x></presence>`,
    100,
  );
  for (let n = 0; n < messages; n += 1)
    add(
      `<message type='groupchat' from='${ROOM}/Guest0'><body>line ${n}</body></message>`,
      200 + n,
    );
  return view;
}

const texts = (rows: { text: string }[]) => rows.map((row) => row.text);

describe("a user's view in a column", () => {
  it('shows the roster whole and the newest log lines when they fit; one stanza, said in the singular', () => {
    const view = julietView(1, 2);
    expect(texts(userColumnRows(view, undefined, 80, 12))).toEqual([
      " Juliet's client: 4 stanzas received",
      ` ${ROOM} (as Juliet)`,
      '  only moderators see real JIDs (no 100 on entering, or 173)',
      '  Participants (2)',
      '   - Guest0 none · real JID not sent to you',
      '   - Juliet (you) none · juliet@localhost/c',
      'Log (3)',
      ' *** garden: you entered as Juliet (participant, none); 1 already there',
      ' <Guest0> line 0',
      ' <Guest0> line 1',
    ]);
    expect(rosterLines(new ClientView('Romeo'))[0]?.text).toBe(
      "Romeo's client: 0 stanzas received",
    );
    const one = julietView(0, 0);
    expect(rosterLines(one)[0]?.text).toBe("Juliet's client: 1 stanza received");
  });

  it('a roster longer than its rows says how many lines are below, and the selection reaches every one', () => {
    const view = julietView(30, 20);
    const count = userLineCount(view);
    expect(count).toBe(rosterLines(view).length + view.log.length);
    const second = userColumnRows(view, undefined, 70, 20);
    expect(second).toHaveLength(20);
    expect(second.find((row) => row.text.includes('more lines'))?.text).toMatch(
      /^ … \d+ more lines \(u: this user first\)$/,
    );
    // The newest message is the last row, as in a chat client.
    expect(second.at(-1)?.text).toBe(' <Guest0> line 19');
    for (let index = 0; index < count; index += 1) {
      const rows = userColumnRows(view, index, 70, 20);
      expect(rows.length).toBeLessThanOrEqual(20);
      // The selected line is on screen whole, over as many rows as it takes.
      const selected = rows.filter((row) => row.selected).map((row) => row.text.trim());
      expect(selected.join(' ').replace(/\s+/g, ' ')).toBe(
        `>${userLineAt(view, index)?.text}`.replace(/\s+/g, ' '),
      );
    }
  });

  it('each occupant and each log line leads to the stanza it came from', () => {
    const view = julietView(2, 1);
    const lines = Array.from({ length: userLineCount(view) }, (_, i) => userLineAt(view, i));
    expect(lines.find((line) => line?.text.includes('Guest1'))?.seq).toBe(11);
    expect(lines.find((line) => line?.text.includes('Juliet (you)'))?.seq).toBe(100);
    expect(lines.at(-1)).toEqual({ text: '<Guest0> line 0', style: 'plain', seq: 200 });
  });
});
