// Script pane: the steps with narration as prose, ✔/✘ marks, breakpoints, what a paused door holds and the next step highlighted — a XEP-0045 scenario (§7–§10)
import { Box, Text } from 'ink';
import type { SessionStep } from '../../debugger/session-api.js';
import { boundedXml } from '../../describe/read.js';
import { useSession, useUi } from '../contexts.js';
import { heldLines, originLabel } from '../door-marks.js';
import { useDrawn } from '../drawn.js';
import { fitText } from '../fit.js';
import { windowStart } from '../layout.js';
import { SKIPPED_MARK } from '../marks.js';
import { visibleRows } from '../rows.js';
import { type PaneBoxProps, searchOn, useScriptName } from '../session-reads.js';
import { type TextStyle, useTheme } from '../theme.js';
import { wrapLine } from '../wrap.js';
import { narrationParagraphs, wrapWords } from '../wrap-words.js';
import { innerColumns, innerRows, Pane } from './Pane.js';

/** The lesson around the steps: its title and abstract before them, its summary after. */
export interface LessonText {
  title?: string;
  description?: string;
  summary: readonly string[];
}

export interface ScriptPaneProps {
  steps: readonly SessionStep[];
  lesson?: LessonText;
  /** How many stanzas each executed `receives` passed over, by step index. */
  skippedBy?: (step: SessionStep) => number;
  /** What real clients sent while the door was paused: it runs at the cursor on resume. */
  held?: readonly string[];
  /** Steps executed so far: the step at this index runs next. */
  cursor: number;
  selected: number;
  breakpoints: ReadonlySet<number>;
  title: string;
  /** The right-hand part of the title row: the step counter, or the search's counter. */
  info?: string;
  focused: boolean;
  width: number;
  height: number;
}

interface Line {
  text: string;
  style: 'narration' | 'step' | 'failure' | 'lesson' | 'heading';
  step: number;
}

/** The title and abstract (before step 1) or the summary (after the last step), wrapped. */
function lessonLines(
  heading: string | undefined,
  prose: readonly string[],
  step: number,
  width: number,
): Line[] {
  const lines: Line[] = [];
  if (heading)
    for (const text of wrapWords(heading, width)) lines.push({ text, style: 'heading', step });
  for (const paragraph of narrationParagraphs(prose)) {
    for (const text of wrapWords(paragraph, width - 2))
      lines.push({ text: `  ${text}`, style: 'lesson', step });
  }
  return lines;
}

function stepMark(step: SessionStep, cursor: number): string {
  if (step.result?.status === 'passed') return '✔';
  if (step.result?.status === 'failed') return '✘';
  return step.index === cursor ? '▶' : ' ';
}

interface LineOptions {
  cursor: number;
  selected: number;
  breakpoints: ReadonlySet<number>;
  width: number;
  skippedBy?: (step: SessionStep) => number;
  held?: readonly string[];
}

/** The lines of the steps from `from` to before `to`, and of what the door holds among them. */
function scriptLines(
  steps: readonly SessionStep[],
  { from, to }: StepRange,
  options: LineOptions,
): Line[] {
  const { cursor, selected, breakpoints, width, skippedBy, held = [] } = options;
  const lines: Line[] = [];
  const heldLines = held.map((text): Line => ({ text, style: 'narration', step: cursor }));
  for (const step of steps.slice(from, to)) {
    if (step.index === cursor) lines.push(...heldLines);
    for (const prose of narrationParagraphs(step.action.narration)) {
      for (const text of wrapWords(prose, width - 4))
        lines.push({ text: `    ${text}`, style: 'narration', step: step.index });
    }
    const { action } = step;
    const pointer = step.index === selected ? '>' : ' ';
    const breakpoint = breakpoints.has(step.index) ? '●' : ' ';
    const next = step.index === cursor ? ' ◀ next' : '';
    const typed = originLabel(step);
    const nothing = action.nothing ? ': nothing' : '';
    const skipped = skippedBy?.(step) ?? 0;
    const passedOver = skipped > 0 ? ` (${skipped} skipped ${SKIPPED_MARK})` : '';
    const text = `${pointer}${stepMark(step, cursor)}${breakpoint}${step.index + 1}. ${action.client} ${action.kind}${nothing}${passedOver}${typed}${next}`;
    lines.push({ text, style: 'step', step: step.index });
    const result = step.result;
    if (result?.status === 'failed') {
      // The reason is said whole; the stanzas are in Detail.
      for (const text of result.reason ? wrapLine(`    ✘ ${result.reason}`, width, 6) : [])
        lines.push({ text, style: 'failure', step: step.index });
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
  if (cursor >= steps.length && to === steps.length) lines.push(...heldLines);
  return lines;
}

interface StepRange {
  from: number;
  to: number;
}

/** What the window follows: the lesson's start before any step, its summary at the end, else the selected step. */
function followed({ steps, cursor, selected }: ScriptPaneProps): 'start' | 'end' | 'selected' {
  if (cursor === 0 && selected === 0) return 'start';
  const finished = steps.length > 0 && cursor >= steps.length && selected >= steps.length - 1;
  return finished ? 'end' : 'selected';
}

/**
 * The steps whose lines can be on screen: `rows` steps either side of the one the window follows
 * (every step takes a line at least), so a long script costs a screenful of lines per frame.
 */
function stepsInView(props: ScriptPaneProps, rows: number): StepRange {
  const { steps, selected } = props;
  const follows = followed(props);
  const anchor = follows === 'start' ? 0 : follows === 'end' ? steps.length - 1 : selected;
  return { from: Math.max(0, anchor - rows), to: Math.min(steps.length, anchor + rows + 1) };
}

/**
 * The first row shown: the lesson's start before any step, its summary at the end, else the
 * selected step with as much of its narration above it as fits (the narration introduces it).
 */
function firstRow(lines: readonly Line[], rows: number, props: ScriptPaneProps): number {
  const { selected } = props;
  const follows = followed(props);
  if (follows === 'start') return 0;
  const last = Math.max(0, lines.length - rows);
  if (follows === 'end') return last;
  const stepLine = lines.findIndex((line) => line.style === 'step' && line.step === selected);
  if (stepLine === -1) return 0;
  let blockStart = stepLine;
  while (blockStart > 0 && lines[blockStart - 1]?.step === selected) blockStart -= 1;
  const centred = windowStart(stepLine, lines.length, rows);
  // Never past the start of the narration; the step's own line always shown.
  return Math.min(last, Math.max(Math.min(centred, blockStart), stepLine - rows + 1));
}

export function ScriptPane(props: ScriptPaneProps) {
  const { steps, lesson, cursor, selected, breakpoints, title, focused, width, height } = props;
  const theme = useTheme();
  const rows = innerRows(height);
  const columns = innerColumns(width);
  const range = stepsInView(props, rows);
  const atEnd = range.to === steps.length;
  const lines = [
    ...(range.from === 0
      ? lessonLines(lesson?.title, lesson?.description ? [lesson.description] : [], -1, columns)
      : []),
    ...scriptLines(steps, range, {
      cursor,
      selected,
      breakpoints,
      width: columns,
      ...(props.skippedBy && { skippedBy: props.skippedBy }),
      ...(props.held && { held: props.held }),
    }),
    ...(atEnd
      ? lessonLines(
          lesson?.summary.length ? 'After the last step' : undefined,
          lesson?.summary ?? [],
          steps.length,
          columns,
        )
      : []),
  ];
  const start = firstRow(lines, rows, props);
  const styleOf = (line: Line): TextStyle => {
    if (line.style === 'narration') return theme.dim;
    if (line.style === 'failure') return theme.fail;
    if (line.style === 'heading') return { ...theme.strong, ...theme.accent };
    if (line.style === 'lesson') return theme.accent;
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
      info={props.info ?? `step ${cursor}/${steps.length}`}
      focused={focused}
      width={width}
      height={height}
    >
      {steps.length === 0 ? <Text {...theme.dim}>No steps yet: type a command with :</Text> : null}
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

/** The pane's view of the session and the UI state, drawn again only when what it reads changed. */
export function ScriptView({ width, height }: PaneBoxProps) {
  const session = useSession();
  const ui = useUi();
  const name = useScriptName();
  const search = searchOn(session, ui, 'script');
  const selected = ui.selection.script;
  const focused = ui.focus === 'script';
  const inputs = [session, session.version, name, search?.label, search?.counter];
  return useDrawn([...inputs, selected, focused, width, height], () => {
    const breakpoints = new Set(
      session.breakpoints.flatMap((mark) => (mark.kind === 'step' ? [mark.index] : [])),
    );
    const { script } = session;
    return (
      <ScriptPane
        steps={session.steps}
        lesson={{
          ...(script.title !== undefined && { title: script.title }),
          ...(script.description !== undefined && { description: script.description }),
          summary: script.epilogue,
        }}
        skippedBy={(step) => session.readsOf(step)?.skipped.length ?? 0}
        held={heldLines(session.doorway.door?.held() ?? [], session.names())}
        cursor={session.cursor}
        selected={selected}
        breakpoints={breakpoints}
        title={search ? search.label : name}
        {...(search && { info: search.counter })}
        focused={focused}
        width={width}
        height={height}
      />
    );
  });
}
