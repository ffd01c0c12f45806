// Small builders for the muc#roomconfig fields that features own — XEP-0045 §10.2 and §16.5.3
import { parseBoolean } from '../xmpp/data-form.js';
import type { StanzaErrorSpec } from '../xmpp/stanza-error.js';
import type { ConfigField } from './hooks.js';
import type { RoomConfig } from './model/config.js';

type Keys<T> = { [K in keyof RoomConfig]: RoomConfig[K] extends T ? K : never }[keyof RoomConfig];
type FreeTextKeys = {
  [K in keyof RoomConfig]: string extends RoomConfig[K] ? K : never;
}[keyof RoomConfig];

const badValue = (text: string): StanzaErrorSpec => ({
  type: 'modify',
  condition: 'not-acceptable',
  text,
});

export function booleanField(name: string, label: string, key: Keys<boolean>): ConfigField {
  return {
    field: { var: name, type: 'boolean', label, values: [] },
    read: (config) => [config[key] ? '1' : '0'],
    write: (config, values) => {
      const value = parseBoolean(values[0]);
      if (value === undefined) return badValue(`${name} must be a boolean`);
      config[key] = value;
      return undefined;
    },
  };
}

export function textField(
  name: string,
  label: string,
  key: FreeTextKeys,
  type: 'text-single' | 'text-private' = 'text-single',
): ConfigField {
  return {
    field: { var: name, type, label, values: [] },
    read: (config) => [config[key]],
    write: (config, values) => {
      config[key] = values[0] ?? '';
      return undefined;
    },
  };
}

export function numberField(name: string, label: string, key: Keys<number>): ConfigField {
  return {
    field: { var: name, type: 'text-single', label, values: [] },
    read: (config) => [String(config[key])],
    write: (config, values) => {
      const value = Number(values[0]);
      if (!Number.isInteger(value) || value < 0) return badValue(`${name} must be a whole number`);
      config[key] = value;
      return undefined;
    },
  };
}

export function choiceField<K extends Keys<string>>(
  name: string,
  label: string,
  key: K,
  options: { value: RoomConfig[K]; label: string }[],
): ConfigField {
  return {
    field: { var: name, type: 'list-single', label, values: [], options },
    read: (config) => [config[key]],
    write: (config, values) => {
      const value = values[0];
      const option = options.find((candidate) => candidate.value === value);
      if (!option) return badValue(`${name}: '${value}' is not one of the options`);
      config[key] = option.value;
      return undefined;
    },
  };
}
