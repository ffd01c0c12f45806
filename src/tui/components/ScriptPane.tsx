// Script pane: the steps with narration as prose, ✔/✘ marks, breakpoints and the next step highlighted — a XEP-0045 scenario (§7–§10)
import { Box, Text } from 'ink';
import type { SessionStep } from '../../debugger/session-api.js';
import { boundedXml } from '../../describe/read.js';
import { fitText } from '../fit.js';
import { windowStart } from '../layout.js';
import { visibleRows } from '../rows.js';
import { type TextStyle, useTheme } from '../theme.js';
import { narrationParagraphs, wrapWords } from '../wrap-words.js';
import { innerColumns, innerRows, Pane } from './Pane.js';

export interface ScriptPaneProps {
  steps: readonly SessionStep[];
  /** Steps executed so far: the step at this index runs next. */
  cursor: number;
  selected: number;
  breakpoints: ReadonlySet<number>;
  title: string;
  focused: boolean;
  width: number;
  height: number;
}

interface Line {
  text: string;
  style: 'narration' | 'step' | 'failure';
  step: number;
}

function stepMark(step: SessionStep, cursor: number): string {
  if (step.result?.status === 'passed') return '✔';
  if (step.result?.status === 'failed') return '✘';
  return step.index === cursor ? '▶' : ' ';
}

function scriptLines(
  steps: readonly SessionStep[],
  cursor: number,
  selected: number,
  breakpoints: ReadonlySet<number>,
  width: number,
): Line[] {
  const lines: Line[] = [];
  for (const step of steps) {
    for (const prose of narrationParagraphs(step.action.narration)) {
      for (const text of wrapWords(prose, width - 4))
        lines.push({ text: `    ${text}`, style: 'narration', step: step.index });
    }
    const { action } = step;
    const pointer = step.index === selected ? '>' : ' ';
    const breakpoint = breakpoints.has(step.index) ? '●' : ' ';
    const next = step.index === cursor ? ' ◀ next' : '';
    const typed = step.origin === 'typed' ? ' [typed]' : '';
    const nothing = action.nothing ? ': nothing' : '';
    const text = `${pointer}${stepMark(step, cursor)}${breakpoint}${step.index + 1}. ${action.client} ${action.kind}${nothing}${typed}${next}`;
    lines.push({ text, style: 'step', step: step.index });
    const result = step.result;
    if (result?.status === 'failed') {
      if (result.reason)
        lines.push({ text: `    ✘ ${result.reason}`, style: 'failure', step: step.index });
      if (result.expected)
        lines.push({
          text: `    expected: ${boundedXml(result.expected, width * 2)}`,
          style: 'failure',
          step: step.index,
        });
      if (result.closest)
        lines.push({
          text: `    closest:  ${boundedXml(result.closest, width * 2)}`,
          style: 'failure',
          step: step.index,
        });
      for (const diff of result.diff?.split('\n').slice(0, 6) ?? [])
        lines.push({ text: `    ${diff}`, style: 'failure', step: step.index });
      lines.push({
        text: '    (focus here: Detail shows them in full; J/K scroll it)',
        style: 'failure',
        step: step.index,
      });
    }
  }
  return lines;
}

export function ScriptPane({
  steps,
  cursor,
  selected,
  breakpoints,
  title,
  focused,
  width,
  height,
}: ScriptPaneProps) {
  const theme = useTheme();
  const rows = innerRows(height);
  const lines = scriptLines(steps, cursor, selected, breakpoints, innerColumns(width));
  const anchor = lines.findIndex((line) => line.style === 'step' && line.step === selected);
  const start = windowStart(Math.max(0, anchor), lines.length, rows);
  const styleOf = (line: Line): TextStyle => {
    if (line.style === 'narration') return theme.dim;
    if (line.style === 'failure') return theme.fail;
    const step = steps[line.step];
    if (line.step === selected && focused) return theme.selected;
    if (line.step === cursor) return { ...theme.strong, ...theme.accent };
    if (step?.result?.status === 'failed') return theme.fail;
    if (step?.result?.status === 'passed') return theme.pass;
    return {};
  };
  return (
    <Pane
      title={title}
      info={`step ${cursor}/${steps.length}`}
      focused={focused}
      width={width}
      height={height}
    >
      {lines.length === 0 ? <Text {...theme.dim}>No steps yet: type a command with :</Text> : null}
      {visibleRows(lines, start, rows).map(({ item: line, row }) => (
        <Box key={row} height={1}>
          <Text wrap="truncate" {...styleOf(line)}>
            {fitText(line.text, width)}
          </Text>
        </Box>
      ))}
    </Pane>
  );
}
