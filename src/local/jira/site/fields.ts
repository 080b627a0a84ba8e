/**
 * The site's fields: Jira's system fields this stand-in models plus the app's declared Forge custom fields
 * (ids `customfield_10100`, `customfield_10101`, … in declaration order), and the JQL view of both.
 */
import type { JqlAlias, JqlCustomField } from '../jql';
import type { CustomFieldType, ForgeDeclarations } from './declarations';

export interface SystemFieldDef {
  id: string;
  name: string;
  schema: { type: string; system: string; items?: string };
  clauseNames: string[];
  orderable: boolean;
  searchable: boolean;
}

export interface CustomFieldDef {
  id: string;
  numericId: number;
  key: string;
  name: string;
  moduleKey: string;
  type: CustomFieldType;
  readOnly: boolean;
  /** `ari:cloud:ecosystem::extension/{appId}/{environmentId}/static/{moduleKey}` */
  extensionAri: string;
}

const sys = (id: string, name: string, type: string, clauseNames: string[], extra: Partial<SystemFieldDef> & { items?: string } = {}): SystemFieldDef => ({
  id,
  name,
  schema: { type, system: id, ...(extra.items ? { items: extra.items } : {}) },
  clauseNames,
  orderable: extra.orderable ?? true,
  searchable: extra.searchable ?? true,
});

export const SYSTEM_FIELDS: readonly SystemFieldDef[] = [
  sys('summary', 'Summary', 'string', ['summary']),
  sys('description', 'Description', 'string', ['description']),
  sys('issuetype', 'Issue Type', 'issuetype', ['issuetype', 'type']),
  sys('project', 'Project', 'project', ['project']),
  sys('status', 'Status', 'status', ['status'], { orderable: false }),
  sys('labels', 'Labels', 'array', ['labels'], { items: 'string' }),
  sys('assignee', 'Assignee', 'user', ['assignee']),
  sys('reporter', 'Reporter', 'user', ['reporter']),
  sys('creator', 'Creator', 'user', ['creator'], { orderable: false }),
  sys('duedate', 'Due date', 'date', ['due', 'duedate']),
  sys('created', 'Created', 'datetime', ['created', 'createdDate'], { orderable: false }),
  sys('updated', 'Updated', 'datetime', ['updated', 'updatedDate'], { orderable: false }),
  sys('parent', 'Parent', 'issuelink', ['parent']),
  sys('issuelinks', 'Linked Issues', 'array', ['issueLink'], { items: 'issuelinks' }),
  sys('subtasks', 'Sub-tasks', 'array', ['subtasks'], { items: 'issuelinks', orderable: false }),
  sys('resolution', 'Resolution', 'resolution', ['resolution']),
  sys('resolutiondate', 'Resolved', 'datetime', ['resolutiondate', 'resolved'], { orderable: false }),
  // Jira's `watches`: the count and whether the caller watches (the list is GET /issue/{key}/watchers).
  sys('watches', 'Watchers', 'watches', [], { orderable: false, searchable: false }),
  sys('statuscategorychangedate', 'Status Category Changed', 'datetime', ['statusCategoryChangedDate'], { orderable: false }),
  sys('statusCategory', 'Status Category', 'statusCategory', ['statusCategory'], { orderable: false }),
  sys('issuekey', 'Key', 'string', ['id', 'issue', 'issuekey', 'key'], { orderable: false }),
];

/** Field ids that exist as values in an issue's `fields` (issuekey and statusCategory are search-only). */
export const ISSUE_FIELD_IDS: readonly string[] = SYSTEM_FIELDS.map((f) => f.id).filter((id) => id !== 'issuekey' && id !== 'statusCategory');

const FIRST_CUSTOM_FIELD_NUMBER = 10100;

export class FieldCatalog {
  readonly custom: readonly CustomFieldDef[];

  constructor(readonly declarations: ForgeDeclarations) {
    this.custom = declarations.customFields.map((f, i) => {
      const numericId = FIRST_CUSTOM_FIELD_NUMBER + i;
      return {
        id: `customfield_${numericId}`,
        numericId,
        // Forge app fields show `{appId}__{environment}__{moduleKey}` as their key.
        key: `${declarations.appId}__${declarations.environmentId}__${f.moduleKey}`,
        name: f.name,
        moduleKey: f.moduleKey,
        type: f.type,
        readOnly: f.readOnly === true,
        extensionAri: `ari:cloud:ecosystem::extension/${declarations.appId}/${declarations.environmentId}/static/${f.moduleKey}`,
      };
    });
  }

  /** By id (`customfield_10100`), key or module key. */
  customField(idOrKey: string): CustomFieldDef | undefined {
    return this.custom.find((f) => f.id === idOrKey || f.key === idOrKey || f.moduleKey === idOrKey);
  }

  /** Every field id an issue's `fields` can hold. */
  allIssueFieldIds(): string[] {
    return [...ISSUE_FIELD_IDS, ...this.custom.map((f) => f.id)];
  }

  isIssueField(id: string): boolean {
    return ISSUE_FIELD_IDS.includes(id) || this.custom.some((f) => f.id === id);
  }

  fieldName(id: string): string | undefined {
    return SYSTEM_FIELDS.find((f) => f.id === id)?.name ?? this.custom.find((f) => f.id === id)?.name;
  }

  /** JsonTypeBean of a field (the `schema` expand and GET /field). */
  fieldSchema(id: string): Record<string, unknown> | undefined {
    const system = SYSTEM_FIELDS.find((f) => f.id === id);
    if (system) return { ...system.schema };
    const custom = this.custom.find((f) => f.id === id);
    return custom ? { type: custom.type, custom: custom.extensionAri, customId: custom.numericId } : undefined;
  }

  /** GET /rest/api/3/field: FieldDetails of every field. */
  fieldDetails(): Record<string, unknown>[] {
    return [
      ...SYSTEM_FIELDS.map((f) => ({
        id: f.id,
        key: f.id,
        name: f.name,
        custom: false,
        orderable: f.orderable,
        navigable: true,
        searchable: f.searchable,
        clauseNames: [...f.clauseNames],
        schema: { ...f.schema },
      })),
      ...this.custom.map((f) => ({
        id: f.id,
        key: f.key,
        name: f.name,
        custom: true,
        orderable: true,
        navigable: true,
        searchable: true,
        clauseNames: [`cf[${f.numericId}]`, f.name],
        schema: { type: f.type, custom: f.extensionAri, customId: f.numericId },
      })),
    ];
  }

  jqlCustomFields(): JqlCustomField[] {
    return this.custom.map((f) => ({ id: f.id, name: f.name, type: f.type }));
  }

  /** Only declared paths with a searchAlias are aliases; `issue.property[key].path` works for any property. */
  jqlAliases(): JqlAlias[] {
    return this.declarations.entityProperties.flatMap((p) =>
      p.values.flatMap((v) => (v.searchAlias ? [{ alias: v.searchAlias, propertyKey: p.propertyKey, path: v.path, type: v.type }] : [])),
    );
  }
}

/**
 * Which fields to return, from Jira's `fields` parameter (repeatable, comma-separated): `*all`, `*navigable`,
 * field ids, `-id` to exclude. Pure.
 */
export function selectFields(raw: readonly string[], defaultTokens: readonly string[], catalog: FieldCatalog): string[] {
  const tokens = raw
    .flatMap((value) => value.split(','))
    .map((t) => t.trim())
    .filter((t) => t !== '');
  const effective = tokens.length > 0 ? tokens : [...defaultTokens];
  const included = new Set<string>();
  const excluded = new Set<string>();
  let onlyExclusions = true;
  for (const token of effective) {
    if (token.startsWith('-')) {
      excluded.add(token.slice(1));
      continue;
    }
    onlyExclusions = false;
    if (token === '*all' || token === '*navigable') for (const id of catalog.allIssueFieldIds()) included.add(id);
    else if (catalog.isIssueField(token)) included.add(token);
    else {
      const custom = catalog.customField(token);
      if (custom) included.add(custom.id);
    }
  }
  // Only exclusions: "all navigable fields except".
  if (onlyExclusions) for (const id of catalog.allIssueFieldIds()) included.add(id);
  return [...included].filter((id) => !excluded.has(id));
}
