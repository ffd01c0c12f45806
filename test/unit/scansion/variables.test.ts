// Tests of ${Name's JID} substitution and captures — XEP-0045 scenario scripts
import { createElement as xml } from 'ltx';
import { describe, expect, it } from 'vitest';
import {
  findVariables,
  parseVariable,
  substituteCaptures,
  substituteVariables,
} from '../../../src/scansion/variables.js';

const scope = {
  bare: new Map([
    ['Romeo', 'romeo@localhost'],
    ["Juliet's phone", 'juliet@localhost'],
  ]),
  full: new Map([["Juliet's phone", 'juliet@localhost/phone']]),
};

describe('parseVariable', () => {
  it('splits at the last apostrophe-s so names may contain one', () => {
    expect(parseVariable("Romeo's JID")).toEqual({ client: 'Romeo', kind: 'bare' });
    expect(parseVariable("Juliet's phone's full JID")).toEqual({
      client: "Juliet's phone",
      kind: 'full',
    });
  });

  it('rejects other forms', () => {
    expect(parseVariable("Romeo's nick")).toBeUndefined();
    expect(parseVariable('Romeo JID')).toBeUndefined();
  });
});

describe('findVariables', () => {
  it(`lists each \${…} with its offset`, () => {
    expect(findVariables(`a \${Romeo's JID} b \${x}`)).toEqual([
      { body: "Romeo's JID", index: 2 },
      { body: 'x', index: 19 },
    ]);
  });
});

describe('substituteVariables', () => {
  it('replaces variables in attribute values and text, leaving the original intact', () => {
    const original = xml(
      'message',
      { to: `\${Romeo's JID}` },
      xml('body', {}, `hi \${Juliet's phone's full JID}`),
    );

    const result = substituteVariables(original, scope);

    expect(result.ok && result.element.toString()).toBe(
      '<message to="romeo@localhost"><body>hi juliet@localhost/phone</body></message>',
    );
    expect(original.attrs.to).toBe(`\${Romeo's JID}`);
  });

  it('names an unknown variable', () => {
    const result = substituteVariables(xml('iq', { to: `\${Mercutio's JID}` }), scope);

    expect(result).toEqual({
      ok: false,
      variable: `\${Mercutio's JID}`,
      message: `unknown variable \${Mercutio's JID}: no client 'Mercutio'`,
    });
  });

  it('explains a full JID that is not bound yet', () => {
    const result = substituteVariables(xml('iq', { to: `\${Romeo's full JID}` }), scope);

    expect(result.ok || result.message).toBe(
      `variable \${Romeo's full JID} has no value: Romeo has not connected`,
    );
  });

  it('rejects a variable of another form', () => {
    const result = substituteVariables(xml('iq', { to: `\${Romeo's nick}` }), scope);

    expect(result.ok || result.message).toContain(`unknown variable \${Romeo's nick}`);
  });
});

describe('substituteCaptures', () => {
  it('writes captured values into a stanza to send', () => {
    const result = substituteCaptures(
      xml('iq', { id: '{scansion:capture:id}' }),
      new Map([['id', 'abc']]),
    );

    expect(result.ok && result.element.attrs.id).toBe('abc');
  });

  it('fails for a capture not made yet', () => {
    const result = substituteCaptures(xml('iq', { id: '{scansion:capture:id}' }), new Map());

    expect(result.ok || result.message).toBe(
      '{scansion:capture:id} is used before anything was captured',
    );
  });
});
