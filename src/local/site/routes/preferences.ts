/** The chrome's "Acting as" and colour-mode form: both kept in cookies. */
import { localPath, readBody, redirect } from '../http';
import { route, type Handler, type Route } from '../route';

const savePreferences: Handler = async (ctx, { req, res }) => {
  const form = new URLSearchParams(await readBody(req));
  const accountId = form.get('accountId');
  const colorMode = form.get('colorMode') === 'dark' ? 'dark' : 'light';
  const back = form.get('back') ?? '/';
  const cookie = [`op_theme=${colorMode}; Path=/; SameSite=Lax`];
  if (accountId && ctx.jira.users.some((u) => u.accountId === accountId)) cookie.push(`op_user=${encodeURIComponent(accountId)}; Path=/; SameSite=Lax`);
  redirect(res, localPath(back), cookie);
};

export const preferenceRoutes: Route[] = [route('POST', '/__site/preferences', savePreferences)];
