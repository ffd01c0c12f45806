// What a differential run prints: the differing stanzas of a step, the explained differences, and the closing line — XEP-0045 on the simulator and on a real server
import type { FuzzAction } from '../actions.js';
import type { LiveRun, StepDifference } from './differential.js';

/** A count as the report prints it: `20,000`. */
export const count = (value: number) => value.toLocaleString('en');

/** One line for an action: `U2 sends <iq type='set' to='r1@…'>…`. */
export function describeAction(action: FuzzAction): string {
  if (action.kind !== 'send') return `${action.client} ${action.kind}s`;
  const text = action.stanza.toString();
  return `${action.client} sends ${text.length > 160 ? `${text.slice(0, 157)}...` : text}`;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');
}

/** The stanzas that differ in a step, per client: - the simulator's, + the server's. */
export function formatDifference(difference: StepDifference): string {
  const lines = [
    `difference at action ${count(difference.step)}: ${describeAction(difference.action)}`,
  ];
  if (difference.failure) lines.push(`  the server failed a client: ${difference.failure}`);
  for (const client of difference.clients) {
    lines.push(
      `  ${client.name} (${client.simulator} stanza(s) from the simulator, ${client.server} from the server):`,
    );
    for (const entry of client.differences) {
      if (entry.partner !== undefined) {
        if (entry.side === 'simulator')
          lines.push(
            '    ± differs (- simulator, + server):',
            indent(entry.detail ?? '', '        '),
          );
        continue;
      }
      const what =
        entry.kind === 'moved'
          ? `~ elsewhere in the ${entry.side}'s stream`
          : entry.kind === 'simulator-only'
            ? '- only the simulator sent'
            : '+ only the server sent';
      lines.push(`    ${what}:`, `        ${entry.xml}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The explained differences met, one line each, most frequent first. */
export function formatExplained(run: LiveRun): string {
  const entries = [...run.explained].sort((a, b) => b[1] - a[1]);
  return entries
    .map(([entry, times]) => `explained ×${count(times)}: ${entry.id} — ${entry.reason}\n`)
    .join('');
}

/** The last line of every differential run. */
export function summaryLine(
  actions: number,
  run: Pick<LiveRun, 'compared' | 'differences' | 'explained'>,
): string {
  let explained = 0;
  for (const times of run.explained.values()) explained += times;
  return `${count(actions)} actions, ${count(run.compared)} stanzas compared, ${count(run.differences)} differences (${count(explained)} explained)\n`;
}
