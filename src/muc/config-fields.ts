// Builders for the muc#roomconfig fields that features own, with Prosody's getters and setters (what the form shows, what a submission changes) — XEP-0045 §10.2 and §16.5.3
import type { FieldValue, FormField } from '../xmpp/data-form.js';
import type { ConfigField } from './hooks.js';
import type { RoomConfig } from './model/config.js';

type Keys<T> = { [K in keyof RoomConfig]: RoomConfig[K] extends T ? K : never }[keyof RoomConfig];
type TextKeys = {
  [K in keyof RoomConfig]: string extends RoomConfig[K] ? K : never;
}[keyof RoomConfig];

/** Where Prosody's form puts a field: its hook priority (higher first) and the field's layout. */
export interface Placement {
  priority: number;
  /** The debugger's short name for the field. */
  word?: string;
  field: Omit<FormField, 'value'>;
}

/**
 * A boolean option stored as Prosody stores it (`true` or nil): the form shows `1` when it is on
 * and no value when it is off; a submission that is not a boolean turns it off.
 */
export function flagField({ priority, word, field }: Placement, key: Keys<boolean>): ConfigField {
  return {
    priority,
    ...(word !== undefined && { word }),
    field: { ...field, type: 'boolean' },
    read: (config) => config[key] || undefined,
    write: (config, value) => {
      const next = value === true;
      if (config[key] === next) return false;
      config[key] = next;
      return true;
    },
  };
}

/** A text option Prosody stores as nil when empty; `shownEmpty`: the form shows `<value/>` for it then. */
export function textField(
  { priority, word, field }: Placement,
  key: TextKeys,
  shownEmpty: boolean,
): ConfigField {
  return {
    priority,
    ...(word !== undefined && { word }),
    field: { type: 'text-single', ...field },
    read: (config) => (config[key] === '' && !shownEmpty ? undefined : config[key]),
    write: (config, value) => {
      const next = typeof value === 'string' ? value : '';
      if (config[key] === next) return false;
      config[key] = next;
      return true;
    },
  };
}

/** A list-single option whose form value is the option marked as the current one. */
export function choiceField<K extends Keys<string>>(
  { priority, word, field }: Placement,
  key: K,
  options: readonly { value: RoomConfig[K]; label: string }[],
  isValid: (value: string) => boolean = (value) => options.some((option) => option.value === value),
): ConfigField {
  return {
    priority,
    ...(word !== undefined && { word }),
    field: { ...field, type: 'list-single' },
    options: (config) =>
      options.map((option) => ({ ...option, default: option.value === config[key] })),
    read: () => undefined,
    write: (config, value) => {
      if (typeof value !== 'string' || !isValid(value) || config[key] === value) return false;
      config[key] = value as RoomConfig[K];
      return true;
    },
  };
}

export type { FieldValue };
