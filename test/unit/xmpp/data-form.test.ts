// Tests for XEP-0004 data forms as XEP-0045 §16.5 uses them: build, read, validate
import { describe, expect, it } from 'vitest';
import {
  buildForm,
  type FormField,
  findForm,
  parseBoolean,
  readForm,
  readFormData,
} from '../../../src/xmpp/data-form.js';
import { canonical, stanza } from '../../helpers/stanza.js';

describe("buildForm (Prosody's util/dataforms.lua form())", () => {
  it('writes the type of every field, options before the value, the value only when there is one, required last', () => {
    const form = buildForm({
      type: 'form',
      title: 'Configuration',
      instructions: 'Fill it in.',
      fields: [
        { var: 'FORM_TYPE', type: 'hidden', value: 'urn:example' },
        { type: 'fixed', value: 'Room information' },
        { var: 'muc#roomconfig_roomname', label: 'Title' },
        {
          var: 'muc#roomconfig_persistentroom',
          type: 'boolean',
          label: 'Persistent',
          desc: 'Kept when empty',
          required: true,
        },
        { var: 'muc#roomconfig_publicroom', type: 'boolean', value: false },
        { var: 'muc#roomconfig_historylength', datatype: 'xs:integer', value: 20 },
        {
          var: 'muc#roomconfig_whois',
          type: 'list-single',
          options: [
            { value: 'moderators', label: 'Moderators only', default: true },
            { value: 'anyone', label: 'Anyone' },
          ],
        },
        {
          var: 'muc#roomconfig_presencebroadcast',
          type: 'list-multi',
          value: ['moderator'],
          options: ['none', 'moderator'],
        },
      ],
    });

    expect(canonical(form)).toBe(
      canonical(`
        <x xmlns='jabber:x:data' type='form'>
          <title>Configuration</title>
          <instructions>Fill it in.</instructions>
          <field type='hidden' var='FORM_TYPE'><value>urn:example</value></field>
          <field type='fixed'><value>Room information</value></field>
          <field type='text-single' var='muc#roomconfig_roomname' label='Title'/>
          <field type='boolean' var='muc#roomconfig_persistentroom' label='Persistent'>
            <desc>Kept when empty</desc><required/>
          </field>
          <field type='boolean' var='muc#roomconfig_publicroom'><value>0</value></field>
          <field type='text-single' var='muc#roomconfig_historylength'>
            <validate xmlns='http://jabber.org/protocol/xdata-validate' datatype='xs:integer'/>
            <value>20</value>
          </field>
          <field type='list-single' var='muc#roomconfig_whois'>
            <option label='Moderators only'><value>moderators</value></option>
            <option label='Anyone'><value>anyone</value></option>
            <value>moderators</value>
          </field>
          <field type='list-multi' var='muc#roomconfig_presencebroadcast'>
            <option label='none'><value>none</value></option>
            <option label='moderator'><value>moderator</value></option>
            <value>moderator</value>
          </field>
        </x>`),
    );
  });

  it('leaves validation and options out of a result, and labels and descriptions out of a submission', () => {
    const fields = [
      { var: 'FORM_TYPE', type: 'hidden' as const, value: 'urn:example' },
      { var: 'count', label: 'Count', desc: 'How many', datatype: 'xs:integer', value: '2' },
      { var: 'pick', type: 'list-single' as const, options: ['a', 'b'], value: 'a' },
    ];

    expect(canonical(buildForm({ type: 'result', title: 'T', fields }))).toBe(
      canonical(`
        <x xmlns='jabber:x:data' type='result'>
          <title>T</title>
          <field type='hidden' var='FORM_TYPE'><value>urn:example</value></field>
          <field type='text-single' var='count' label='Count'><desc>How many</desc><value>2</value></field>
          <field type='list-single' var='pick'><value>a</value></field>
        </x>`),
    );
    expect(canonical(buildForm({ type: 'submit', title: 'T', fields }))).toBe(
      canonical(`
        <x xmlns='jabber:x:data' type='submit'>
          <field type='hidden' var='FORM_TYPE'><value>urn:example</value></field>
          <field type='text-single' var='count'><value>2</value></field>
          <field type='list-single' var='pick'><value>a</value></field>
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

describe("readFormData (Prosody's field readers)", () => {
  const layout: FormField[] = [
    { var: 'FORM_TYPE', type: 'hidden' },
    { var: 'flag', type: 'boolean' },
    { var: 'count', datatype: 'xs:integer' },
    { var: 'roles', type: 'list-multi' },
    { var: 'who', type: 'jid-single' },
    { var: 'name' },
  ];
  const read = (fields: string) =>
    readFormData(
      layout,
      stanza(
        `<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE'><value>urn:t</value></field>${fields}</x>`,
      ),
    );

  it('reads each present layout field by its type and ignores fields the layout lacks', () => {
    const { values, formType } = read(`
      <field var='flag'><value>true</value></field>
      <field var='count'><value>12</value></field>
      <field var='roles'><value>moderator</value><value>participant</value></field>
      <field var='who'><value>Juliet@Capulet.lit</value></field>
      <field var='name'><value/></field>
      <field var='unknown'><value>1</value></field>`);

    expect(formType).toBe('urn:t');
    expect([...values]).toEqual([
      ['flag', true],
      ['count', 12],
      ['roles', ['moderator', 'participant']],
      ['who', 'juliet@capulet.lit'],
      ['name', ''],
    ]);
  });

  it('reads an invalid value as nothing, the way Prosody gets nil', () => {
    const { values } = read(`
      <field var='flag'><value>yes</value></field>
      <field var='count'><value>1.5</value></field>
      <field var='roles'/>
      <field var='who'><value>a@</value></field>
      <field var='name'/>`);

    expect([...values]).toEqual([
      ['flag', undefined],
      ['count', undefined],
      ['roles', undefined],
      ['who', undefined],
      ['name', undefined],
    ]);
  });
});
