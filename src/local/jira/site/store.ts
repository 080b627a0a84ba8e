/**
 * The stand-in's store: every record in memory (reads and JQL never touch disk), written through to the
 * persistence, plus the search index — per issue, the versions JQL may see, each visible from a time.
 * Search is eventually consistent like Jira's: a write becomes visible to JQL `indexLagMs` later.
 */
import type { JqlIssue } from '../jql';
import type { Persistence } from './db';
import {
  INITIAL_STATUS,
  ISSUE_TYPES,
  LINK_TYPES,
  STATUSES,
  issueTypeById,
  statusById,
  withScheduleGrants,
  type Account,
  type IssueLinkRecord,
  type IssueRecord,
  type OutboxEntry,
  type Project,
  type RemoteLinkRecord,
} from './model';

/** One issue for `insertIssuesDirect`: names instead of ids; parents may be issues of the same batch. */
export interface DirectIssueInput {
  projectKey: string;
  /** Issue type name: Epic, Task or Subtask. */
  issueType: string;
  summary: string;
  /** Status name; defaults to To Do. */
  status?: string;
  description?: unknown;
  labels?: string[];
  assigneeAccountId?: string | null;
  reporterAccountId?: string | null;
  parentKey?: string | null;
  dueDate?: string | null;
  properties?: Record<string, unknown>;
  /** Custom field id → value. */
  customFields?: Record<string, unknown>;
  /** Epoch ms; default the store clock. */
  created?: number;
  updated?: number;
  /** Epoch ms the issue entered its status's category (Jira's `statuscategorychangedate`); default `created`. */
  statusCategoryChanged?: number;
}

export interface DirectLinkInput {
  /** Link type name (Blocks, Relates, Cloners, Duplicate). */
  type: string;
  inwardKey: string;
  outwardKey: string;
}

interface IndexedVersion {
  doc: JqlIssue;
  visibleAt: number;
}

/** The fields of an issue a writer may set (the store fills id, key, timestamps, status). */
export type IssueDraft = Omit<IssueRecord, 'id' | 'key' | 'created' | 'updated' | 'statusCategoryChanged' | 'statusId'> & { statusId?: string };

export class JiraStore {
  private readonly accountsById = new Map<string, Account>();
  private readonly projectsById = new Map<string, Project>();
  private readonly issuesById = new Map<string, IssueRecord>();
  private readonly issuesByKey = new Map<string, IssueRecord>();
  private readonly childIds = new Map<string, Set<string>>();
  private readonly linksById = new Map<string, IssueLinkRecord>();
  private readonly linkIdsByIssue = new Map<string, Set<string>>();
  private readonly remoteLinksByIssue = new Map<string, RemoteLinkRecord[]>();
  private readonly watchersByIssue = new Map<string, string[]>();
  private readonly outboxEntries: OutboxEntry[] = [];
  private readonly index = new Map<string, IndexedVersion[]>();
  private readonly projectCounters = new Map<string, number>();
  private nextIssueId = 10000;
  private nextLinkId = 10000;
  private nextRemoteLinkId = 10000;
  /** How long a write takes to reach search (JQL); 0 = immediately. */
  indexLagMs: number;

  constructor(
    private readonly persistence: Persistence,
    private readonly now: () => number,
    indexLagMs = 0,
  ) {
    this.indexLagMs = indexLagMs;
    const state = persistence.load();
    for (const account of state.accounts) this.accountsById.set(account.accountId, account);
    for (const project of state.projects) this.projectsById.set(project.id, withScheduleGrants(project));
    for (const [key, value] of Object.entries(state.meta)) {
      if (key === 'nextIssueId') this.nextIssueId = Number(value);
      else if (key === 'nextLinkId') this.nextLinkId = Number(value);
      else if (key === 'nextRemoteLinkId') this.nextRemoteLinkId = Number(value);
      else if (key.startsWith('counter:')) this.projectCounters.set(key.slice('counter:'.length), Number(value));
    }
    for (const issue of state.issues) this.remember(issue);
    for (const link of state.links) this.rememberLink(link);
    for (const link of state.remoteLinks) this.remoteLinksOf(link.issueId, true).push(link);
    for (const [issueId, accountIds] of Object.entries(state.watchers)) this.watchersByIssue.set(issueId, accountIds);
    this.outboxEntries.push(...state.outbox);
    // Everything stored before this open is fully indexed.
    for (const issue of state.issues) this.index.set(issue.id, [{ doc: this.toJqlIssue(issue), visibleAt: 0 }]);
  }

  // ---- accounts and projects -------------------------------------------------------------------

  isEmpty(): boolean {
    return this.accountsById.size === 0 && this.projectsById.size === 0;
  }

  putAccount(account: Account): void {
    this.accountsById.set(account.accountId, account);
    this.persistence.saveAccount(account);
  }

  putProject(project: Project): void {
    this.projectsById.set(project.id, project);
    this.persistence.saveProject(project);
  }

  accounts(): Account[] {
    return [...this.accountsById.values()];
  }

  account(accountId: string): Account | undefined {
    return this.accountsById.get(accountId);
  }

  projects(): Project[] {
    return [...this.projectsById.values()];
  }

  /** By id or key (keys case-insensitively, as Jira does). */
  project(idOrKey: string): Project | undefined {
    const byId = this.projectsById.get(idOrKey);
    if (byId) return byId;
    const upper = idOrKey.toUpperCase();
    return this.projects().find((p) => p.key === upper);
  }

  // ---- issues ----------------------------------------------------------------------------------

  /** By numeric id or key (keys case-insensitively). */
  issue(idOrKey: string): IssueRecord | undefined {
    return /^\d+$/.test(idOrKey) ? this.issuesById.get(idOrKey) : this.issuesByKey.get(idOrKey.toUpperCase());
  }

  issueCount(): number {
    return this.issuesById.size;
  }

  allIssues(): IterableIterator<IssueRecord> {
    return this.issuesById.values();
  }

  children(issueId: string): IssueRecord[] {
    return [...(this.childIds.get(issueId) ?? [])].flatMap((id) => this.issuesById.get(id) ?? []);
  }

  /** Allocates id and key, stores and indexes (after the index lag). */
  createIssue(draft: IssueDraft, at: number = this.now()): IssueRecord {
    const record = this.newRecord(draft, at);
    this.saveCounters(record.projectId);
    this.remember(record);
    this.persistence.saveIssue(record);
    this.reindex(record, at);
    return record;
  }

  /**
   * Replaces the stored issue with `next` (same id) and reindexes. `touch: false` keeps `updated` (entity
   * properties are not issue fields: setting one leaves the issue's updated time as it was).
   */
  updateIssue(next: IssueRecord, at: number = this.now(), { touch = true }: { touch?: boolean } = {}): IssueRecord {
    const previous = this.issuesById.get(next.id);
    if (!previous) throw new Error(`updateIssue: unknown issue ${next.id}`);
    const record: IssueRecord = { ...next, updated: touch ? at : previous.updated };
    if (previous.parentId !== record.parentId) {
      if (previous.parentId) this.childIds.get(previous.parentId)?.delete(record.id);
    }
    this.remember(record);
    this.persistence.saveIssue(record);
    this.reindex(record, at);
    return record;
  }

  /** Removes an issue, its issue links and remote links, and takes it out of search at once. */
  deleteIssue(issueId: string): void {
    const record = this.issuesById.get(issueId);
    if (!record) return;
    const linkIds = [...(this.linkIdsByIssue.get(issueId) ?? [])];
    for (const id of linkIds) {
      const link = this.linksById.get(id);
      this.linksById.delete(id);
      if (link) for (const end of [link.inwardId, link.outwardId]) this.linkIdsByIssue.get(end)?.delete(id);
    }
    this.linkIdsByIssue.delete(issueId);
    this.remoteLinksByIssue.delete(issueId);
    if (record.parentId) this.childIds.get(record.parentId)?.delete(issueId);
    this.childIds.delete(issueId);
    this.issuesById.delete(issueId);
    this.issuesByKey.delete(record.key);
    this.index.delete(issueId);
    this.persistence.deleteIssue(issueId, linkIds);
  }

  /**
   * Bulk seeding straight into the store (no HTTP, no permissions, no events), indexed at once: one
   * transaction, so 125,000 issues take a few seconds. Returns the records in input order.
   */
  insertIssuesDirect(inputs: readonly DirectIssueInput[]): IssueRecord[] {
    const at = this.now();
    return this.persistence.transaction(() => {
      const touched = new Set<string>();
      const records = inputs.map((input) => {
        const project = this.project(input.projectKey);
        if (!project) throw new Error(`insertIssuesDirect: unknown project ${input.projectKey}`);
        const type = ISSUE_TYPES.find((t) => t.name.toLowerCase() === input.issueType.toLowerCase());
        if (!type) throw new Error(`insertIssuesDirect: unknown issue type ${input.issueType}`);
        const status = input.status ? STATUSES.find((s) => s.name.toLowerCase() === input.status?.toLowerCase()) : INITIAL_STATUS;
        if (!status) throw new Error(`insertIssuesDirect: unknown status ${input.status}`);
        const parent = input.parentKey ? this.issue(input.parentKey) : undefined;
        if (input.parentKey && !parent) throw new Error(`insertIssuesDirect: unknown parent ${input.parentKey}`);
        const created = input.created ?? at;
        const record = this.newRecord(
          {
            projectId: project.id,
            issueTypeId: type.id,
            statusId: status.id,
            summary: input.summary,
            description: input.description ?? null,
            labels: [...(input.labels ?? [])],
            assigneeAccountId: input.assigneeAccountId ?? null,
            reporterAccountId: input.reporterAccountId ?? null,
            creatorAccountId: input.reporterAccountId ?? null,
            parentId: parent?.id ?? null,
            dueDate: input.dueDate ?? null,
            customFields: { ...(input.customFields ?? {}) },
            properties: { ...(input.properties ?? {}) },
          },
          created,
        );
        record.updated = input.updated ?? created;
        record.statusCategoryChanged = input.statusCategoryChanged ?? created;
        this.remember(record);
        this.persistence.saveIssue(record);
        this.index.set(record.id, [{ doc: this.toJqlIssue(record), visibleAt: 0 }]);
        touched.add(record.projectId);
        return record;
      });
      for (const projectId of touched) this.saveCounters(projectId);
      return records;
    });
  }

  /** Bulk links for seeding (no permissions, no events), one transaction. */
  insertLinksDirect(inputs: readonly DirectLinkInput[]): IssueLinkRecord[] {
    return this.persistence.transaction(() =>
      inputs.map((input) => {
        const type = LINK_TYPES.find((t) => t.name.toLowerCase() === input.type.toLowerCase());
        const inward = this.issue(input.inwardKey);
        const outward = this.issue(input.outwardKey);
        if (!type || !inward || !outward) throw new Error(`insertLinksDirect: unknown type or issue in ${JSON.stringify(input)}`);
        return this.addLink(type.id, inward.id, outward.id);
      }),
    );
  }

  // ---- links -----------------------------------------------------------------------------------

  linksOf(issueId: string): IssueLinkRecord[] {
    return [...(this.linkIdsByIssue.get(issueId) ?? [])].flatMap((id) => this.linksById.get(id) ?? []);
  }

  /** The existing link of that type between the two issues, if any (Jira does not duplicate links). */
  findLink(typeId: string, inwardId: string, outwardId: string): IssueLinkRecord | undefined {
    return this.linksOf(inwardId).find((l) => l.typeId === typeId && l.inwardId === inwardId && l.outwardId === outwardId);
  }

  addLink(typeId: string, inwardId: string, outwardId: string): IssueLinkRecord {
    const link: IssueLinkRecord = { id: String(this.nextLinkId++), typeId, inwardId, outwardId };
    this.persistence.setMeta('nextLinkId', String(this.nextLinkId));
    this.rememberLink(link);
    this.persistence.saveLink(link);
    return link;
  }

  remoteLinks(issueId: string): RemoteLinkRecord[] {
    return [...(this.remoteLinksByIssue.get(issueId) ?? [])];
  }

  /** Create-or-update by globalId; `created` tells which. */
  upsertRemoteLink(issueId: string, link: Omit<RemoteLinkRecord, 'id' | 'issueId'>): { link: RemoteLinkRecord; created: boolean } {
    const list = this.remoteLinksOf(issueId, true);
    const index = link.globalId === null ? -1 : list.findIndex((l) => l.globalId === link.globalId);
    if (index >= 0) {
      const updated: RemoteLinkRecord = { ...link, id: list[index].id, issueId };
      list[index] = updated;
      this.persistence.saveRemoteLink(updated);
      return { link: updated, created: false };
    }
    const created: RemoteLinkRecord = { ...link, id: this.nextRemoteLinkId++, issueId };
    this.persistence.setMeta('nextRemoteLinkId', String(this.nextRemoteLinkId));
    list.push(created);
    this.persistence.saveRemoteLink(created);
    return { link: created, created: true };
  }

  // ---- watchers and the outbox --------------------------------------------------------------

  /** The accountIds watching the issue, in the order they started watching. */
  watchers(issueId: string): string[] {
    return [...(this.watchersByIssue.get(issueId) ?? [])];
  }

  /** Adds (idempotently) or removes a watcher; true when the list changed. */
  setWatching(issueId: string, accountId: string, watching: boolean): boolean {
    const current = this.watchersByIssue.get(issueId) ?? [];
    if (current.includes(accountId) === watching) return false;
    const next = watching ? [...current, accountId] : current.filter((id) => id !== accountId);
    this.watchersByIssue.set(issueId, next);
    this.persistence.saveWatchers(issueId, next);
    return true;
  }

  /** Records what Jira would have e-mailed. */
  addOutboxEntry(entry: Omit<OutboxEntry, 'id'>): OutboxEntry {
    const saved: OutboxEntry = { ...entry, to: [...entry.to], id: (this.outboxEntries.at(-1)?.id ?? 0) + 1 };
    this.outboxEntries.push(saved);
    this.persistence.saveOutboxEntry(saved);
    return saved;
  }

  /** Every e-mail Jira would have sent for `notify`, oldest first (the local site's outbox). */
  outbox(): OutboxEntry[] {
    return this.outboxEntries.map((e) => ({ ...e, to: [...e.to] }));
  }

  // ---- search index ----------------------------------------------------------------------------

  /**
   * What JQL sees now: per issue, the newest version indexed by `at`; issues in `reconcile` (ids) are seen as
   * they are. Issues created less than the lag ago are absent unless reconciled.
   */
  searchableIssues(at: number, reconcile: ReadonlySet<string> = new Set()): JqlIssue[] {
    const docs: JqlIssue[] = [];
    for (const [id, versions] of this.index) {
      if (reconcile.has(id)) {
        docs.push(versions[versions.length - 1].doc);
        continue;
      }
      const doc = this.visibleVersion(versions, at);
      if (doc) docs.push(doc);
    }
    return docs;
  }

  /** The issue as JQL sees it now (no lag): for checks right after a write. */
  currentJqlIssue(issueId: string): JqlIssue | undefined {
    const versions = this.index.get(issueId);
    return versions?.[versions.length - 1].doc;
  }

  toJqlIssue(record: IssueRecord): JqlIssue {
    const project = this.projectsById.get(record.projectId);
    const status = statusById(record.statusId) ?? INITIAL_STATUS;
    const parent = record.parentId ? this.issuesById.get(record.parentId) : undefined;
    return {
      id: record.id,
      key: record.key,
      projectId: record.projectId,
      projectKey: project?.key ?? '',
      issueType: issueTypeById(record.issueTypeId)?.name ?? '',
      status: status.name,
      statusCategory: status.category,
      parentKey: parent?.key ?? null,
      labels: record.labels,
      assigneeAccountId: record.assigneeAccountId,
      reporterAccountId: record.reporterAccountId,
      summary: record.summary,
      dueDate: record.dueDate,
      created: new Date(record.created).toISOString(),
      updated: new Date(record.updated).toISOString(),
      properties: record.properties,
      customFields: record.customFields,
    };
  }

  close(): void {
    this.persistence.close();
  }

  // ---- internals -------------------------------------------------------------------------------

  private newRecord(draft: IssueDraft, at: number): IssueRecord {
    const project = this.projectsById.get(draft.projectId);
    if (!project) throw new Error(`unknown project ${draft.projectId}`);
    const number = (this.projectCounters.get(project.id) ?? 0) + 1;
    this.projectCounters.set(project.id, number);
    return {
      ...draft,
      id: String(this.nextIssueId++),
      key: `${project.key}-${number}`,
      statusId: draft.statusId ?? INITIAL_STATUS.id,
      created: at,
      updated: at,
      statusCategoryChanged: at,
    };
  }

  private saveCounters(projectId: string): void {
    this.persistence.setMeta(`counter:${projectId}`, String(this.projectCounters.get(projectId) ?? 0));
    this.persistence.setMeta('nextIssueId', String(this.nextIssueId));
  }

  private visibleVersion(versions: IndexedVersion[], at: number): JqlIssue | undefined {
    let visible: number = -1;
    for (let i = versions.length - 1; i >= 0; i -= 1) {
      // An entry can be at most the index lag in the future; one further ahead was written before the site's
      // clock moved back, and the index has long caught up with it.
      if (versions[i].visibleAt <= at || versions[i].visibleAt - at > this.indexLagMs) {
        visible = i;
        break;
      }
    }
    if (visible < 0) return undefined;
    // Older versions can never be seen again.
    if (visible > 0) versions.splice(0, visible);
    return versions[0].doc;
  }

  private reindex(record: IssueRecord, at: number): void {
    const version = { doc: this.toJqlIssue(record), visibleAt: at + this.indexLagMs };
    const versions = this.index.get(record.id);
    if (!versions || this.indexLagMs === 0) this.index.set(record.id, [version]);
    else versions.push(version);
  }

  private remember(record: IssueRecord): void {
    this.issuesById.set(record.id, record);
    this.issuesByKey.set(record.key, record);
    if (record.parentId) {
      let set = this.childIds.get(record.parentId);
      if (!set) this.childIds.set(record.parentId, (set = new Set()));
      set.add(record.id);
    }
  }

  private rememberLink(link: IssueLinkRecord): void {
    this.linksById.set(link.id, link);
    for (const issueId of [link.inwardId, link.outwardId]) {
      let set = this.linkIdsByIssue.get(issueId);
      if (!set) this.linkIdsByIssue.set(issueId, (set = new Set()));
      set.add(link.id);
    }
  }

  private remoteLinksOf(issueId: string, create: boolean): RemoteLinkRecord[] {
    let list = this.remoteLinksByIssue.get(issueId);
    if (!list) {
      list = [];
      if (create) this.remoteLinksByIssue.set(issueId, list);
    }
    return list;
  }
}
