// Test helpers: locate the conformance suite and run a .scs file against the simulator (XEP-0045 scenarios)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseScript } from '../../src/scansion/parser.js';
import { runScript, type ScriptResult } from '../../src/scansion/runner.js';
import { SimTarget } from '../../src/sim/sim-target.js';
import { prettyXml } from '../../src/xmpp/xml.js';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

/** MUCSIM_PROSODY_SUITE, or ../shared/scansion/prosody beside the repository. */
export function prosodySuiteDir(): string {
  return resolve(REPO_ROOT, process.env.MUCSIM_PROSODY_SUITE ?? '../shared/scansion/prosody');
}

export function scriptsIn(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((name) => name.endsWith('.scs'))
    .sort()
    .map((name) => join(directory, name));
}

export async function runFile(
  path: string,
  options: { strictOrder?: boolean } = {},
): Promise<ScriptResult> {
  const script = parseScript(readFileSync(path, 'utf8'), basename(path));
  return runScript(script, new SimTarget(), options);
}

export async function runText(text: string, name = 'inline.scs'): Promise<ScriptResult> {
  return runScript(parseScript(text, name), new SimTarget(), {});
}

/** A readable account of the failing step, for assertion messages. */
export function describeFailure(result: ScriptResult): string {
  const step = result.steps.find((candidate) => candidate.status === 'failed');
  if (!step) return 'passed';
  return [
    `${result.file}:${step.action.line} ${step.action.client} ${step.action.kind}: ${step.reason ?? ''}`,
    step.expected ? `expected:\n${prettyXml(step.expected, '  ')}` : '',
    step.closest ? `closest:\n${prettyXml(step.closest, '  ')}` : '',
    step.diff ?? '',
  ].join('\n');
}
