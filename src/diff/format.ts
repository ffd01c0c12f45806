// Printing a simulator-vs-server comparison as text or JSON — where two XEP-0045 services disagree
import type { RunComparison, StreamDifference } from './compare.js';

export interface StepLabel {
  line: number;
  client: string;
  kind: string;
}

export interface DiffHeader {
  script: string;
  server: string;
  steps: readonly StepLabel[];
  /** The simulator's extras that were on (`--extra`): the simulator departs from Prosody there. */
  extras?: readonly string[];
}

function stepText(steps: readonly StepLabel[], index: number): string {
  const step = steps[index];
  if (!step) return 'before the first step';
  return `step ${index + 1} (line ${step.line}: ${step.client} ${step.kind})`;
}

const MARK: Record<StreamDifference['kind'], string> = {
  'simulator-only': '-',
  'server-only': '+',
  moved: '~',
};

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');
}

/** Human-readable: per client, each stanza only one side received, in stream order. */
export function formatText(header: DiffHeader, comparison: RunComparison): string {
  const lines = [`${header.script}: simulator (-) vs ${header.server} (+)`];
  if (header.extras?.length) {
    lines.push(
      `mucsim extras on: ${header.extras.join(', ')} (the simulator goes beyond Prosody 13)`,
    );
  }
  for (const client of comparison.clients) {
    const counts = `${client.simulator} stanza(s) from the simulator, ${client.server} from the server`;
    if (client.differences.length === 0) {
      lines.push(`${client.name}: agree (${counts})`);
      continue;
    }
    lines.push(`${client.name}: ${client.differences.length} difference(s) (${counts})`);
    for (const difference of client.differences) {
      const where = stepText(header.steps, difference.step);
      if (difference.partner !== undefined) {
        if (difference.side === 'server') continue; // shown with its simulator partner
        lines.push(`  ± differs, near ${where}:`);
        lines.push(indent(difference.detail ?? '', '      '));
        continue;
      }
      const what =
        difference.kind === 'moved'
          ? `arrived at another place on the ${difference.side}`
          : `only the ${difference.side}`;
      lines.push(`  ${MARK[difference.kind]} ${what}, near ${where}:`);
      lines.push(`      ${difference.xml}`);
    }
  }
  for (const step of comparison.steps) {
    lines.push(
      `step ${step.index + 1} (line ${step.line}: ${step.client} ${step.kind}): ${step.simulator} on the simulator, ${step.server} on the server${step.reason ? `: ${step.reason}` : ''}`,
    );
  }
  const differing = comparison.clients.filter((client) => client.differences.length > 0).length;
  lines.push(
    comparison.agree
      ? 'no difference'
      : `${differing} client(s) received different stanzas, ${comparison.steps.length} step(s) ended differently`,
  );
  return `${lines.join('\n')}\n`;
}

/** Machine-readable: the same facts, one JSON document. */
export function formatJson(header: DiffHeader, comparison: RunComparison): string {
  const document = {
    script: header.script,
    server: header.server,
    extras: header.extras ?? [],
    agree: comparison.agree,
    clients: comparison.clients.map((client) => ({
      name: client.name,
      simulator: client.simulator,
      server: client.server,
      differences: client.differences.map((difference) => ({
        kind: difference.kind,
        side: difference.side,
        position: difference.position,
        step: difference.step + 1,
        line: header.steps[difference.step]?.line,
        xml: difference.xml,
        ...(difference.partner !== undefined && { partner: difference.partner }),
        ...(difference.detail !== undefined && { detail: difference.detail }),
      })),
    })),
    steps: comparison.steps.map((step) => ({ ...step, step: step.index + 1, index: undefined })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
