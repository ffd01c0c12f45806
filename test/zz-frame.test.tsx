import { it } from 'vitest';
import { renderApp } from './helpers/tui-render.js';
import { lessonSession } from './helpers/tui-session.js';

it('frame', async () => {
  const app = await renderApp(lessonSession(process.env.L ?? '05-nick-change-and-leaving.scs'), {
    size: { width: Number(process.env.W ?? 100), height: Number(process.env.H ?? 40) },
  });
  for (const k of (process.env.KEYS ?? '').split(''))
    await app.press(k === '~' ? '\t' : k === '@' ? '\r' : k === '!' ? '\u001b' : k);
  console.log(app.frame());
});
