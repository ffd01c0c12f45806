// The terminal debugger: one session at a time, replaced whole when another lesson is opened (`o`, `]`, `[`, `:open`), its door for real clients following it — stepping XEP-0045 scenarios (§7–§10)
import { resolve } from 'node:path';
import { useMemo, useState } from 'react';
import type { DebugSession } from '../debugger/debug-session.js';
import { moveDoor } from './door-actions.js';
import { type Lesson, type LessonLibrary, lessonFolder, lessonsIn } from './lessons.js';
import { SessionApp, type SessionAppProps } from './SessionApp.js';
import type { Message } from './ui-state.js';

/** The props of one session's debugger, but the lessons, which the app makes from the script's folder. */
export interface AppProps extends Omit<SessionAppProps, 'lessons' | 'greeting'> {
  /** The script the session runs (the lessons beside it are offered). */
  scriptPath?: string;
  /** Makes the session of another script (and says its full path); absent when sessions cannot be swapped (a real server). */
  openScript?: (path: string) => Promise<{ session: DebugSession; path: string }>;
  /** Where lessons are looked for when no script is open (the tutorial). */
  lessonsFolder?: string;
}

interface Current {
  session: DebugSession;
  path: string | undefined;
  /** Which session this is: a new one mounts a fresh UI. */
  generation: number;
  greeting?: Message;
}

export function App(props: AppProps) {
  const { openScript, lessonsFolder } = props;
  const [current, setCurrent] = useState<Current>({
    session: props.session,
    path: props.scriptPath === undefined ? undefined : resolve(props.scriptPath),
    generation: 0,
  });
  const lessons = useMemo((): LessonLibrary | undefined => {
    if (!openScript) return undefined;
    let listed: Lesson[] | undefined;
    return {
      current: current.path,
      list: () => {
        listed ??= lessonsIn(lessonFolder(current.path, lessonsFolder ?? '.'));
        return listed;
      },
      open: async (path) => {
        const opened = await openScript(path);
        const { session } = opened;
        const lesson = session.script.title ?? opened.path;
        const door = await moveDoor(current.session, session);
        void current.session.close();
        setCurrent({
          session,
          path: resolve(opened.path),
          generation: current.generation + 1,
          greeting: {
            ok: door.ok,
            text: `opened ${lesson} (o: lessons, ]/[: next/previous)${door.text}`,
          },
        });
      },
    };
  }, [openScript, lessonsFolder, current]);
  // A recording and a comparison belong to the session they were started with.
  const first = current.generation === 0;
  return (
    <SessionApp
      key={current.generation}
      session={current.session}
      colour={props.colour}
      persist={props.persist}
      {...(first && props.recordPath !== undefined && { recordPath: props.recordPath })}
      {...(first && props.compare && { compare: props.compare })}
      {...(props.size && { size: props.size })}
      {...(props.onExit && { onExit: props.onExit })}
      {...(lessons && { lessons })}
      {...(current.greeting && { greeting: current.greeting })}
    />
  );
}
