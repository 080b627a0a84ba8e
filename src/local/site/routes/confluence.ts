/** Confluence: the space's page index, a page with its playbook macros, adding a macro and saving its config. */
import { HttpError, readJson, redirect, sendHtml, sendJson } from '../http';
import { confluencePageBody, layout, spaceIndexBody, type FrameSpec } from '../pages';
import { route, type Handler, type Route } from '../route';
import { DISCOVERY_PAGE, SITE_PAGES } from '../site-store';

const macroExtension = (pageId: string, spaceKey: string, config: unknown, isEditing: boolean) => ({
  type: 'macro',
  content: { id: pageId, type: 'page' },
  space: { key: spaceKey, id: spaceKey },
  isEditing,
  ...(config ? { config } : {}),
});

const home: Handler = (_ctx, { res }) => redirect(res, `/wiki/spaces/${DISCOVERY_PAGE.spaceKey}/pages/${DISCOVERY_PAGE.id}`);

const spaceIndex: Handler = (ctx, { req, res }) => {
  const pages = SITE_PAGES.map((page) => ({ id: page.id, title: page.title, macros: ctx.store.macros(page.id).length }));
  sendHtml(res, 200, layout(ctx.chrome(req, 'confluence', 'Implementations'), spaceIndexBody(DISCOVERY_PAGE.spaceKey, pages)));
};

/** A page with its macros; `?configure=<localId>` opens that macro's config frame. */
const confluencePage: Handler = (ctx, { req, res, url, params }) => {
  const { manifest } = ctx;
  const page = SITE_PAGES.find((p) => p.id === params.pageId && p.spaceKey === params.spaceKey);
  if (!page) throw new HttpError(404, `No page ${params.spaceKey}/${params.pageId}`);
  const user = ctx.requireUser(req);
  const macros = ctx.store.macros(page.id);
  const pagePath = `/wiki/spaces/${page.spaceKey}/pages/${page.id}`;
  const viewFrames = new Map<string, FrameSpec>(
    macros.map((m) => [
      m.localId,
      {
        id: `macro-${m.localId}`,
        resource: manifest.macro.resource,
        title: 'Outbound Playbook',
        minHeight: 160,
        context: ctx.frameContext(user, manifest.macro.key, m.localId, macroExtension(page.id, page.spaceKey, m.config, false)),
      },
    ]),
  );
  const configuring = macros.find((m) => m.localId === url.searchParams.get('configure'));
  // Closing the dialog returns focus to what opened it: the macro's "Edit macro" link, else the Insert button.
  const opener = configuring && url.searchParams.get('from') === 'edit' ? `edit-macro-${configuring.localId}` : 'insert-macro';
  const configFrame: FrameSpec | null =
    configuring && manifest.macro.configResource
      ? {
          id: `config-${configuring.localId}`,
          resource: manifest.macro.configResource,
          title: 'Outbound Playbook configuration',
          minHeight: 480,
          context: ctx.frameContext(user, manifest.macro.key, configuring.localId, macroExtension(page.id, page.spaceKey, configuring.config, true)),
          submit: `/__site/pages/${page.id}/macros/${configuring.localId}/config`,
          closable: true,
          after: `${pagePath}#focus=${opener}`,
        }
      : null;
  const frames = [...viewFrames.values(), ...(configFrame ? [configFrame] : [])];
  sendHtml(
    res,
    200,
    layout(
      ctx.chrome(req, 'confluence', page.title),
      confluencePageBody(
        { ...page, macros: macros.map((m) => ({ localId: m.localId, configured: m.config !== null })) },
        { view: viewFrames, config: configFrame },
      ),
      frames,
    ),
  );
};

const insertMacro: Handler = (ctx, { req, res, params }) => {
  if (!SITE_PAGES.some((page) => page.id === params.pageId)) throw new HttpError(404, 'No such page');
  ctx.requireUser(req);
  const localId = ctx.store.insertMacro(params.pageId);
  redirect(res, `/wiki/spaces/${params.spaceKey}/pages/${params.pageId}?configure=${localId}&from=insert`);
};

const saveMacroConfig: Handler = async (ctx, { req, res, params }) => {
  ctx.requireUser(req);
  const body = await readJson(req);
  if (!ctx.store.saveConfig(params.pageId, params.localId, body.config ?? null)) throw new HttpError(404, 'No such macro');
  sendJson(res, 200, { saved: true });
};

export const confluenceRoutes: Route[] = [
  route('GET', '/', home),
  route('GET', /^\/wiki\/?$/, spaceIndex),
  route('GET', /^\/wiki\/spaces\/(?<spaceKey>[^/]+)\/pages\/(?<pageId>[^/]+)(?:\/[^/]*)?$/, confluencePage),
  route('POST', /^\/wiki\/spaces\/(?<spaceKey>[^/]+)\/pages\/(?<pageId>[^/]+)\/macros$/, insertMacro),
  route('POST', /^\/__site\/pages\/(?<pageId>[^/]+)\/macros\/(?<localId>[^/]+)\/config$/, saveMacroConfig),
];
