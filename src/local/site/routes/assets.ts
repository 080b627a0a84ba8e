/** Files: the host's browser scripts and styles, the favicon, and the app's built Custom UI bundles under Forge's CSP. */
import fs from 'fs';
import path from 'path';
import { forgeResourceCsp } from '../csp';
import { CONTENT_TYPES, HttpError, send } from '../http';
import { route, type Handler, type Route } from '../route';

const BROWSER_DIR = path.join(__dirname, '..', 'browser');

const browserFile =
  (name: string): Handler =>
  (_ctx, { res }) =>
    send(res, 200, fs.readFileSync(path.join(BROWSER_DIR, name)), CONTENT_TYPES[path.extname(name)]);

const favicon: Handler = (ctx, { res }) => send(res, 200, fs.readFileSync(path.join(ctx.repoRoot, 'static', 'icons', 'playbook.svg')), CONTENT_TYPES['.svg']);

/** A file of a resource's built bundle; its index.html gets Forge's policy and the host's bridge. */
const appFile: Handler = async (ctx, { res, params }) => {
  const resourceKey = decodeURIComponent(params.resource);
  const rest = decodeURIComponent(params.rest);
  await ctx.bundleReady?.(resourceKey);
  const dir = ctx.manifest.resources.get(resourceKey);
  if (!dir) throw new HttpError(404, `No resource ${resourceKey} in manifest.yml`);
  const file = path.resolve(dir, rest || 'index.html');
  if (!file.startsWith(dir + path.sep)) throw new HttpError(403, 'Outside the resource');
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    if (rest === 'index.html' || rest === '') throw new HttpError(404, `${path.relative(ctx.repoRoot, dir)} is not built; run npm run build`);
    throw new HttpError(404, 'Not found');
  }
  const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
  if (path.extname(file) === '.html') {
    // The same bundle Forge serves, under the policy Forge computes for it, plus the host's bridge (an
    // external script of the host's origin) ahead of the app's scripts.
    const built = fs.readFileSync(file, 'utf8');
    const html = built.replace(/<head>/i, '<head><script src="/__forge/bridge.js"></script>');
    send(res, 200, html, type, { 'content-security-policy': forgeResourceCsp(built, ctx.permissions, ctx.url, resourceKey) });
  } else send(res, 200, fs.readFileSync(file), type);
};

export const assetRoutes: Route[] = [
  route('GET', '/__forge/bridge.js', browserFile('bridge-shim.js')),
  route('GET', '/__forge/host-client.js', browserFile('host-client.js')),
  route('GET', '/favicon.ico', favicon),
  route('GET', '/__forge/tokens.css', browserFile('tokens.css')),
  route('GET', /^\/__forge\/app\/(?<resource>[^/]+)\/(?<rest>.*)$/, appFile),
];
