// Test helper: a small structural checker for the Mermaid we export (sequenceDiagram, stateDiagram-v2) — no renderer, just "every line is a known statement" (diagrams of XEP-0045 runs and charts)

/** Entity codes (`#59;`, `#quot;`) are Mermaid's escapes; what is left must be plain text. */
const ENTITY = /#(?:\d+|[a-z]+);/g;

const ENTITIES: Record<string, string> = {
  '#59;': ';',
  '#35;': '#',
  '#quot;': '"',
  '#lt;': '<',
  '#gt;': '>',
};

/** The text as the reader sees it: entities decoded. */
export function decodeMermaid(text: string): string {
  return text.replace(ENTITY, (entity) => ENTITIES[entity] ?? '?');
}

/** Problems of one label: raw `;`, `#`, quotes or angle brackets (except `<br/>`), or too long. */
function labelProblems(text: string, maxLength: number): string[] {
  const problems: string[] = [];
  for (const segment of text.split('<br/>')) {
    const raw = segment.replace(ENTITY, '');
    const bad = raw.match(/[;#"<>]/);
    if (bad) problems.push(`raw '${bad[0]}' in label '${segment}'`);
    const visible = decodeMermaid(segment);
    if (visible.length > maxLength)
      problems.push(`label longer than ${maxLength}: '${visible}' (${visible.length})`);
  }
  return problems;
}

function stripFence(text: string): string[] {
  const lines = text.replace(/\n$/, '').split('\n');
  if (lines[0] === '```mermaid') {
    if (lines.at(-1) !== '```') return ['<unterminated fence>'];
    return lines.slice(1, -1);
  }
  return lines;
}

const ID = '[A-Za-z][A-Za-z0-9_]*';
const ARROW = '(?:->>|-->>|->|-->|-x|--x|-\\)|--\\))';
const BLOCK_OPEN = /^(alt|opt|loop|par|critical|break|rect)\b/;

export interface CheckedDiagram {
  errors: string[];
  participants: string[];
  /** Message labels, in order, as written (escaped). */
  labels: string[];
  notes: string[];
}

/** Checks a sequenceDiagram line by line; `errors` is empty when every line is a known statement. */
export function checkSequenceDiagram(text: string, maxLength = 60): CheckedDiagram {
  const result: CheckedDiagram = { errors: [], participants: [], labels: [], notes: [] };
  const lines = stripFence(text);
  if (lines[0] !== 'sequenceDiagram') result.errors.push(`first line is '${lines[0]}'`);
  const declared = new Set<string>();
  let depth = 0;
  for (const [index, raw] of lines.slice(1).entries()) {
    const number = index + 2;
    const line = raw.trim();
    const known = (...ids: (string | undefined)[]) => {
      for (const id of ids) {
        if (id !== undefined && !declared.has(id))
          result.errors.push(`line ${number}: undeclared participant '${id}'`);
      }
    };
    const label = (text: string) =>
      result.errors.push(...labelProblems(text, maxLength).map((p) => `line ${number}: ${p}`));
    if (line === '' || line.startsWith('%%') || line === 'autonumber') continue;
    if (/^title [^#;]+$/.test(line)) continue;
    const participant = new RegExp(`^(?:participant|actor) (${ID})(?: as (.+))?$`).exec(line);
    if (participant) {
      const [, id, alias] = participant as unknown as [string, string, string | undefined];
      if (declared.has(id)) result.errors.push(`line ${number}: '${id}' declared twice`);
      declared.add(id);
      result.participants.push(alias ?? id);
      if (alias) result.errors.push(...labelProblems(alias, Number.POSITIVE_INFINITY));
      continue;
    }
    const message = new RegExp(`^(${ID})${ARROW}[+-]?(${ID}): (.+)$`).exec(line);
    if (message) {
      const [, from, to, text] = message as unknown as [string, string, string, string];
      known(from, to);
      result.labels.push(text);
      label(text);
      continue;
    }
    const note = new RegExp(
      `^Note (?:over (${ID})(?:,(${ID}))?|(?:left|right) of (${ID})): (.+)$`,
    ).exec(line);
    if (note) {
      known(note[1], note[2], note[3]);
      result.notes.push(note[4] as string);
      label(note[4] as string);
      continue;
    }
    const activation = new RegExp(`^(?:activate|deactivate) (${ID})$`).exec(line);
    if (activation) {
      known(activation[1]);
      continue;
    }
    if (BLOCK_OPEN.test(line)) {
      depth += 1;
      continue;
    }
    if (/^(else|and|option)\b/.test(line)) {
      if (depth === 0) result.errors.push(`line ${number}: '${line}' outside a block`);
      continue;
    }
    if (line === 'end') {
      depth -= 1;
      if (depth < 0) result.errors.push(`line ${number}: 'end' without a block`);
      continue;
    }
    result.errors.push(`line ${number}: unknown statement '${line}'`);
  }
  if (depth > 0) result.errors.push(`${depth} block(s) not closed`);
  return result;
}

export interface CheckedStateDiagram {
  errors: string[];
  /** Every state id that appears. */
  states: Set<string>;
  /** `from --> to : label` lines as written. */
  transitions: { from: string; to: string; label?: string }[];
}

/** Checks a stateDiagram-v2 line by line, with balanced `state x {` … `}` blocks. */
export function checkStateDiagram(text: string, maxLength = 60): CheckedStateDiagram {
  const result: CheckedStateDiagram = { errors: [], states: new Set(), transitions: [] };
  const lines = stripFence(text);
  if (lines[0] !== 'stateDiagram-v2') result.errors.push(`first line is '${lines[0]}'`);
  let depth = 0;
  const end = `(\\[\\*\\]|${ID})`;
  for (const [index, raw] of lines.slice(1).entries()) {
    const number = index + 2;
    const line = raw.trim();
    if (line === '' || line.startsWith('%%') || /^direction (LR|RL|TB|BT)$/.test(line)) continue;
    const transition = new RegExp(`^${end} --> ${end}(?: : (.+))?$`).exec(line);
    if (transition) {
      const [, from, to, label] = transition as unknown as [string, string, string, string?];
      for (const id of [from, to]) if (id !== '[*]') result.states.add(id);
      result.transitions.push(label === undefined ? { from, to } : { from, to, label });
      if (label) {
        result.errors.push(...labelProblems(label, maxLength).map((p) => `line ${number}: ${p}`));
      }
      continue;
    }
    const composite = new RegExp(`^state (${ID}) \\{$`).exec(line);
    if (composite) {
      result.states.add(composite[1] as string);
      depth += 1;
      continue;
    }
    if (line === '}') {
      depth -= 1;
      if (depth < 0) result.errors.push(`line ${number}: '}' without a block`);
      continue;
    }
    const described = new RegExp(`^state "([^"]+)" as (${ID})$`).exec(line);
    if (described) {
      result.states.add(described[2] as string);
      continue;
    }
    const plain = new RegExp(`^(${ID})(?: : (.+))?$`).exec(line);
    if (plain) {
      result.states.add(plain[1] as string);
      continue;
    }
    if (line === '--') {
      if (depth === 0) result.errors.push(`line ${number}: '--' outside a composite state`);
      continue;
    }
    result.errors.push(`line ${number}: unknown statement '${line}'`);
  }
  if (depth !== 0) result.errors.push(`unbalanced braces (${depth})`);
  return result;
}
