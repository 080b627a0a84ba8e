/** Reads manifest.yml into what the local host needs: UI modules, their resources, functions, triggers. */
import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { TriggerFilter } from './trigger-filter';

const uiModule = z.object({ key: z.string(), resource: z.string(), title: z.string().optional(), resolver: z.object({ function: z.string() }).optional() });
const manifestSchema = z.object({
  modules: z.object({
    macro: z.array(uiModule.extend({ config: z.object({ resource: z.string() }).optional() })).default([]),
    'jira:issuePanel': z.array(uiModule).default([]),
    'jira:projectPage': z.array(uiModule).default([]),
    'jira:adminPage': z.array(uiModule).default([]),
    trigger: z
      .array(
        z.object({
          key: z.string(),
          function: z.string(),
          events: z.array(z.string()),
          filter: z
            .object({
              ignoreSelf: z.boolean().optional(),
              expression: z.string().optional(),
              onError: z.enum(['IGNORE', 'IGNORE_AND_LOG', 'RECEIVE', 'RECEIVE_AND_LOG']).optional(),
            })
            .optional(),
        }),
      )
      .default([]),
    scheduledTrigger: z.array(z.object({ key: z.string(), function: z.string(), interval: z.string() })).default([]),
    function: z.array(z.object({ key: z.string(), handler: z.string() })).default([]),
  }),
  resources: z.array(z.object({ key: z.string(), path: z.string() })).default([]),
});

export interface UiModule {
  key: string;
  title: string;
  /** Resource key of the module's Custom UI. */
  resource: string;
  /** Function key of the module's resolver, if it has one. */
  resolverFunction: string | null;
}

export interface AppManifest {
  macro: UiModule & { configResource: string | null };
  /** Every macro module (the kickoff macro first), each insertable on a page. */
  macros: (UiModule & { configResource: string | null })[];
  /** The Jira admin page (the template editor), when the manifest declares one. */
  adminPage: UiModule | null;
  issuePanel: UiModule;
  projectPage: UiModule;
  /** Resource key → absolute directory. */
  resources: Map<string, string>;
  /** Function key → exported name in src/index (`index.resolver` → `resolver`). */
  functions: Map<string, { file: string; exportName: string }>;
  triggers: { key: string; functionKey: string; events: string[]; filter?: TriggerFilter }[];
  /** `scheduledTrigger` modules: the local site runs them when its clock moves (Forge runs them on `interval`). */
  scheduledTriggers: { key: string; functionKey: string; interval: string }[];
}

export function loadAppManifest(manifestPath: string): AppManifest {
  const parsed = manifestSchema.safeParse(parse(fs.readFileSync(manifestPath, 'utf8')));
  if (!parsed.success) throw new Error(`${manifestPath} is not a manifest the local site understands: ${parsed.error.message}`);
  const { modules, resources } = parsed.data;
  const root = path.dirname(manifestPath);
  const first = <T>(list: T[], what: string): T => {
    if (!list[0]) throw new Error(`${manifestPath} declares no ${what} module`);
    return list[0];
  };
  const ui = (m: z.infer<typeof uiModule>): UiModule => ({
    key: m.key,
    title: m.title ?? m.key,
    resource: m.resource,
    resolverFunction: m.resolver?.function ?? null,
  });
  const macro = first(modules.macro, 'macro');
  const macroModule = (m: (typeof modules.macro)[number]) => ({ ...ui(m), configResource: m.config?.resource ?? null });
  return {
    macro: macroModule(macro),
    macros: modules.macro.map(macroModule),
    adminPage: modules['jira:adminPage'][0] ? ui(modules['jira:adminPage'][0]) : null,
    issuePanel: ui(first(modules['jira:issuePanel'], 'jira:issuePanel')),
    projectPage: ui(first(modules['jira:projectPage'], 'jira:projectPage')),
    resources: new Map(resources.map((r) => [r.key, path.resolve(root, r.path)])),
    functions: new Map(
      modules.function.map((f) => {
        const [file, exportName] = f.handler.split('.');
        return [f.key, { file, exportName }];
      }),
    ),
    triggers: modules.trigger.map((t) => ({ key: t.key, functionKey: t.function, events: t.events, ...(t.filter ? { filter: t.filter } : {}) })),
    scheduledTriggers: modules.scheduledTrigger.map((t) => ({ key: t.key, functionKey: t.function, interval: t.interval })),
  };
}

/** Every UI module of the manifest (what a frame's `moduleKey` may name). */
export function uiModules(manifest: AppManifest): UiModule[] {
  return [...manifest.macros, manifest.issuePanel, manifest.projectPage, ...(manifest.adminPage ? [manifest.adminPage] : [])];
}
