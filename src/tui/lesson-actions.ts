// Moving between lessons: the menu (o), the next and previous lesson (] and [) and :open <file> — the XEP-0045 tutorial, one script after another
import { resolve } from 'node:path';
import type { ActionContext, Group } from './actions.js';
import type { Lesson } from './lessons.js';

function currentIndex(ctx: ActionContext): number {
  const library = ctx.lessons;
  if (!library?.current) return -1;
  const current = resolve(library.current);
  return library.list().findIndex((lesson) => resolve(lesson.path) === current);
}

/** Opens a script in place of the session; every failure is a message. */
export function openScript(ctx: ActionContext, path: string): Promise<void> | void {
  const library = ctx.lessons;
  if (!library)
    return ctx.say(false, 'no other script opens here (a real server, or mucsim serve --tui)');
  const real = ctx.session.doorway.firstRealClient;
  if (real !== undefined) {
    return ctx.say(
      false,
      `no other lesson: ${real}, a real client, has acted in this one, and a real client cannot be rewound`,
    );
  }
  return library.open(path).catch((error: unknown) => {
    ctx.say(
      false,
      `could not open ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
}

/** The lesson after the current one, if there is one. */
export function nextLesson(ctx: ActionContext): Lesson | undefined {
  const lessons = ctx.lessons?.list() ?? [];
  const index = currentIndex(ctx);
  return index === -1 ? undefined : lessons[index + 1];
}

function step(ctx: ActionContext, delta: 1 | -1): Promise<void> | void {
  const library = ctx.lessons;
  const lessons = library?.list() ?? [];
  if (lessons.length === 0)
    return ctx.say(false, 'no lesson beside this script (o: the menu, :open <file>)');
  const index = currentIndex(ctx) + delta;
  const lesson = lessons[index];
  if (!lesson)
    return ctx.say(false, delta > 0 ? 'this is the last lesson' : 'this is the first lesson');
  return openScript(ctx, lesson.path);
}

export function lessonActions(ctx: ActionContext): Group {
  return {
    openLessons: () => {
      const lessons = ctx.lessons?.list() ?? [];
      if (lessons.length === 0)
        return ctx.say(false, 'no lessons to choose from (:open <file> opens a script)');
      ctx.dispatch({ type: 'menu', open: true, index: Math.max(0, currentIndex(ctx)) });
    },
    openLesson: () => {
      const lesson = ctx.lessons?.list()[ctx.ui().menu];
      ctx.dispatch({ type: 'closeOverlay' });
      if (lesson) return openScript(ctx, lesson.path);
    },
    nextLesson: () => step(ctx, 1),
    previousLesson: () => step(ctx, -1),
  };
}
