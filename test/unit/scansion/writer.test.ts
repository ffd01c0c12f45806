// Tests of the .scs writer: recorded scripts parse back the same — XEP-0045 scenarios recorded
import { createElement as xml } from 'ltx';
import { describe, expect, it } from 'vitest';
import { parseBlock } from '../../../src/scansion/block.js';
import { parseScript } from '../../../src/scansion/parser.js';
import { type WritableScript, writeScript } from '../../../src/scansion/writer.js';
import { canonicalXml } from '../../../src/xmpp/xml.js';

const MUC = 'http://jabber.org/protocol/muc';

const RECORDED: WritableScript = {
  title: 'Recorded session',
  description: 'Romeo joins',
  tags: ['recorded'],
  clients: [
    { name: 'Romeo', jid: 'romeo@localhost', password: 'password' },
    { name: "Juliet's phone", jid: 'juliet@localhost', resource: 'phone', connectPort: 5222 },
  ],
  actions: [
    { kind: 'connects', client: 'Romeo', narration: ['Romeo arrives'] },
    {
      kind: 'sends',
      client: 'Romeo',
      stanza: xml(
        'presence',
        { xmlns: 'jabber:client', to: 'room@conference.localhost/Romeo' },
        xml('x', { xmlns: MUC }),
      ),
    },
    {
      kind: 'receives',
      client: 'Romeo',
      stanza: xml(
        'message',
        { from: `\${Juliet's phone's full JID}` },
        xml('body', {}, 'one\ntwo & three'),
      ),
    },
    { kind: 'receives', client: "Juliet's phone", nothing: true },
  ],
  epilogue: ['recording ended'],
};

describe('writeScript', () => {
  it('writes metadata, definitions, the separator and tab-indented pretty stanzas', () => {
    const text = writeScript(RECORDED);

    expect(text).toBe(`# Recorded session
# Romeo joins
## recorded

[Client] Romeo
\tjid: romeo@localhost
\tpassword: password

[Client] Juliet's phone
\tjid: juliet@localhost
\tresource: phone
\tconnect_port: 5222

-----

# Romeo arrives
Romeo connects

Romeo sends:
\t<presence to="room@conference.localhost/Romeo">
\t\t<x xmlns="${MUC}"/>
\t</presence>

Romeo receives:
\t<message from="\${Juliet's phone's full JID}">
\t\t<body>one&#10;two &amp; three</body>
\t</message>

Juliet's phone receives: nothing

# recording ended
`);
  });

  it('writes a script that parses back to the same model', () => {
    const script = parseScript(writeScript(RECORDED), 'recorded.scs');

    expect(script).toMatchObject({
      title: 'Recorded session',
      description: 'Romeo joins',
      tags: ['recorded'],
    });
    expect(script.clients.map(({ line: _, ...client }) => client)).toEqual(RECORDED.clients);
    expect(script.actions.map((a) => [a.kind, a.client, a.nothing ?? false, a.narration])).toEqual([
      ['connects', 'Romeo', false, ['Romeo arrives']],
      ['sends', 'Romeo', false, []],
      ['receives', 'Romeo', false, []],
      ['receives', "Juliet's phone", true, []],
    ]);
    const body = parseBlock(script.actions[2]?.xml ?? '');
    expect(body.ok && body.element.getChildText('body')).toBe('one\ntwo & three');
    expect(script.epilogue).toEqual(['recording ended']);
  });

  it('re-indents a raw block with tabs, keeping its own layout', () => {
    const text = writeScript({
      clients: [{ name: 'Romeo', jid: 'romeo@localhost' }],
      actions: [
        { kind: 'connects', client: 'Romeo' },
        {
          kind: 'sends',
          client: 'Romeo',
          xml: "    <iq type='get'>\n      <ping xmlns='urn:xmpp:ping'/>\n    </iq>",
        },
      ],
    });

    expect(text).toContain(
      "Romeo sends:\n\t<iq type='get'>\n\t  <ping xmlns='urn:xmpp:ping'/>\n\t</iq>\n",
    );
    const reparsed = parseBlock(parseScript(text, 'x.scs').actions[1]?.xml ?? '');
    expect(reparsed.ok && canonicalXml(reparsed.element)).toBe(
      '<iq type="get"><ping xmlns="urn:xmpp:ping"/></iq>',
    );
  });
});
