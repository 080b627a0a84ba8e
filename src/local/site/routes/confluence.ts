/** Confluence: the space's page index, a page with its playbook macros, adding a macro (its config is saved by view.submit, ./bridge). */
import { HttpError, readBody, redirect, sendHtml } from '../http';
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
  const pages = SITE_PAGES.map((page) => ({ id: page.id, title: page.title, macros: ctx.store.macros(page.id).length + (page.builtInMacros?.length ?? 0) }));
  sendHtml(res, 200, layout(ctx.chrome(req, 'confluence', 'Implementations'), spaceIndexBody(DISCOVERY_PAGE.spaceKey, pages)));
};

/** A page with its macros; `?configure=<localId>` opens that macro's config frame. */
const confluencePage: Handler = (ctx, { req, res, url, params }) => {
  const { manifest } = ctx;
  const page = SITE_PAGES.find((p) => p.id === params.pageId && p.spaceKey === params.spaceKey);
  if (!page) throw new HttpError(404, `No page ${params.spaceKey}/${params.pageId}`);
  const user = ctx.requireUser(req);
  const builtIn = (page.builtInMacros ?? []).map((moduleKey) => ({ localId: `${page.id}-${moduleKey}`, config: null, moduleKey }));
  const macros = [...builtIn, ...ctx.store.macros(page.id)];
  const moduleOf = (moduleKey: string | null) => manifest.macros.find((m) => m.key === moduleKey) ?? manifest.macro;
  const pagePath = `/wiki/spaces/${page.spaceKey}/pages/${page.id}`;
  const viewFrames = new Map<string, FrameSpec>(
    macros.map((m) => [
      m.localId,
      ctx.hostFrame(user, {
        kind: 'macro',
        resource: moduleOf(m.moduleKey).resource,
        title: moduleOf(m.moduleKey).title,
        minHeight: 160,
        moduleKey: moduleOf(m.moduleKey).key,
        localId: m.localId,
        extension: macroExtension(page.id, page.spaceKey, m.config, false),
      }),
    ]),
  );
  const configuring = macros.find((m) => m.localId === url.searchParams.get('configure') && moduleOf(m.moduleKey) === manifest.macro);
  // Closing the dialog returns focus to what opened it: the macro's "Edit macro" link, else the Insert button.
  const opener = configuring && url.searchParams.get('from') === 'edit' ? `edit-macro-${configuring.localId}` : 'insert-macro';
  const configFrame: FrameSpec | null =
    configuring && manifest.macro.configResource
      ? ctx.hostFrame(user, {
          kind: 'config',
          resource: manifest.macro.configResource,
          title: 'Outbound Playbook configuration',
          minHeight: 480,
          moduleKey: manifest.macro.key,
          localId: configuring.localId,
          extension: macroExtension(page.id, page.spaceKey, configuring.config, true),
          submit: { pageId: page.id, localId: configuring.localId },
          closable: true,
          after: `${pagePath}#focus=${opener}`,
        })
      : null;
  const frames = [...viewFrames.values(), ...(configFrame ? [configFrame] : [])];
  sendHtml(
    res,
    200,
    layout(
      ctx.chrome(req, 'confluence', page.title),
      confluencePageBody(
        {
          ...page,
          macros: macros.map((m) => ({
            localId: m.localId,
            configured: m.config !== null,
            title: moduleOf(m.moduleKey).title,
            editable: moduleOf(m.moduleKey).configResource !== null,
          })),
          insertable: manifest.macros
            .filter((m) => m.key !== manifest.macro.key)
            .map((m) => ({ moduleKey: m.key, label: `Insert ${m.title.replace(/^Outbound Playbook – /, '')} macro` })),
        },
        { view: viewFrames, config: configFrame },
      ),
      frames,
    ),
  );
};

/** Inserts the kickoff macro (and opens its config), or the macro the form's `module` names (no config to open). */
const insertMacro: Handler = async (ctx, { req, res, params }) => {
  if (!SITE_PAGES.some((page) => page.id === params.pageId)) throw new HttpError(404, 'No such page');
  ctx.requireUser(req);
  const moduleKey = new URLSearchParams(await readBody(req)).get('module');
  const module = moduleKey ? ctx.manifest.macros.find((m) => m.key === moduleKey) : ctx.manifest.macro;
  if (!module) throw new HttpError(400, `manifest.yml has no macro ${moduleKey}`);
  const localId = ctx.store.insertMacro(params.pageId, module.key === ctx.manifest.macro.key ? undefined : module.key);
  redirect(res, `/wiki/spaces/${params.spaceKey}/pages/${params.pageId}${module.configResource ? `?configure=${localId}&from=insert` : ''}`);
};

export const confluenceRoutes: Route[] = [
  route('GET', '/', home),
  route('GET', /^\/wiki\/?$/, spaceIndex),
  route('GET', /^\/wiki\/spaces\/(?<spaceKey>[^/]+)\/pages\/(?<pageId>[^/]+)(?:\/[^/]*)?$/, confluencePage),
  route('POST', /^\/wiki\/spaces\/(?<spaceKey>[^/]+)\/pages\/(?<pageId>[^/]+)\/macros$/, insertMacro),
];
