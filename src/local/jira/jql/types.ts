/** The data the JQL evaluator works on, and the site configuration it needs. */

export interface JqlIssue {
  id: string;
  key: string;
  projectId: string;
  projectKey: string;
  /** "Epic", "Task", "Subtask" */
  issueType: string;
  status: string;
  /** Keys of the status categories named To Do / In Progress / Done. */
  statusCategory: 'new' | 'indeterminate' | 'done';
  parentKey: string | null;
  labels: string[];
  assigneeAccountId: string | null;
  reporterAccountId: string | null;
  summary: string;
  /** YYYY-MM-DD */
  dueDate: string | null;
  /** ISO 8601 */
  created: string;
  updated: string;
  /** Entity properties by property key. */
  properties: Record<string, unknown>;
  /** Custom field values by field id, e.g. `customfield_10100: "Design"`. */
  customFields: Record<string, unknown>;
}

/** An entity-property JQL alias, as declared by `jira:entityProperty` in the manifest. */
export interface JqlAlias {
  alias: string;
  propertyKey: string;
  /** Dotted path inside the property value, e.g. `raci.responsible`. */
  path: string;
  type: 'string' | 'text' | 'number' | 'date' | 'user';
}

export interface JqlCustomField {
  /** e.g. `customfield_10100` */
  id: string;
  name: string;
  type: 'string' | 'number' | 'date' | 'datetime' | 'user';
}

export interface JqlEnv {
  /** The instant relative dates and date functions are computed from (UTC). */
  now: Date;
  /** The account `currentUser()` stands for; null for anonymous requests (then it matches nobody). */
  currentAccountId: string | null;
  aliases: JqlAlias[];
  customFields: JqlCustomField[];
  /** When given, `project = X` for any other key or id fails like Jira: "The value 'X' does not exist ...". */
  knownProjects?: string[];
  /** When given, `status = X` for any other status name fails the same way. */
  knownStatuses?: string[];
  /** When given, `issuetype = X` for any other issue type name fails the same way. */
  knownIssueTypes?: string[];
  /** When given, numeric issue ids used as `parent` values are translated to keys. */
  issueKeyById?: (id: string) => string | undefined;
}

export interface CompiledJql {
  matches(issue: JqlIssue): boolean;
  /**
   * Orders two issues by the query's ORDER BY (empty values last when ascending, first when
   * descending; ties broken by numeric id ascending). A term without ASC/DESC uses the field's own
   * default, as Jira does: descending for created/updated, ascending otherwise. Without ORDER BY
   * the order is Jira's default `created DESC`, ties by numeric id descending (newest first).
   */
  compare(a: JqlIssue, b: JqlIssue): number;
  /** The same order as `compare`, faster for large sets: a sorted copy, sort keys computed once per issue. */
  sort(issues: readonly JqlIssue[]): JqlIssue[];
}
