/**
 * What the app's manifest.yml declares to Jira: searchable entity properties, Forge custom fields and
 * product-event triggers. The stand-in honours exactly these (undeclared aliases do not exist in JQL,
 * undeclared app fields are not in GET /field).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

export type EntityPropertyValueType = 'string' | 'text' | 'number' | 'date' | 'user';
export type CustomFieldType = 'string' | 'number' | 'date' | 'datetime' | 'user';

export interface ForgeDeclarations {
  appId: string;
  environmentId: string;
  entityProperties: { propertyKey: string; entityType: 'issue'; values: { path: string; type: EntityPropertyValueType; searchAlias?: string }[] }[];
  customFields: { moduleKey: string; name: string; type: CustomFieldType; readOnly?: boolean }[];
  triggers: { key: string; events: string[]; functionKey: string }[];
}

/** Forge gives each environment a UUID; the manifest does not name one, so the local site uses this fixed one. */
export const LOCAL_ENVIRONMENT_ID = '5e1f0c4a-0b7d-4c3e-9a55-10ca1e000001';

const manifestSchema = z.looseObject({
  app: z.looseObject({ id: z.string().min(1) }),
  modules: z
    .looseObject({
      'jira:entityProperty': z
        .array(
          z.looseObject({
            propertyKey: z.string().min(1),
            entityType: z.literal('issue').optional(),
            values: z.array(
              z.looseObject({
                path: z.string().min(1),
                type: z.enum(['string', 'text', 'number', 'date', 'user']),
                searchAlias: z.string().min(1).optional(),
              }),
            ),
          }),
        )
        .optional(),
      'jira:customField': z
        .array(
          z.looseObject({
            key: z.string().min(1),
            name: z.string().min(1),
            type: z.enum(['string', 'number', 'date', 'datetime', 'user']),
            readOnly: z.boolean().optional(),
          }),
        )
        .optional(),
      trigger: z.array(z.looseObject({ key: z.string().min(1), function: z.string().min(1), events: z.array(z.string().min(1)) })).optional(),
    })
    .optional(),
});

/** `ari:cloud:ecosystem::app/<uuid>` → `<uuid>` (extension ARIs use the bare id). */
export function appIdOf(ari: string): string {
  return ari.replace(/^ari:cloud:ecosystem::app\//, '');
}

/** Pure: the declarations in an already-parsed manifest document. */
export function forgeDeclarationsOf(manifest: unknown, environmentId: string = LOCAL_ENVIRONMENT_ID): ForgeDeclarations {
  const parsed = manifestSchema.safeParse(manifest);
  if (!parsed.success) throw new Error(`Not a Forge manifest the stand-in understands: ${parsed.error.message}`);
  const modules = parsed.data.modules ?? {};
  return {
    appId: appIdOf(parsed.data.app.id),
    environmentId,
    entityProperties: (modules['jira:entityProperty'] ?? []).map((p) => ({
      propertyKey: p.propertyKey,
      entityType: 'issue' as const,
      values: p.values.map((v) => ({ path: v.path, type: v.type, ...(v.searchAlias ? { searchAlias: v.searchAlias } : {}) })),
    })),
    customFields: (modules['jira:customField'] ?? []).map((f) => ({
      moduleKey: f.key,
      name: f.name,
      type: f.type,
      ...(f.readOnly !== undefined ? { readOnly: f.readOnly } : {}),
    })),
    triggers: (modules.trigger ?? []).map((t) => ({ key: t.key, events: [...t.events], functionKey: t.function })),
  };
}

export function loadForgeDeclarations(manifestFile: string, environmentId: string = LOCAL_ENVIRONMENT_ID): ForgeDeclarations {
  return forgeDeclarationsOf(parse(readFileSync(manifestFile, 'utf8')) as unknown, environmentId);
}

/** An empty set of declarations (a site with no app installed). */
export const NO_DECLARATIONS: ForgeDeclarations = {
  appId: 'no-app',
  environmentId: LOCAL_ENVIRONMENT_ID,
  entityProperties: [],
  customFields: [],
  triggers: [],
};
