// The `:` command line: :save, :break, :xml, :q, and typed commands handed to the engine — driving a XEP-0045 room by hand (§7–§10)
import type { DebugSessionApi } from '../debugger/session-api.js';
import { openXmlEditor, type UiState, withMessage } from './ui-state.js';

export interface CommandLineDeps {
  session: DebugSessionApi;
  setUi(update: (ui: UiState) => UiState): void;
  exit(): void;
  persist(path: string, text: string): void;
  /** A typed command executed a step: follow it and rewrite the recording. */
  afterStep(): void;
}

export const COMMAND_HELP =
  ':save file.scs · :break stanza|transition <text> · :break step <n> · :xml <client> · :q · or a typed command such as "romeo join room@conference.localhost/Romeo"';

function say(deps: CommandLineDeps, ok: boolean, text: string): void {
  deps.setUi((ui) => withMessage(ui, ok, text));
}

/** Executes one command line; every outcome, error included, ends up in the message line. */
export async function runCommandLine(line: string, deps: CommandLineDeps): Promise<void> {
  const [verb = '', ...rest] = line.split(/\s+/);
  const argument = rest.join(' ');
  switch (verb) {
    case '':
      return;
    case 'q':
    case 'q!':
    case 'quit':
      deps.exit();
      return;
    case 'help':
      say(deps, true, COMMAND_HELP);
      return;
    case 'save':
    case 'w': {
      if (!argument) return say(deps, false, 'usage: :save file.scs');
      try {
        deps.persist(argument, deps.session.recording());
      } catch (error) {
        return say(
          deps,
          false,
          `could not write ${argument}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      deps.setUi((ui) =>
        withMessage(
          { ...ui, savePath: argument },
          true,
          `saved to ${argument} (rewritten after every step from now on)`,
        ),
      );
      return;
    }
    case 'break':
      return toggleBreak(rest, deps);
    case 'xml': {
      const names = deps.session.clientNames();
      const client = names.find((name) => name.toLowerCase() === argument.toLowerCase());
      if (!client) {
        return say(
          deps,
          false,
          `usage: :xml <client>, one of ${names.join(', ') || '(no client yet: connect one with a typed command)'}`,
        );
      }
      deps.setUi((ui) => openXmlEditor(ui, client));
      return;
    }
    default: {
      const outcome = await deps.session.command(line);
      say(deps, outcome.ok, outcome.message);
      if (outcome.ok) deps.afterStep();
    }
  }
}

function toggleBreak(words: string[], deps: CommandLineDeps): void {
  const [kind, ...rest] = words;
  const filter = rest.join(' ');
  if ((kind === 'stanza' || kind === 'transition') && filter) {
    deps.session.toggleBreakpoint({ kind, filter });
    const on = deps.session.breakpoints.some((b) => b.kind === kind && b.filter === filter);
    return say(deps, true, `${kind} breakpoint "${filter}" ${on ? 'set' : 'removed'}`);
  }
  const index = Number(filter) - 1;
  if (kind === 'step' && Number.isInteger(index) && index >= 0) {
    deps.session.toggleBreakpoint({ kind: 'step', index });
    const on = deps.session.breakpoints.some((b) => b.kind === 'step' && b.index === index);
    return say(deps, true, `breakpoint ${on ? 'set on' : 'removed from'} step ${index + 1}`);
  }
  say(deps, false, 'usage: :break stanza <text> | :break transition <text> | :break step <n>');
}
