// `mucsim machines`: draw the room and occupant machines from their definitions — XEP-0045 §10.1/§10.9 (room lifecycle) and §5.1 (occupant roles)
import { Command, Option } from 'commander';
import { machineChart, machineOutline, stateDiagram } from '../../export/machine-chart.js';
import { occupantMachine } from '../../muc/occupant-machine.js';
import { roomMachine } from '../../muc/room-machine.js';
import { type CliIo, EXIT, InputError } from '../io.js';

export const MACHINE_FORMATS = ['mermaid', 'text'] as const;
export const MACHINE_NAMES = ['all', 'room', 'occupant'] as const;

interface MachinesOptions {
  format: (typeof MACHINE_FORMATS)[number];
  machine: (typeof MACHINE_NAMES)[number];
  markdown?: boolean;
}

const MACHINES = { room: roomMachine, occupant: occupantMachine } as const;

export function makeMachinesCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('machines')
    .description('draw the room and occupant state machines from their definitions')
    .addOption(
      new Option('--format <kind>', 'Mermaid stateDiagram-v2 or an indented text outline')
        .choices(MACHINE_FORMATS)
        .default('mermaid'),
    )
    .addOption(
      new Option('--machine <name>', 'which machine to draw').choices(MACHINE_NAMES).default('all'),
    )
    .option('--markdown', 'fence the Mermaid diagram as ```mermaid, for a GitHub issue')
    .action((options: MachinesOptions) => {
      if (options.markdown && options.format !== 'mermaid') {
        throw new InputError('--markdown applies to --format mermaid only');
      }
      const names = options.machine === 'all' ? (['room', 'occupant'] as const) : [options.machine];
      const charts = names.map((name) => machineChart(MACHINES[name]));
      io.out(
        options.format === 'text'
          ? machineOutline(charts)
          : stateDiagram(charts, { markdown: options.markdown === true }),
      );
      setExit(EXIT.ok);
    });
}
