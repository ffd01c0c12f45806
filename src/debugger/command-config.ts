// The room configuration fields a typed `config` command names, and their values checked, as the service's features define them — XEP-0045 §10.2 and §16.5.3, as typed by virtual users
import { EXTRA_NAMES, featuresWithExtras } from '../muc/extras.js';
import { FEATURES } from '../muc/features/index.js';
import type { ConfigField, TypedValue } from '../muc/hooks.js';
import { defaultRoomConfig } from '../muc/model/config.js';
import type { FieldOption } from '../xmpp/data-form.js';
import { visibleToken } from '../xmpp/visible.js';
import type { Arguments, Token } from './command-arguments.js';

export interface ConfigValue {
  var: string;
  values: string[];
}

/** How a field takes a typed `word=value`: a boolean, a comma-separated list, or one checked value. */
type TypedField =
  | { var: string; kind: 'boolean' }
  | { var: string; kind: 'list'; among: readonly string[] }
  | { var: string; kind: 'single'; check: TypedValue };

const BOOLEAN_WORDS: Readonly<Record<string, '1' | '0'>> = {
  '1': '1',
  true: '1',
  yes: '1',
  on: '1',
  '0': '0',
  false: '0',
  no: '0',
  off: '0',
};

function optionValues(options: readonly FieldOption[]): string[] {
  return options.map((option) => (typeof option === 'string' ? option : option.value));
}

/** How a typed value is checked, from the field's own type and options (its `typed`, if it has one). */
function typedField({ field, options, typed }: ConfigField): TypedField {
  const name = field.var ?? '';
  if (typed) return { var: name, kind: 'single', check: typed };
  if (field.type === 'boolean') return { var: name, kind: 'boolean' };
  if (field.type === 'list-multi') {
    return { var: name, kind: 'list', among: optionValues(field.options ?? []) };
  }
  if (field.type === 'list-single') {
    const choices = optionValues(options?.(defaultRoomConfig()) ?? field.options ?? []);
    const check = {
      expected: `one of ${choices.join(', ')}`,
      accepts: (value: string) => choices.includes(value),
    };
    return { var: name, kind: 'single', check };
  }
  const check =
    field.datatype === 'xs:integer'
      ? { expected: 'a whole number', accepts: (value: string) => /^\d+$/.test(value) }
      : { expected: 'text', accepts: () => true };
  return { var: name, kind: 'single', check };
}

/**
 * The short names of every feature's fields (the extras' too), in the features' order: the
 * debugger types what the room's form offers, and checks it as the field defines it.
 */
const TYPED_FIELDS: ReadonlyMap<string, TypedField> = new Map(
  featuresWithExtras(FEATURES, new Set(EXTRA_NAMES))
    .flatMap((feature) => feature.config ?? [])
    .flatMap((field) =>
      field.word === undefined ? [] : [[field.word, typedField(field)] as const],
    ),
);

/** `field=value`: a short name with its value checked, or a full field name as given. */
export function configValue(args: Arguments, token: Token): ConfigValue {
  const equals = token.text.indexOf('=');
  if (equals <= 0) args.fail(`'${visibleToken(token.text)}' is not <field>=<value>`, token);
  const name = token.text.slice(0, equals);
  const value = token.text.slice(equals + 1);
  const key = name.toLowerCase().replace(/^muc#roomconfig_/, '');
  const typed = TYPED_FIELDS.get(key);
  if (!typed) {
    if (name.includes('#') || name.startsWith('{')) return { var: name, values: value.split(',') };
    args.fail(
      `unknown field '${visibleToken(name)}': use ${[...TYPED_FIELDS.keys()].join(', ')} or a full field name`,
      token,
    );
  }
  return { var: typed.var, values: typedValues(args, token, key, typed, value) };
}

function typedValues(
  args: Arguments,
  token: Token,
  key: string,
  typed: TypedField,
  value: string,
): string[] {
  switch (typed.kind) {
    case 'boolean': {
      const word = BOOLEAN_WORDS[value.toLowerCase()];
      return word
        ? [word]
        : args.fail(`${key} must be 1 or 0, not '${visibleToken(value)}'`, token);
    }
    case 'list': {
      const values = value === '' ? [] : value.split(',');
      const wrong = values.find((one) => !typed.among.includes(one));
      if (wrong !== undefined) {
        const among = typed.among.join(', ');
        args.fail(`${key} takes values among ${among}, not '${visibleToken(wrong)}'`, token);
      }
      return values;
    }
    case 'single':
      if (typed.check.accepts(value)) return [value];
      return args.fail(
        `${key} must be ${typed.check.expected}, not '${visibleToken(value)}'`,
        token,
      );
  }
}
