/** The directory lookups behind the kickoff form's pickers: projects the user may create in, assignable people. */
import { route } from '@forge/api';
import { z } from 'zod';
import type { JsonGetter } from './issues-read';

const projectPageSchema = z.looseObject({
  values: z.array(z.looseObject({ id: z.string(), key: z.string(), name: z.string() })),
  isLast: z.boolean().optional(),
  total: z.number().optional(),
});

const userSchema = z.looseObject({
  accountId: z.string(),
  accountType: z.string().optional(),
  displayName: z.string().optional(),
  active: z.boolean().optional(),
  avatarUrls: z.record(z.string(), z.string()).optional(),
});

export type JiraDirectoryProject = { id: string; key: string; name: string };
export type JiraDirectoryUser = z.infer<typeof userSchema>;

/** Jira's cap for `/project/search`. */
const PROJECT_PAGE = 100;
/** Keeps a runaway directory from holding the resolver past its time limit. */
const MAX_PROJECT_PAGES = 20;

/** Projects where the user may create issues (`action=create`), all pages, ordered by name. */
export async function searchCreatableProjects(getJson: JsonGetter): Promise<JiraDirectoryProject[]> {
  const projects: JiraDirectoryProject[] = [];
  for (let page = 0; page < MAX_PROJECT_PAGES; page += 1) {
    const query = new URLSearchParams({ action: 'create', orderBy: 'name', startAt: String(projects.length), maxResults: String(PROJECT_PAGE) });
    const body = await getJson(route`/rest/api/3/project/search?${query}`, projectPageSchema);
    projects.push(...body.values.map(({ id, key, name }) => ({ id, key, name })));
    if (body.isLast !== false || body.values.length === 0) break;
  }
  return projects;
}

/** People who can be assigned issues in the project, matching the query (name or e-mail prefix). */
export async function findAssignableUsers(getJson: JsonGetter, projectKey: string, query: string, maxResults = 20): Promise<JiraDirectoryUser[]> {
  const params = new URLSearchParams({ project: projectKey, query, maxResults: String(maxResults) });
  return getJson(route`/rest/api/3/user/assignable/search?${params}`, z.array(userSchema));
}

const userPageSchema = z.looseObject({ values: z.array(userSchema), isLast: z.boolean().optional() });

/** Jira's page size cap for `/user/bulk`. */
const USER_BULK_PAGE = 200;

/**
 * The Jira users with these account ids, by id (unknown ids are absent): one `/user/bulk` request for up to
 * 200 ids. Display names shown for Jira users come from here, never from what a form sent.
 */
export async function getUsersByAccountId(getJson: JsonGetter, accountIds: readonly string[]): Promise<Map<string, JiraDirectoryUser>> {
  const ids = [...new Set(accountIds)].slice(0, USER_BULK_PAGE);
  if (ids.length === 0) return new Map();
  const params = new URLSearchParams({ maxResults: String(USER_BULK_PAGE) });
  for (const id of ids) params.append('accountId', id);
  const body = await getJson(route`/rest/api/3/user/bulk?${params}`, userPageSchema);
  return new Map(body.values.map((u) => [u.accountId, u]));
}
