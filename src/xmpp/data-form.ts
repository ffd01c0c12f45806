// XEP-0004 data forms: build, read and validate the forms of XEP-0045 §16.5 (roomconfig, register, request)
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

export interface FormField {
  var?: string;
  type: FieldType;
  label?: string;
  values: string[];
  options?: { value: string; label?: string }[];
  required?: boolean;
}

export interface FormSpec {
  type: 'form' | 'submit' | 'cancel' | 'result';
  title?: string;
  instructions?: string;
  fields: FormField[];
}

export function buildForm(spec: FormSpec): Element {
  const form = new Element('x', { xmlns: NS.dataForms, type: spec.type });
  if (spec.title) form.c('title').t(spec.title);
  if (spec.instructions) form.c('instructions').t(spec.instructions);
  for (const field of spec.fields) {
    const attrs: Record<string, string> = {};
    if (spec.type === 'form' || field.type === 'hidden') attrs.type = field.type;
    if (field.var) attrs.var = field.var;
    if (field.label) attrs.label = field.label;
    const fieldEl = form.c('field', attrs);
    if (field.required) fieldEl.c('required');
    for (const value of field.values) fieldEl.c('value').t(value);
    for (const option of field.options ?? []) {
      const optionAttrs: Record<string, string> = option.label ? { label: option.label } : {};
      fieldEl.c('option', optionAttrs).c('value').t(option.value);
    }
  }
  return form;
}

export interface SubmittedForm {
  type: string;
  formType: string | undefined;
  values: Map<string, string[]>;
}

/** Reads a submitted form; the FORM_TYPE field is taken out of `values`. */
export function readForm(form: Element): SubmittedForm {
  const values = new Map<string, string[]>();
  for (const field of form.getChildren('field')) {
    const name = field.attrs.var;
    if (!name) continue;
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

export type FieldCheck = { ok: true } | { ok: false; reason: string };

/** Validates submitted values against the field they answer (XEP-0004 §3.3 field types). */
export function validateField(field: FormField, submitted: string[] | undefined): FieldCheck {
  if (submitted === undefined || submitted.length === 0) {
    return field.required ? { ok: false, reason: `${field.var} is required` } : { ok: true };
  }
  const single = !field.type.endsWith('-multi') && field.type !== 'text-multi';
  if (single && submitted.length > 1) {
    return { ok: false, reason: `${field.var} takes one value` };
  }
  for (const value of submitted) {
    if (field.type === 'boolean' && parseBoolean(value) === undefined) {
      return { ok: false, reason: `${field.var}: '${value}' is not a boolean` };
    }
    if (field.type.startsWith('jid') && prepJid(value) === undefined) {
      return { ok: false, reason: `${field.var}: '${value}' is not a valid JID` };
    }
    const allowed = field.options?.map((option) => option.value);
    if (field.type.startsWith('list') && allowed && !allowed.includes(value)) {
      return { ok: false, reason: `${field.var}: '${value}' is not one of ${allowed.join(', ')}` };
    }
  }
  return { ok: true };
}
