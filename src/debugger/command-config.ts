// The room configuration fields a typed `config` command names (muc#roomconfig, §10.2 and §16.5.3), and their values checked — XEP-0045 §10 as typed by virtual users
import { visibleToken } from '../xmpp/visible.js';
import type { Arguments, Token } from './command-arguments.js';

export interface ConfigValue {
  var: string;
  values: string[];
}

interface ConfigFieldSpec {
  var: string;
  kind: 'boolean' | 'text' | 'number' | 'roles' | 'choice';
  choices?: readonly string[];
}

const ROOMCONFIG = 'muc#roomconfig_';
const BROADCAST_ROLES = ['moderator', 'participant', 'visitor', 'none'] as const;

/** Short names for the muc#roomconfig fields (§10.2, §16.5.3) and Prosody's allowmemberinvites. */
const CONFIG_FIELDS: Readonly<Record<string, ConfigFieldSpec>> = {
  name: { var: `${ROOMCONFIG}roomname`, kind: 'text' },
  description: { var: `${ROOMCONFIG}roomdesc`, kind: 'text' },
  lang: { var: `${ROOMCONFIG}lang`, kind: 'text' },
  persistent: { var: `${ROOMCONFIG}persistentroom`, kind: 'boolean' },
  public: { var: `${ROOMCONFIG}publicroom`, kind: 'boolean' },
  membersonly: { var: `${ROOMCONFIG}membersonly`, kind: 'boolean' },
  allowinvites: {
    var: '{http://prosody.im/protocol/muc}roomconfig_allowmemberinvites',
    kind: 'boolean',
  },
  moderated: { var: `${ROOMCONFIG}moderatedroom`, kind: 'boolean' },
  whois: { var: `${ROOMCONFIG}whois`, kind: 'choice', choices: ['moderators', 'anyone'] },
  password: { var: `${ROOMCONFIG}roomsecret`, kind: 'text' },
  changesubject: { var: `${ROOMCONFIG}changesubject`, kind: 'boolean' },
  presencebroadcast: { var: `${ROOMCONFIG}presencebroadcast`, kind: 'roles' },
  historylength: { var: `${ROOMCONFIG}historylength`, kind: 'number' },
  defaulthistorymessages: { var: `${ROOMCONFIG}defaulthistorymessages`, kind: 'number' },
  allowpm: {
    var: `${ROOMCONFIG}allowpm`,
    kind: 'choice',
    choices: ['visitor', 'participant', 'moderator', 'none'],
  },
  maxusers: { var: `${ROOMCONFIG}maxusers`, kind: 'number' },
};

/** `field=value`: a short name with its value checked, or a full field name as given. */
export function configValue(args: Arguments, token: Token): ConfigValue {
  const equals = token.text.indexOf('=');
  if (equals <= 0) args.fail(`'${visibleToken(token.text)}' is not <field>=<value>`, token);
  const name = token.text.slice(0, equals);
  const value = token.text.slice(equals + 1);
  const key = name.toLowerCase().replace(/^muc#roomconfig_/, '');
  const spec = CONFIG_FIELDS[key];
  if (!spec) {
    if (name.includes('#') || name.startsWith('{')) return { var: name, values: value.split(',') };
    args.fail(
      `unknown field '${visibleToken(name)}': use ${Object.keys(CONFIG_FIELDS).join(', ')} or a full field name`,
      token,
    );
  }
  return { var: spec.var, values: configValues(args, token, key, spec, value) };
}

function configValues(
  args: Arguments,
  token: Token,
  key: string,
  spec: ConfigFieldSpec,
  value: string,
): string[] {
  switch (spec.kind) {
    case 'text':
      return [value];
    case 'boolean': {
      const lower = value.toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(lower)) return ['1'];
      if (['0', 'false', 'no', 'off'].includes(lower)) return ['0'];
      return args.fail(`${key} must be 1 or 0, not '${visibleToken(value)}'`, token);
    }
    case 'number':
      if (/^\d+$/.test(value) || (key === 'maxusers' && value === 'none')) return [value];
      return args.fail(`${key} must be a whole number, not '${visibleToken(value)}'`, token);
    case 'choice': {
      const choices = spec.choices ?? [];
      if (choices.includes(value)) return [value];
      return args.fail(
        `${key} must be one of ${choices.join(', ')}, not '${visibleToken(value)}'`,
        token,
      );
    }
    case 'roles': {
      const roles = value === '' ? [] : value.split(',');
      const wrong = roles.find((role) => !(BROADCAST_ROLES as readonly string[]).includes(role));
      if (wrong !== undefined) {
        args.fail(
          `${key} takes roles among ${BROADCAST_ROLES.join(', ')}, not '${visibleToken(wrong)}'`,
          token,
        );
      }
      return roles;
    }
  }
}
