// The lesson menu (`o`): the scripts beside the current one with their titles, the current one marked — the XEP-0045 tutorial's lessons in order
import { Box, Text } from 'ink';
import { useUi, useUiActions } from '../contexts.js';
import { windowStart } from '../layout.js';
import { visibleRows } from '../rows.js';
import { useTheme } from '../theme.js';
import { innerRows, Pane } from './Pane.js';

export interface LessonMenuProps {
  width: number;
  height: number;
}

export function LessonMenu({ width, height }: LessonMenuProps) {
  const theme = useTheme();
  const ui = useUi();
  const library = useUiActions().lessons;
  const lessons = library?.list() ?? [];
  const size = Math.max(1, innerRows(height) - 1);
  const start = windowStart(ui.menu, lessons.length, size);
  return (
    <Pane
      title="Lessons"
      info="enter open · j/k move · esc close"
      focused
      width={width}
      height={height}
    >
      <Text {...theme.dim}>
        {lessons.length === 0 ? 'No lesson here.' : 'The scripts of this folder, in order:'}
      </Text>
      {visibleRows(lessons, start, size).map(({ item: lesson, row }) => {
        const selected = row === ui.menu;
        const current = lesson.path === library?.current ? ' (open now)' : '';
        return (
          <Box key={lesson.path} height={1}>
            <Text wrap="truncate" {...(selected ? theme.selected : {})}>
              {selected ? '>' : ' '} {row + 1}. {lesson.title}
              {current}
            </Text>
          </Box>
        );
      })}
    </Pane>
  );
}
