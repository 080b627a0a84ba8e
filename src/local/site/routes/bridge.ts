/**
 * The app's side of the host: @forge/bridge `invoke` calls run the app's real resolver as the signed-in user,
 * CSP violation reports from the app's frames, and the site's health (is the app loaded).
 */
import { CSP_REPORT_PATH, parseCspReport } from '../csp';
import { HttpError, readBody, readJson, rec, send, sendJson, str } from '../http';
import { resolverInvocation } from '../invocation';
import { uiModules } from '../manifest';
import { route, type Handler, type Route } from '../route';

const invoke: Handler = async (ctx, { req, res }) => {
  const { manifest, jira } = ctx;
  const user = ctx.requireUser(req);
  const body = await readJson(req);
  const frame = rec(body.frame);
  const functionKey = str(body.functionKey);
  const moduleKey = str(frame.moduleKey);
  if (!functionKey || !moduleKey) throw new HttpError(400, 'invoke needs functionKey and frame.moduleKey');
  const module = uiModules(manifest).find((m) => m.key === moduleKey);
  if (!module?.resolverFunction) throw new HttpError(400, `Module ${moduleKey} has no resolver in manifest.yml`);
  const handlerRef = manifest.functions.get(module.resolverFunction);
  if (!handlerRef) throw new HttpError(500, `manifest.yml has no function ${module.resolverFunction}`);
  const loaded = ctx.currentApp();
  if (!loaded.ok) throw new HttpError(503, loaded.message);
  const handler = loaded.handler(handlerRef.exportName);
  if (!handler) throw new HttpError(503, `src/${handlerRef.file}.ts does not export ${handlerRef.exportName}`);
  const { request, runtime } = resolverInvocation(ctx.site, {
    functionKey,
    payload: body.payload ?? {},
    accountId: user.accountId,
    moduleKey,
    localId: str(frame.localId),
    extension: rec(frame.extension),
  });
  const result = await jira.runAsInvocation({ accountId: user.accountId, moduleKey, functionKey: module.resolverFunction }, () => handler(request, runtime));
  sendJson(res, 200, { body: result ?? null });
};

const cspReport: Handler = async (ctx, { req, res, url }) => {
  const violation = parseCspReport(url.searchParams.get('resource') ?? 'unknown', await readBody(req));
  if (violation) {
    ctx.cspViolations.push(violation);
    ctx.log(
      `CSP violation in ${violation.resource}: ${violation.directive} blocked ${violation.blockedUri || '(inline)'}${violation.sourceFile ? ` from ${violation.sourceFile}` : ''}`,
    );
  }
  send(res, 204, '', 'text/plain');
};

const health: Handler = (ctx, { res }) => {
  const loaded = ctx.currentApp();
  sendJson(res, 200, { ok: true, app: loaded.ok ? 'loaded' : loaded.message, users: ctx.jira.users.length });
};

export const bridgeRoutes: Route[] = [
  route('POST', '/__forge/invoke', invoke),
  route('POST', CSP_REPORT_PATH, cspReport),
  route('GET', '/__site/health', health),
];
