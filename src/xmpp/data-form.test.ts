// Tests for XEP-0004 data forms as XEP-0045 §16.5 uses them: build, read, validate
import { describe, expect, it } from 'vitest';
import { canonical, stanza } from '../../test/helpers/stanza.js';
import {
  buildForm,
  type FormField,
  findForm,
  parseBoolean,
  readForm,
  validateField,
} from './data-form.js';

describe('buildForm', () => {
  it('builds a form with title, instructions, typed fields, required flags, values and options', () => {
    const form = buildForm({
      type: 'form',
      title: 'Configuration',
      instructions: 'Fill it in.',
      fields: [
        { var: 'FORM_TYPE', type: 'hidden', values: ['urn:example'] },
        {
          var: 'muc#roomconfig_persistentroom',
          type: 'boolean',
          label: 'Persistent',
          values: ['0'],
          required: true,
        },
        {
          var: 'muc#roomconfig_whois',
          type: 'list-single',
          values: ['moderators'],
          options: [{ value: 'moderators', label: 'Moderators only' }, { value: 'anyone' }],
        },
      ],
    });

    expect(canonical(form)).toBe(
      canonical(`
        <x xmlns='jabber:x:data' type='form'>
          <title>Configuration</title>
          <instructions>Fill it in.</instructions>
          <field type='hidden' var='FORM_TYPE'><value>urn:example</value></field>
          <field type='boolean' var='muc#roomconfig_persistentroom' label='Persistent'>
            <required/><value>0</value>
          </field>
          <field type='list-single' var='muc#roomconfig_whois'>
            <value>moderators</value>
            <option label='Moderators only'><value>moderators</value></option>
            <option><value>anyone</value></option>
          </field>
        </x>`),
    );
  });

  it('types only the hidden fields of a form that is not of type "form"', () => {
    const form = buildForm({
      type: 'result',
      fields: [
        { var: 'FORM_TYPE', type: 'hidden', values: ['urn:example'] },
        { var: 'muc#roominfo_occupants', type: 'text-single', values: ['2'] },
      ],
    });

    expect(canonical(form)).toBe(
      canonical(`
        <x xmlns='jabber:x:data' type='result'>
          <field type='hidden' var='FORM_TYPE'><value>urn:example</value></field>
          <field var='muc#roominfo_occupants'><value>2</value></field>
        </x>`),
    );
  });
});

describe('readForm', () => {
  it('reads the type and every field by var, taking FORM_TYPE out of the values', () => {
    const form = stanza(`
      <x xmlns='jabber:x:data' type='submit'>
        <field var='FORM_TYPE'><value>http://jabber.org/protocol/muc#roomconfig</value></field>
        <field var='muc#roomconfig_roomname'><value>Balcony</value></field>
        <field var='muc#roomconfig_presencebroadcast'><value>moderator</value><value>participant</value></field>
        <field var='empty'/>
        <field><value>no var: ignored</value></field>
      </x>`);

    const read = readForm(form);

    expect(read.type).toBe('submit');
    expect(read.formType).toBe('http://jabber.org/protocol/muc#roomconfig');
    expect([...read.values]).toEqual([
      ['muc#roomconfig_roomname', ['Balcony']],
      ['muc#roomconfig_presencebroadcast', ['moderator', 'participant']],
      ['empty', []],
    ]);
  });

  it('defaults the type to "form" and the form type to undefined', () => {
    const read = readForm(stanza(`<x xmlns='jabber:x:data'/>`));

    expect(read).toEqual({ type: 'form', formType: undefined, values: new Map() });
  });
});

describe('findForm', () => {
  it('finds the jabber:x:data child and nothing else', () => {
    const query = stanza(
      `<query xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='urn:other'/><x xmlns='jabber:x:data' type='submit'/></query>`,
    );

    expect(findForm(query)?.attrs.type).toBe('submit');
    expect(findForm(stanza(`<query/>`))).toBeUndefined();
    expect(findForm(undefined)).toBeUndefined();
  });
});

describe('parseBoolean', () => {
  it('reads the four lexical forms of XEP-0004 §3.3 and nothing else', () => {
    expect(['1', 'true', '0', 'false', 'yes', 'True', undefined].map(parseBoolean)).toEqual([
      true,
      true,
      false,
      false,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('validateField', () => {
  const field = (spec: Partial<FormField> & Pick<FormField, 'type'>): FormField => ({
    var: 'f',
    values: [],
    ...spec,
  });

  it('accepts a missing or empty answer to an optional field', () => {
    expect(validateField(field({ type: 'text-single' }), undefined)).toEqual({ ok: true });
    expect(validateField(field({ type: 'text-single' }), [])).toEqual({ ok: true });
  });

  it('refuses a missing or empty answer to a required field', () => {
    const required = field({ type: 'text-single', required: true });

    expect(validateField(required, undefined)).toEqual({ ok: false, reason: 'f is required' });
    expect(validateField(required, [])).toEqual({ ok: false, reason: 'f is required' });
  });

  it('accepts the boolean forms and refuses anything else', () => {
    const boolean = field({ type: 'boolean' });

    expect(validateField(boolean, ['true'])).toEqual({ ok: true });
    expect(validateField(boolean, ['yes'])).toEqual({
      ok: false,
      reason: "f: 'yes' is not a boolean",
    });
  });

  it('refuses several values for a single-valued field but accepts them for -multi fields', () => {
    expect(validateField(field({ type: 'text-single' }), ['a', 'b'])).toEqual({
      ok: false,
      reason: 'f takes one value',
    });
    expect(validateField(field({ type: 'text-multi' }), ['a', 'b'])).toEqual({ ok: true });
    expect(validateField(field({ type: 'jid-multi' }), ['a@b', 'c@d'])).toEqual({ ok: true });
  });

  it('checks list answers against the options, each value of a list-multi', () => {
    const options = [{ value: 'moderator' }, { value: 'participant' }];

    expect(validateField(field({ type: 'list-single', options }), ['moderator'])).toEqual({
      ok: true,
    });
    expect(
      validateField(field({ type: 'list-multi', options }), ['participant', 'visitor']),
    ).toEqual({ ok: false, reason: "f: 'visitor' is not one of moderator, participant" });
  });

  it('accepts any value for a list without options', () => {
    expect(validateField(field({ type: 'list-single' }), ['anything'])).toEqual({ ok: true });
  });

  it('checks that jid fields hold valid JIDs', () => {
    expect(validateField(field({ type: 'jid-single' }), ['Juliet@Capulet.lit'])).toEqual({
      ok: true,
    });
    expect(validateField(field({ type: 'jid-multi' }), ['juliet@capulet.lit', 'a@'])).toEqual({
      ok: false,
      reason: "f: 'a@' is not a valid JID",
    });
  });
});
