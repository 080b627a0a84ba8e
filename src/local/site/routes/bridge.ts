/**
 * The app's side of the host: @forge/bridge `invoke` calls run the app's real resolver in the frame's registered
 * context, `view.submit` saves a macro's config,
 * CSP violation reports from the app's frames, and the site's health (is the app loaded).
 */
import type http from 'http';
import type { SiteContext } from '../context';
import { CSP_REPORT_PATH, parseCspReport } from '../csp';
import { FORGE_LIMITS, InvocationTimeout, jsonBytes, limitMessages, submittedConfig, withDeadline, type RegisteredFrame } from '../frames';
import { HttpError, readBody, readJson, send, sendJson, str } from '../http';
import { resolverInvocation } from '../invocation';
import { uiModules } from '../manifest';
import { route, type Handler, type Route } from '../route';

/** The registered frame a bridge call names, as its signed-in user (a frame rendered for someone else is refused). */
function callingFrame(ctx: SiteContext, req: http.IncomingMessage, body: Record<string, unknown>): RegisteredFrame {
  const user = ctx.requireUser(req);
  const frameId = str(body.frame);
  if (!frameId) throw new HttpError(400, 'A bridge call names its frame (the id the host rendered it with)');
  const frame = ctx.frames.get(frameId);
  if (!frame) throw new HttpError(404, 'This frame is not one the host rendered (reload the page)');
  if (frame.accountId !== user.accountId) throw new HttpError(401, 'This frame was rendered for another user (reload the page)');
  return frame;
}

/**
 * `invoke(functionKey, payload)`: the body names only the frame's opaque id; the module, localId, page/issue/project
 * and the account are the ones the host registered when it rendered the frame. Forge's limits apply: 500 KB in,
 * 5 MB out, 25 s.
 */
const invoke: Handler = async (ctx, { req, res }) => {
  const { manifest, jira } = ctx;
  const body = await readJson(req);
  const frame = callingFrame(ctx, req, body);
  const functionKey = str(body.functionKey);
  if (!functionKey) throw new HttpError(400, 'invoke needs a functionKey');
  const payload = body.payload ?? {};
  const payloadBytes = jsonBytes(payload);
  if (payloadBytes > FORGE_LIMITS.invokePayloadBytes) throw new HttpError(413, limitMessages.payloadTooLarge(payloadBytes));
  const module = uiModules(manifest).find((m) => m.key === frame.moduleKey);
  if (!module?.resolverFunction) throw new HttpError(400, `Module ${frame.moduleKey} has no resolver in manifest.yml`);
  const handlerRef = manifest.functions.get(module.resolverFunction);
  if (!handlerRef) throw new HttpError(500, `manifest.yml has no function ${module.resolverFunction}`);
  const loaded = ctx.currentApp();
  if (!loaded.ok) throw new HttpError(503, loaded.message);
  const handler = loaded.handler(handlerRef.exportName);
  if (!handler) throw new HttpError(503, `src/${handlerRef.file}.ts does not export ${handlerRef.exportName}`);
  const { request, runtime } = resolverInvocation(ctx.site, {
    functionKey,
    payload,
    accountId: frame.accountId,
    moduleKey: frame.moduleKey,
    localId: frame.localId,
    extension: frame.extension,
  });
  const timeoutMs = ctx.resolverTimeoutMs;
  let result: unknown;
  try {
    result = await withDeadline(timeoutMs, () =>
      jira.runAsInvocation({ accountId: frame.accountId, moduleKey: frame.moduleKey, functionKey: module.resolverFunction ?? undefined, timeoutMs }, () =>
        handler(request, runtime),
      ),
    );
  } catch (error) {
    if (error instanceof InvocationTimeout) {
      ctx.log(`invoke ${functionKey}: ${error.message}`);
      throw new HttpError(504, error.message);
    }
    throw error;
  }
  const resultBytes = jsonBytes(result ?? null);
  if (resultBytes > FORGE_LIMITS.invokeResponseBytes) throw new HttpError(500, limitMessages.responseTooLarge(resultBytes));
  sendJson(res, 200, { body: result ?? null });
};

/** `view.submit(payload)` from a macro's config frame: `{ config: object }`, stored exactly as `config` (Forge's refusal otherwise). */
const submit: Handler = async (ctx, { req, res }) => {
  const body = await readJson(req);
  const frame = callingFrame(ctx, req, body);
  if (!frame.submit) throw new HttpError(400, "this resource's view is not submittable.");
  const submitted = submittedConfig(body.payload);
  if (!submitted.ok) throw new HttpError(400, submitted.message);
  if (!ctx.store.saveConfig(frame.submit.pageId, frame.submit.localId, submitted.config)) throw new HttpError(404, 'No such macro');
  sendJson(res, 200, { saved: true });
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
  route('POST', '/__forge/submit', submit),
  route('POST', CSP_REPORT_PATH, cspReport),
  route('GET', '/__site/health', health),
];
