/** Zod schemas for the parts of Jira responses we read; loose so extra fields never break us. */
import { z } from 'zod';

export const errorBodySchema = z.looseObject({
  errorMessages: z.array(z.string()).optional(),
  errors: z.record(z.string(), z.unknown()).optional(),
});

export const projectSchema = z.looseObject({
  id: z.string(),
  key: z.string(),
  name: z.string(),
});
export type JiraProject = z.infer<typeof projectSchema>;

export const issueTypeSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  subtask: z.boolean().optional(),
  hierarchyLevel: z.number().optional(),
});
export type JiraIssueType = z.infer<typeof issueTypeSchema>;

export const createMetaIssueTypesSchema = z.looseObject({
  issueTypes: z.array(issueTypeSchema).optional(),
  createMetaIssueType: z.array(issueTypeSchema).optional(),
  startAt: z.number().optional(),
  maxResults: z.number().optional(),
  total: z.number().optional(),
});

export const myPermissionsSchema = z.looseObject({
  permissions: z.record(z.string(), z.looseObject({ havePermission: z.boolean().optional() })),
});

export const fieldSchema = z.looseObject({
  id: z.string(),
  key: z.string().optional(),
  name: z.string(),
  custom: z.boolean().optional(),
  schema: z.looseObject({ type: z.string().optional(), custom: z.string().optional() }).optional(),
});
export type JiraField = z.infer<typeof fieldSchema>;
export const fieldListSchema = z.array(fieldSchema);

export const issueLinkSchema = z.looseObject({
  id: z.string().optional(),
  type: z.looseObject({ name: z.string() }),
  inwardIssue: z.looseObject({ id: z.string().optional(), key: z.string() }).optional(),
  outwardIssue: z.looseObject({ id: z.string().optional(), key: z.string() }).optional(),
});
export type JiraIssueLink = z.infer<typeof issueLinkSchema>;

export const issueSchema = z.looseObject({
  id: z.string(),
  key: z.string(),
  fields: z.record(z.string(), z.unknown()).optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
});
export type JiraIssue = z.infer<typeof issueSchema>;

export const searchPageSchema = z.looseObject({
  issues: z.array(issueSchema).optional(),
  nextPageToken: z.string().nullish(),
  isLast: z.boolean().optional(),
});

/** A search page when only ids were asked for. */
export const idSearchPageSchema = z.looseObject({
  issues: z.array(z.looseObject({ id: z.string() })).optional(),
  nextPageToken: z.string().nullish(),
  isLast: z.boolean().optional(),
});

export const bulkFetchSchema = z.looseObject({
  issues: z.array(issueSchema).optional(),
  issueErrors: z.array(z.looseObject({ id: z.string().optional(), errorMessage: z.string().optional() })).optional(),
});

export const createdIssueSchema = z.looseObject({ id: z.string(), key: z.string() });
export type CreatedIssue = z.infer<typeof createdIssueSchema>;

export const bulkCreatedSchema = z.looseObject({
  issues: z.array(createdIssueSchema).optional(),
  errors: z
    .array(
      z.looseObject({
        failedElementNumber: z.number().optional(),
        status: z.number().optional(),
        elementErrors: errorBodySchema.optional(),
      }),
    )
    .optional(),
});

export const remoteLinkSchema = z.looseObject({ id: z.number(), globalId: z.string().optional(), object: z.looseObject({ url: z.string() }).optional() });

export const remoteLinkListSchema = z.array(
  z.looseObject({ id: z.number(), globalId: z.string().optional(), object: z.looseObject({ url: z.string() }).optional() }),
);

/** `GET /issue/{key}/transitions`: the transitions open to the caller, each with the status it leads to. */
export const transitionListSchema = z.looseObject({
  transitions: z.array(
    z.looseObject({
      id: z.string(),
      name: z.string().optional(),
      to: z.looseObject({ name: z.string().optional(), statusCategory: z.looseObject({ key: z.string() }).optional() }).optional(),
    }),
  ),
});
export type JiraTransition = z.infer<typeof transitionListSchema>['transitions'][number];

export const entityPropertySchema = z.looseObject({ key: z.string(), value: z.unknown() });

/** `GET /serverInfo`: the site's base URL (links in e-mails sent by a job that has no page to take it from). */
export const serverInfoSchema = z.looseObject({ baseUrl: z.string().min(1) });

/** Bulk create's 400 when every element failed: the per-element errors are the answer. */
export const bulkAllFailedSchema = bulkCreatedSchema.extend({ errors: bulkCreatedSchema.shape.errors.unwrap().min(1) });

/** `/rest/api/3/project/search`: one page of projects. */
export const projectPageSchema = z.looseObject({
  values: z.array(z.looseObject({ id: z.string(), key: z.string(), name: z.string() })),
  isLast: z.boolean().optional(),
  total: z.number().optional(),
});
export type JiraDirectoryProject = { id: string; key: string; name: string };

export const userSchema = z.looseObject({
  accountId: z.string(),
  accountType: z.string().optional(),
  displayName: z.string().optional(),
  active: z.boolean().optional(),
  avatarUrls: z.record(z.string(), z.string()).optional(),
});
export const userListSchema = z.array(userSchema);
/** `/rest/api/3/user/bulk`: one page of users. */
export const userPageSchema = z.looseObject({ values: z.array(userSchema), isLast: z.boolean().optional() });
export type JiraDirectoryUser = z.infer<typeof userSchema>;
