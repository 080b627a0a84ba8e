/** Method + path pattern → handler, for every page and endpoint the local site serves (the families in ./routes). */
import type { Handler, Route } from './route';
import { assetRoutes } from './routes/assets';
import { bridgeRoutes } from './routes/bridge';
import { clockRoutes } from './routes/clock';
import { confluenceRoutes } from './routes/confluence';
import { jiraRoutes } from './routes/jira';
import { notificationRoutes } from './routes/notifications';
import { preferenceRoutes } from './routes/preferences';

export const ROUTES: readonly Route[] = [
  ...confluenceRoutes,
  ...jiraRoutes,
  ...preferenceRoutes,
  ...clockRoutes,
  ...bridgeRoutes,
  ...assetRoutes,
  ...notificationRoutes,
];

export function matchRoute(method: string, path: string): { handler: Handler; params: Record<string, string> } | null {
  for (const r of ROUTES) {
    if (r.method !== method) continue;
    if (typeof r.path === 'string') {
      if (r.path === path) return { handler: r.handler, params: {} };
      continue;
    }
    const match = path.match(r.path);
    if (match) return { handler: r.handler, params: { ...match.groups } };
  }
  return null;
}
