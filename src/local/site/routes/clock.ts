/** The site's "today": set, moved to the next business day or reset; each move runs the scheduled triggers. */
import { HttpError, localPath, readBody, redirect } from '../http';
import { route, type Handler, type Route } from '../route';

const moveClock: Handler = async (ctx, { req, res }) => {
  const { clock } = ctx;
  const form = new URLSearchParams(await readBody(req));
  const back = form.get('back') ?? '/';
  try {
    if (form.get('action') === 'next-business-day') clock.nextBusinessDay();
    else if (form.get('action') === 'reset') clock.reset();
    else clock.setToday(form.get('today') ?? '');
  } catch (error) {
    throw new HttpError(400, error instanceof Error ? error.message : String(error));
  }
  await ctx.triggers.idle();
  await ctx.triggers.runScheduled();
  redirect(res, localPath(back));
};

export const clockRoutes: Route[] = [route('POST', '/__site/clock', moveClock)];
