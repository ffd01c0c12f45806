// scansion .scs writer — turns a recorded or parsed XEP-0045 scenario (§7–§10) back into a script
import type { Element } from 'ltx';
import { normalizeXml, prettyXml } from '../xmpp/xml.js';
import type { ActionKind, ClientDefinition } from './script.js';

export interface WritableAction {
  kind: ActionKind;
  client: string;
  nothing?: boolean;
  narration?: readonly string[];
  /** A raw block (as parsed): re-indented as it is. */
  xml?: string;
  /** A stanza (as recorded): pretty-printed. Wins over `xml`. */
  stanza?: Element;
}

export interface WritableScript {
  title?: string;
  description?: string;
  tags?: readonly string[];
  clients: readonly Omit<ClientDefinition, 'line'>[];
  actions: readonly WritableAction[];
  epilogue?: readonly string[];
}

/** A line of narration: `# text` (an empty line is a bare `#`). */
export function comment(text: string): string {
  return text === '' ? '#' : `# ${text}`;
}

function definition(client: Omit<ClientDefinition, 'line'>): string[] {
  const keys: [string, string | number | undefined][] = [
    ['jid', client.jid],
    ['password', client.password],
    ['resource', client.resource],
    ['connect_host', client.connectHost],
    ['connect_port', client.connectPort],
  ];
  const lines = keys
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `\t${key}: ${value}`);
  return [`[Client] ${client.name}`, ...lines, ''];
}

/** Removes the indentation common to every line of a raw block. */
function dedent(xml: string): string[] {
  const lines = xml.split('\n').filter((line) => line.trim() !== '');
  const indents = lines.map((line) => line.slice(0, line.length - line.trimStart().length));
  const common = indents.reduce((prefix, indent) => {
    let length = 0;
    while (length < prefix.length && prefix[length] === indent[length]) length += 1;
    return prefix.slice(0, length);
  }, indents[0] ?? '');
  return lines.map((line) => line.slice(common.length));
}

function block(action: WritableAction): string[] {
  const lines = action.stanza
    ? prettyXml(normalizeXml(action.stanza)).split('\n')
    : action.xml !== undefined
      ? dedent(action.xml)
      : [];
  return lines.map((line) => `\t${line}`);
}

function actionLines(action: WritableAction): string[] {
  const verb =
    action.kind === 'receives' && action.nothing
      ? 'receives: nothing'
      : action.kind === 'sends' || action.kind === 'receives'
        ? `${action.kind}:`
        : action.kind;
  return [
    ...(action.narration ?? []).map(comment),
    `${action.client} ${verb}`,
    ...block(action),
    '',
  ];
}

/** One action with its narration, block and the blank line after it. */
export function actionText(action: WritableAction): string {
  return `${actionLines(action).join('\n')}\n`;
}

/** Title and tags, `[Client]` definitions and `-----`: what comes before the actions. */
export function scriptHead(model: Omit<WritableScript, 'actions' | 'epilogue'>): string {
  const head: string[] = [];
  if (model.title !== undefined || model.description !== undefined)
    head.push(comment(model.title ?? ''));
  if (model.description !== undefined) head.push(comment(model.description));
  for (const tag of model.tags ?? []) head.push(`## ${tag}`);
  if (head.length > 0) head.push('');
  return `${[...head, ...model.clients.flatMap(definition), '-----', ''].join('\n')}\n`;
}

/** A .scs script: title and tags, `[Client]` definitions, `-----`, then the actions with `#` narration. */
export function writeScript(model: WritableScript): string {
  const epilogue = (model.epilogue ?? []).map(comment).join('\n');
  return `${scriptHead(model)}${model.actions.map(actionText).join('')}${epilogue}`.replace(
    /\n*$/,
    '\n',
  );
}
