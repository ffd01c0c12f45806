// An independent scansion reader for the conformance check of mucsim serve: follows docs/scansion.md and shares no code with src/scansion — Prosody's XEP-0045 scripts, read a second way
import { type Element, parse } from 'ltx';

export interface Character {
  name: string;
  jid: string;
  resource?: string;
}

export interface Step {
  client: string;
  verb: 'connects' | 'disconnects' | 'sends' | 'receives';
  /** The XML block, raw (variables not yet substituted). */
  xml?: string;
  nothing: boolean;
  line: number;
}

export interface ScansionScript {
  characters: Map<string, Character>;
  steps: Step[];
}

const SCANSION_NS = 'https://matthewwild.co.uk/projects/scansion';
const VERBS = ['connects', 'disconnects', 'sends', 'receives'] as const;

function isComment(line: string): boolean {
  return line.startsWith('#') || line.startsWith('//') || line.startsWith('--');
}

/** Reads a .scs: `[Client] Name` definitions with indented keys, then `Name verb` steps with indented XML. */
export function readScansion(text: string): ScansionScript {
  const characters = new Map<string, Character>();
  const steps: Step[] = [];
  let character: Character | undefined;
  let block: string[] | undefined;
  const flush = () => {
    const last = steps[steps.length - 1];
    if (block && last) last.xml = block.join('\n');
    block = undefined;
  };
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trimEnd();
    if (/^\s/.test(line) && line.trim() !== '') {
      const key = /^\s+(\w+):\s*(.*)$/.exec(line);
      if (character && key) {
        if (key[1] === 'jid') character.jid = key[2] as string;
        if (key[1] === 'resource') character.resource = key[2] as string;
      } else block?.push(line);
      continue;
    }
    if (line.trim() === '' || isComment(line) || /^-{3,}$/.test(line)) {
      if (line.trim() !== '') character = undefined;
      continue;
    }
    flush();
    character = undefined;
    const definition = /^\[Client\]\s+(.+)$/.exec(line);
    if (definition) {
      character = { name: (definition[1] as string).trim(), jid: '' };
      characters.set(character.name, character);
      continue;
    }
    const action = /^(.+?)\s+(connects|disconnects|sends|receives):?\s*(nothing)?$/.exec(line);
    if (!action) throw new Error(`line ${index + 1}: not a step: ${line}`);
    const verb = action[2] as (typeof VERBS)[number];
    steps.push({
      client: action[1] as string,
      verb,
      nothing: action[3] === 'nothing',
      line: index + 1,
    });
    if (verb === 'sends' || verb === 'receives') block = [];
  }
  flush();
  return { characters, steps };
}

/** `${Romeo's JID}` / `${Romeo's full JID}` → the JIDs known so far. */
export function substitute(
  text: string,
  bare: Map<string, string>,
  full: Map<string, string>,
): string {
  return text.replace(/\$\{(.+?)'s (full JID|JID)\}/g, (whole, name: string, kind: string) => {
    const value = (kind === 'JID' ? bare : full).get(name);
    if (value === undefined) throw new Error(`unknown variable ${whole}`);
    return value;
  });
}

/** The block as an element, parsed inside `jabber:client` with the `scansion:` prefix declared. */
export function blockElement(xml: string): Element {
  const wrapper = parse(`<w xmlns='jabber:client' xmlns:scansion='${SCANSION_NS}'>${xml}</w>`);
  const element = wrapper.getChildElements()[0];
  if (!element) throw new Error('empty XML block');
  return element;
}
