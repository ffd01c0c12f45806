import { it } from 'vitest';
import { renderApp } from '/work/wt-debugger/test/helpers/tui-render.js';
import { gardenSession } from '/work/wt-debugger/test/helpers/tui-session.js';

it('frame', async () => {
  const keys = (process.env.KEYS ?? 'nnnnn').split('');
  const app = await renderApp(gardenSession(), {
    size: { width: Number(process.env.W ?? 100), height: Number(process.env.H ?? 40) },
  });
  for (const k of keys)
    await app.press(k === '~' ? '\t' : k === '@' ? '\r' : k === '!' ? '\u001b' : k);
  console.log(app.frame());
});
