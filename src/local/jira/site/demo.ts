/**
 * The demo site seeded into an empty store: who can sign in (HTTP Basic `email:apiToken`), with stable
 * accountIds across runs, and the two projects with their permission grants.
 */
import { PROJECT_PERMISSIONS, type Account, type GroupDef, type PermissionKey, type Project } from './model';

/** The app's own account: what `asApp()` calls act as. The only account that may write the app's custom-field values. */
export const APP_ACCOUNT_ID = '712020:a9900000-0000-4000-8000-0000000000a1';

const ALL: PermissionKey[] = [...PROJECT_PERMISSIONS];
const BROWSE_ONLY: PermissionKey[] = ['BROWSE_PROJECTS'];

const accounts = {
  sa: {
    accountId: '712020:5a000000-0000-4000-8000-000000000001',
    emailAddress: 'sa@example.com',
    displayName: 'Sasha Architect',
    apiToken: 'sa-token',
    accountType: 'atlassian',
    roleHint: 'SA',
  },
  pm: {
    accountId: '712020:5a000000-0000-4000-8000-000000000002',
    emailAddress: 'pm@example.com',
    displayName: 'Priya Manager',
    apiToken: 'pm-token',
    accountType: 'atlassian',
    roleHint: 'PM',
  },
  im: {
    accountId: '712020:5a000000-0000-4000-8000-000000000003',
    emailAddress: 'im@example.com',
    displayName: 'Ivan Implementer',
    apiToken: 'im-token',
    accountType: 'atlassian',
    roleHint: 'IM',
  },
  opm: {
    accountId: '712020:5a000000-0000-4000-8000-000000000004',
    emailAddress: 'opm@example.com',
    displayName: 'Olga Operations',
    apiToken: 'opm-token',
    accountType: 'atlassian',
    roleHint: 'OPM',
  },
  viewer: {
    accountId: '712020:5a000000-0000-4000-8000-000000000005',
    emailAddress: 'viewer@example.com',
    displayName: 'Vera Viewer',
    apiToken: 'viewer-token',
    accountType: 'atlassian',
    roleHint: 'viewer',
  },
  app: {
    accountId: APP_ACCOUNT_ID,
    emailAddress: 'outbound-playbook@connect.atlassian.com',
    displayName: 'Outbound Playbook',
    apiToken: 'app-token',
    accountType: 'app',
    roleHint: 'app',
  },
} as const satisfies Record<string, Account>;

const internal = [accounts.sa, accounts.pm, accounts.im, accounts.opm];

function grants(entries: [Account, PermissionKey[]][]): Record<string, PermissionKey[]> {
  return Object.fromEntries(entries.map(([account, keys]) => [account.accountId, [...keys]]));
}

const projects: Project[] = [
  {
    id: '10000',
    key: 'OUT',
    name: 'Outbound Implementations',
    description: 'Outbound Payments integrations, one epic per biller plan.',
    leadAccountId: accounts.pm.accountId,
    grants: grants([...internal.map((a): [Account, PermissionKey[]] => [a, ALL]), [accounts.viewer, BROWSE_ONLY], [accounts.app, ALL]]),
  },
  {
    id: '10001',
    key: 'SAND',
    name: 'Sandbox',
    description: 'A project where the Solution Architect may look but not create.',
    leadAccountId: accounts.pm.accountId,
    grants: grants([
      [accounts.sa, ['BROWSE_PROJECTS', 'ASSIGNABLE_USER']],
      [accounts.pm, ALL],
      [accounts.im, ALL],
      [accounts.opm, ALL],
      [accounts.viewer, BROWSE_ONLY],
      [accounts.app, ALL],
    ]),
  },
];

/** The site's groups (a fixed catalogue, like issue types): every licensed user, and the implementation team. */
const groups: GroupDef[] = [
  { groupId: '6f1d2c3b-0000-4000-8000-00000000a001', name: 'jira-software-users', memberAccountIds: [...internal, accounts.viewer].map((a) => a.accountId) },
  { groupId: '6f1d2c3b-0000-4000-8000-00000000a002', name: 'outbound-implementation', memberAccountIds: internal.map((a) => a.accountId) },
  // Jira's global permission ADMINISTER is granted to groups; Olga (operations, who owns the playbook) administers
  // the site, everyone else is not a Jira admin.
  { groupId: '6f1d2c3b-0000-4000-8000-00000000a003', name: 'jira-administrators', memberAccountIds: [accounts.opm.accountId] },
];

/** Global permissions → the groups they are granted to (Jira: Settings → System → Global permissions). */
const globalGrants: Record<string, string[]> = { ADMINISTER: ['jira-administrators'] };

/** The demo site's sign-ins and projects (credentials for `npm run jira`, the local host and tests). */
export const DEMO_SITE = {
  cloudId: 'a5b1c0de-0000-4000-8000-00000000c10d',
  accounts,
  /** Every account, app included, in a stable order. */
  accountList: Object.values(accounts) as Account[],
  projects,
  groups,
  globalGrants,
  /** The project plans are generated into; every internal user holds every permission there. */
  projectKey: 'OUT',
  /** SA can browse but not create here. */
  restrictedProjectKey: 'SAND',
} as const;
