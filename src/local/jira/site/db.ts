/**
 * Persistence for the stand-in: better-sqlite3 (WAL) in `<dataDir>/jira.sqlite`, one JSON document per row.
 * The store keeps everything in memory for reads and JQL; this file only writes through and loads at open.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Account, IssueLinkRecord, IssueRecord, OutboxEntry, Project, RemoteLinkRecord } from './model';

export interface LoadedState {
  meta: Record<string, string>;
  accounts: Account[];
  projects: Project[];
  issues: IssueRecord[];
  links: IssueLinkRecord[];
  remoteLinks: RemoteLinkRecord[];
  /** Issue id → the accountIds watching it. */
  watchers: Record<string, string[]>;
  outbox: OutboxEntry[];
}

export interface Persistence {
  load(): LoadedState;
  setMeta(key: string, value: string): void;
  saveAccount(account: Account): void;
  saveProject(project: Project): void;
  saveIssue(issue: IssueRecord): void;
  saveLink(link: IssueLinkRecord): void;
  saveRemoteLink(link: RemoteLinkRecord): void;
  saveWatchers(issueId: string, accountIds: readonly string[]): void;
  saveOutboxEntry(entry: OutboxEntry): void;
  /** Removes an issue with its links and remote links. */
  deleteIssue(issueId: string, linkIds: readonly string[]): void;
  /** Runs fn in one transaction (bulk seeding: 125k issues in a few seconds). */
  transaction<T>(fn: () => T): T;
  close(): void;
}

/** Persistence that keeps nothing (tests, `dataDir: null`). */
export const IN_MEMORY: Persistence = {
  load: () => ({ meta: {}, accounts: [], projects: [], issues: [], links: [], remoteLinks: [], watchers: {}, outbox: [] }),
  setMeta: () => undefined,
  saveAccount: () => undefined,
  saveProject: () => undefined,
  saveIssue: () => undefined,
  saveLink: () => undefined,
  saveRemoteLink: () => undefined,
  saveWatchers: () => undefined,
  saveOutboxEntry: () => undefined,
  deleteIssue: () => undefined,
  transaction: (fn) => fn(),
  close: () => undefined,
};

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS accounts (account_id TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS projects (id TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS issues (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS issue_links (id INTEGER PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS remote_links (id INTEGER PRIMARY KEY, issue_id INTEGER NOT NULL, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS watchers (issue_id INTEGER PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS outbox (id INTEGER PRIMARY KEY, json TEXT NOT NULL);
`;

const parseAll = <T>(rows: unknown[]): T[] => rows.map((row) => JSON.parse((row as { json: string }).json) as T);

export function openSqlitePersistence(dataDir: string): Persistence {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'jira.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(SCHEMA);
  const setMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  const saveAccount = db.prepare('INSERT OR REPLACE INTO accounts (account_id, json) VALUES (?, ?)');
  const saveProject = db.prepare('INSERT OR REPLACE INTO projects (id, json) VALUES (?, ?)');
  const saveIssue = db.prepare('INSERT OR REPLACE INTO issues (id, key, json) VALUES (?, ?, ?)');
  const saveLink = db.prepare('INSERT OR REPLACE INTO issue_links (id, json) VALUES (?, ?)');
  const saveRemoteLink = db.prepare('INSERT OR REPLACE INTO remote_links (id, issue_id, json) VALUES (?, ?, ?)');
  const saveWatchers = db.prepare('INSERT OR REPLACE INTO watchers (issue_id, json) VALUES (?, ?)');
  const saveOutboxEntry = db.prepare('INSERT OR REPLACE INTO outbox (id, json) VALUES (?, ?)');
  const deleteIssueRow = db.prepare('DELETE FROM issues WHERE id = ?');
  const deleteLinkRow = db.prepare('DELETE FROM issue_links WHERE id = ?');
  const deleteRemoteLinks = db.prepare('DELETE FROM remote_links WHERE issue_id = ?');
  return {
    load() {
      const meta = Object.fromEntries((db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
      return {
        meta,
        accounts: parseAll<Account>(db.prepare('SELECT json FROM accounts ORDER BY rowid').all()),
        projects: parseAll<Project>(db.prepare('SELECT json FROM projects ORDER BY id').all()),
        issues: parseAll<IssueRecord>(db.prepare('SELECT json FROM issues ORDER BY id').all()),
        links: parseAll<IssueLinkRecord>(db.prepare('SELECT json FROM issue_links ORDER BY id').all()),
        remoteLinks: parseAll<RemoteLinkRecord>(db.prepare('SELECT json FROM remote_links ORDER BY id').all()),
        watchers: Object.fromEntries(
          (db.prepare('SELECT issue_id, json FROM watchers').all() as { issue_id: number; json: string }[]).map((r) => [
            String(r.issue_id),
            JSON.parse(r.json) as string[],
          ]),
        ),
        outbox: parseAll<OutboxEntry>(db.prepare('SELECT json FROM outbox ORDER BY id').all()),
      };
    },
    setMeta: (key, value) => void setMeta.run(key, value),
    saveAccount: (a) => void saveAccount.run(a.accountId, JSON.stringify(a)),
    saveProject: (p) => void saveProject.run(p.id, JSON.stringify(p)),
    saveIssue: (i) => void saveIssue.run(Number(i.id), i.key, JSON.stringify(i)),
    saveLink: (l) => void saveLink.run(Number(l.id), JSON.stringify(l)),
    saveRemoteLink: (l) => void saveRemoteLink.run(l.id, Number(l.issueId), JSON.stringify(l)),
    saveWatchers: (issueId, accountIds) => void saveWatchers.run(Number(issueId), JSON.stringify(accountIds)),
    saveOutboxEntry: (e) => void saveOutboxEntry.run(e.id, JSON.stringify(e)),
    deleteIssue: (issueId, linkIds) =>
      db.transaction(() => {
        deleteIssueRow.run(Number(issueId));
        deleteRemoteLinks.run(Number(issueId));
        for (const id of linkIds) deleteLinkRow.run(Number(id));
      })(),
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
    close: () => db.close(),
  };
}
