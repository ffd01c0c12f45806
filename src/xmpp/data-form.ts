// XEP-0004 data forms as Prosody's util/dataforms.lua builds and reads them: the forms of XEP-0045 §16.5 (roomconfig, roominfo, register, request)
import { Element } from 'ltx';
import { prepJid } from './jid.js';
import { NS } from './namespaces.js';

export type FieldType =
  | 'boolean'
  | 'fixed'
  | 'hidden'
  | 'jid-multi'
  | 'jid-single'
  | 'list-multi'
  | 'list-single'
  | 'text-multi'
  | 'text-private'
  | 'text-single';

/** A field's value as Prosody holds it: absent (`undefined`) writes no `<value>` at all. */
export type FieldValue = string | number | boolean | readonly string[] | undefined;

export type FieldOption = string | { value: string; label?: string; default?: boolean };

/** One field of a form layout (Prosody's `{ name, type, label, desc, datatype, value, options, required }`). */
export interface FormField {
  /** The `var`; fixed fields have none. */
  var?: string;
  /** Default `text-single`. */
  type?: FieldType;
  label?: string;
  desc?: string;
  /** XEP-0122 datatype, e.g. `xs:integer`: a `<validate/>` in forms of type "form". */
  datatype?: string;
  value?: FieldValue;
  options?: readonly FieldOption[];
  required?: boolean;
}

export type FormType = 'form' | 'submit' | 'cancel' | 'result';

export interface FormSpec {
  type: FormType;
  title?: string;
  instructions?: string;
  fields: readonly FormField[];
}

const NS_VALIDATE = 'http://jabber.org/protocol/xdata-validate';

function valueTexts(type: FieldType, value: Exclude<FieldValue, undefined>): string[] {
  // Lua truthiness: only false (and no value at all) is 0.
  if (type === 'boolean') return [value === false ? '0' : '1'];
  if (typeof value === 'number') return [String(Math.trunc(value))];
  if (typeof value === 'boolean') return [value ? 'true' : 'false'];
  if (typeof value === 'string') {
    // Prosody splits a text-multi value into one <value> per non-empty line.
    return type === 'text-multi' ? value.split(/\r?\n/).filter((line) => line !== '') : [value];
  }
  return type === 'jid-multi' || type === 'list-multi' ? [...value] : [value.join('\n')];
}

/** The options of a list field; the value defaults to the options marked `default`. */
function addOptions(field: Element, spec: FormField, type: FieldType): FieldValue {
  const defaults: string[] = [];
  for (const option of spec.options ?? []) {
    const { value, label } = typeof option === 'string' ? { value: option, label: option } : option;
    const attrs: Record<string, string> = label === undefined ? {} : { label };
    field.c('option', attrs).c('value').t(value);
    if (typeof option !== 'string' && option.default) defaults.push(value);
  }
  if (spec.value !== undefined) return spec.value;
  if (type === 'list-single') return defaults[0];
  if (type === 'list-multi') return defaults;
  return undefined;
}

/**
 * Builds a form as Prosody's `form()` does: title and instructions (not in a submission), each
 * field's `type` always, `label` and `<desc>` (not in a submission), `<validate/>` (forms only),
 * the options before the value (forms only), `<required/>` last (forms only). A field with no
 * value gets no `<value>`; a boolean is `1` or `0`.
 */
export function buildForm(spec: FormSpec): Element {
  const form = new Element('x', { xmlns: NS.dataForms, type: spec.type });
  if (spec.type === 'cancel') return form;
  const described = spec.type !== 'submit';
  if (described && spec.title !== undefined) form.c('title').t(spec.title);
  if (described && spec.instructions !== undefined) form.c('instructions').t(spec.instructions);
  for (const field of spec.fields) {
    const type = field.type ?? 'text-single';
    const attrs: Record<string, string> = { type };
    if (field.var !== undefined) attrs.var = field.var;
    if (described && field.label !== undefined) attrs.label = field.label;
    const element = form.c('field', attrs);
    if (described && field.desc !== undefined) element.c('desc').t(field.desc);
    if (spec.type === 'form' && field.datatype !== undefined) {
      element.c('validate', { xmlns: NS_VALIDATE, datatype: field.datatype });
    }
    const value = spec.type === 'form' ? addOptions(element, field, type) : field.value;
    if (value !== undefined) for (const text of valueTexts(type, value)) element.c('value').t(text);
    if (spec.type === 'form' && field.required) element.c('required');
  }
  return form;
}

export interface SubmittedForm {
  type: string;
  formType: string | undefined;
  values: Map<string, string[]>;
}

/** Reads a submitted form's raw values; the FORM_TYPE field is taken out of `values`. */
export function readForm(form: Element): SubmittedForm {
  const values = new Map<string, string[]>();
  for (const field of form.getChildren('field')) {
    const name = field.attrs.var;
    if (!name || values.has(name)) continue;
    values.set(
      name,
      field.getChildren('value').map((value) => value.getText()),
    );
  }
  const formType = values.get('FORM_TYPE')?.[0];
  values.delete('FORM_TYPE');
  return { type: form.attrs.type ?? 'form', formType, values };
}

export function findForm(parent: Element | undefined): Element | undefined {
  return parent?.getChild('x', NS.dataForms);
}

/** XEP-0004 §3.3: boolean values are "0"/"1"/"false"/"true". */
export function parseBoolean(value: string | undefined): boolean | undefined {
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  return undefined;
}

/**
 * A submitted field's value read against its layout field, as Prosody's field readers do:
 * `undefined` where Prosody gets nil (no value, an invalid one, a bad JID or integer).
 */
export function readFieldValue(field: FormField, submitted: readonly string[]): FieldValue {
  const first = submitted[0];
  switch (field.type ?? 'text-single') {
    case 'boolean':
      return parseBoolean(first);
    case 'list-multi':
      return submitted.length > 0 ? [...submitted] : undefined;
    case 'jid-multi': {
      const jids = submitted.map((value) => prepJid(value));
      return jids.length > 0 && jids.every(Boolean) ? (jids as string[]) : undefined;
    }
    case 'text-multi':
      return submitted.length > 0 ? submitted.join('\n') : undefined;
    case 'jid-single':
      return first === undefined ? undefined : prepJid(first);
    default:
      if (field.datatype === 'xs:integer' && first !== undefined) {
        const number = Number(first);
        return first.trim() !== '' && Number.isInteger(number) ? number : undefined;
      }
      return first;
  }
}

/** Reads a whole submitted form against a layout: each layout field that was present, with its value. */
export function readFormData(
  layout: readonly FormField[],
  form: Element,
): { values: Map<string, FieldValue>; formType: string | undefined } {
  const submitted = readForm(form);
  const values = new Map<string, FieldValue>();
  for (const field of layout) {
    if (field.var === undefined || field.var === 'FORM_TYPE') continue;
    const raw = submitted.values.get(field.var);
    if (raw !== undefined) values.set(field.var, readFieldValue(field, raw));
  }
  return { values, formType: submitted.formType };
}
