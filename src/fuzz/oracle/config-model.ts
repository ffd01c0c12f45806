// The room configuration as values: what an owner's accepted form sets, and what disco#info and the configuration form later show — XEP-0045 §10.2, §6.4 (muc#roomconfig, disco features)
// Detecting changes by value, from what the room says about itself, catches a configuration
// changed in place where no owner asked for it.
import type { Element } from 'ltx';
import { NS } from '../../xmpp/namespaces.js';
import type { ModelConfig } from './room-model.js';

type Field = keyof ModelConfig;

const BOOLEAN_FIELDS: Readonly<Record<string, Field>> = {
  'muc#roomconfig_membersonly': 'membersOnly',
  'muc#roomconfig_moderatedroom': 'moderated',
  'muc#roomconfig_persistentroom': 'persistent',
  '{http://prosody.im/protocol/muc}roomconfig_allowmemberinvites': 'allowMemberInvites',
};

/**
 * util/dataforms.lua's boolean reader as process_form uses it: '1' and 'true' are true; '0',
 * 'false', anything else and no value at all leave the field without a value, which every
 * boolean setter of Prosody's MUC reads as false.
 */
function submittedBoolean(values: readonly string[]): boolean {
  const value = values[0];
  return value === '1' || value === 'true';
}

/** A boolean the room shows, when it shows one. */
function shownBoolean(values: readonly string[]): boolean | undefined {
  const value = values[0];
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  return undefined;
}

function fieldValues(form: Element): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  for (const field of form.getChildren('field')) {
    const name = field.attrs.var;
    if (typeof name === 'string') {
      fields.set(
        name,
        field.getChildren('value').map((value) => value.getText()),
      );
    }
  }
  return fields;
}

/** The submitted form's FORM_TYPE, '' when it has none. */
export function formType(form: Element): string {
  return fieldValues(form).get('FORM_TYPE')?.[0] ?? '';
}

/**
 * The configuration after an owner's form was accepted (Prosody's process_form): an empty
 * submit (an instant room) changes nothing; each field present sets its value. A whois the
 * oracle cannot read makes the field unknown until the room shows it.
 */
export function applySubmittedForm(config: ModelConfig, form: Element): ModelConfig {
  const next = { ...config };
  if (form.attrs.type !== 'submit') return next;
  for (const [name, values] of fieldValues(form)) {
    const boolean = BOOLEAN_FIELDS[name];
    if (boolean) (next as Record<Field, unknown>)[boolean] = submittedBoolean(values);
    else if (name === 'muc#roomconfig_whois') {
      const value = values[0];
      next.whois = value === 'moderators' || value === 'anyone' ? value : undefined;
    } else if (name === 'muc#roomconfig_roomsecret') {
      next.password = values.length <= 1 ? (values[0] ?? '') : undefined;
    }
  }
  return next;
}

/** The model's fields a form names (whatever their values). */
export function fieldsNamedBy(form: Element): Field[] {
  const fields: Field[] = [];
  for (const name of fieldValues(form).keys()) {
    const boolean = BOOLEAN_FIELDS[name];
    if (boolean) fields.push(boolean);
    else if (name === 'muc#roomconfig_whois') fields.push('whois');
    else if (name === 'muc#roomconfig_roomsecret') fields.push('password');
  }
  return fields;
}

/** One configuration value the room shows, and what it is called there. */
export interface Shown {
  field: Field;
  value: boolean | string;
  where: string;
}

const DISCO_FEATURES: Readonly<Record<string, [Field, boolean | string]>> = {
  muc_membersonly: ['membersOnly', true],
  muc_open: ['membersOnly', false],
  muc_moderated: ['moderated', true],
  muc_unmoderated: ['moderated', false],
  muc_nonanonymous: ['whois', 'anyone'],
  muc_semianonymous: ['whois', 'moderators'],
  muc_persistent: ['persistent', true],
  muc_temporary: ['persistent', false],
};

/** What a disco#info result of the room says about its configuration (§6.4). */
export function shownByDisco(query: Element): Shown[] {
  const shown: Shown[] = [];
  for (const feature of query.getChildren('feature')) {
    const name = feature.attrs.var as string;
    const known = DISCO_FEATURES[name];
    if (known)
      shown.push({ field: known[0], value: known[1], where: `disco#info feature ${name}` });
    if (name === 'muc_unsecured')
      shown.push({ field: 'password', value: '', where: `disco#info feature ${name}` });
  }
  return shown;
}

/** What the configuration form an owner fetched says (§10.2). */
export function shownByConfigForm(query: Element): Shown[] {
  const form = query.getChild('x', NS.dataForms);
  if (!form) return [];
  const shown: Shown[] = [];
  for (const [name, values] of fieldValues(form)) {
    const boolean = BOOLEAN_FIELDS[name];
    const where = `configuration form field ${name}`;
    if (boolean) {
      const value = shownBoolean(values);
      if (value !== undefined) shown.push({ field: boolean, value, where });
    } else if (name === 'muc#roomconfig_whois' && values[0] !== undefined) {
      shown.push({ field: 'whois', value: values[0], where });
    } else if (name === 'muc#roomconfig_roomsecret') {
      shown.push({ field: 'password', value: values[0] ?? '', where });
    }
  }
  return shown;
}

/**
 * Compares what the room shows with the model: returns the first disagreement on a value the
 * model knows, and adopts the values it did not know. `password: ''` from disco means none;
 * a disco 'muc_passwordprotected' says only that there is one.
 */
export function reconcile(config: ModelConfig, shown: readonly Shown[]): Shown | undefined {
  for (const entry of shown) {
    const known = config[entry.field];
    if (known === undefined) {
      (config as Record<Field, unknown>)[entry.field] = entry.value;
    } else if (known !== entry.value) {
      return entry;
    }
  }
  return undefined;
}

/** Whether a disco#info result says the room has a password where the model says it has none. */
export function passwordShownWhereNone(config: ModelConfig, query: Element): boolean {
  if (config.password !== '') return false;
  return query
    .getChildren('feature')
    .some((feature) => feature.attrs.var === 'muc_passwordprotected');
}
