// The matcher is not lenient: changing any expected value in a Prosody script makes it fail (XEP-0045 conformance, docs/scansion.md)
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Element } from 'ltx';
import { describe, expect, it } from 'vitest';
import { parseBlock } from '../src/scansion/block.js';
import { parseScript } from '../src/scansion/parser.js';
import { runScript } from '../src/scansion/runner.js';
import type { Script } from '../src/scansion/script.js';
import { SimTarget } from '../src/sim/sim-target.js';
import { prettyXml } from '../src/xmpp/xml.js';
import { prosodySuiteDir, scriptsIn } from './helpers/suite.js';

const MARK = 'mutated';

interface Mutant {
  label: string;
  script: Script;
}

function isComparedAttribute(name: string, value: string): boolean {
  return (
    name !== 'xmlns' &&
    !name.startsWith('xmlns:') &&
    !name.startsWith('scansion:') &&
    !value.includes('{scansion:')
  );
}

/** Every way of changing one expected attribute value or text of one `receives` step. */
function mutantsOf(script: Script): Mutant[] {
  const mutants: Mutant[] = [];
  script.actions.forEach((action, index) => {
    if (action.kind !== 'receives' || !action.xml) return;
    const parsed = parseBlock(action.xml);
    if (!parsed.ok) return;
    const root = parsed.element;
    const visit = (element: Element, path: string) => {
      for (const [name, value] of Object.entries(element.attrs)) {
        if (!isComparedAttribute(name, String(value))) continue;
        element.attrs[name] = `${value}-${MARK}`;
        mutants.push(replaced(script, index, root, `line ${action.line}: ${path}@${name}`));
        element.attrs[name] = value;
      }
      element.children.forEach((child, childIndex) => {
        if (typeof child === 'string') {
          if (child.trim() === '' || child.includes('{scansion:')) return;
          element.children[childIndex] = `${child}-${MARK}`;
          mutants.push(replaced(script, index, root, `line ${action.line}: ${path}/text()`));
          element.children[childIndex] = child;
        } else {
          visit(child, `${path}/${child.name}`);
        }
      });
    };
    visit(root, root.name);
  });
  return mutants;
}

function replaced(script: Script, index: number, root: Element, label: string): Mutant {
  const actions = script.actions.map((action, position) =>
    position === index ? { ...action, xml: prettyXml(root) } : action,
  );
  return { label, script: { ...script, actions } };
}

const scripts = scriptsIn(prosodySuiteDir());

describe.skipIf(scripts.length === 0)('every expected value of the Prosody suite matters', () => {
  it.each(scripts.map((path) => [basename(path), path]))(
    '%s fails when any expected value changes',
    async (_name, path) => {
      const script = parseScript(readFileSync(path, 'utf8'), basename(path));
      const mutants = mutantsOf(script);
      const survivors: string[] = [];
      for (const mutant of mutants) {
        const result = await runScript(mutant.script, new SimTarget(), {});
        if (result.passed) survivors.push(mutant.label);
      }
      expect(mutants.length).toBeGreaterThan(5);
      expect(survivors).toEqual([]);
    },
  );
});
