/** Contract constants with no schema library attached (UIs import these without pulling in zod). */
import { CAPABILITY_CODES, PLAN_STATUSES, ROLE_CODES, type CapabilityCode, type PlanStatus, type RoleCode } from '../core/playbook/types';

export { ROLE_CODES, CAPABILITY_CODES, PLAN_STATUSES, type RoleCode, type CapabilityCode, type PlanStatus };
export { PLAN_HEALTHS, type PlanHealth } from '../core/forecast';

/** Roles held by people with a Jira account (picked with user search); the rest are named contacts. */
export const JIRA_USER_ROLES = ['SA', 'PM', 'IM', 'OPM'] as const satisfies readonly RoleCode[];
export const CONTACT_ROLES = ['B', 'CS', 'TC'] as const satisfies readonly RoleCode[];
/** Roles a kickoff may leave empty. */
export const OPTIONAL_ROLES = ['OPM', 'TC'] as const satisfies readonly RoleCode[];

/** What the portfolio's rows can be sorted by (the server sorts; ties break by biller, then epic key). */
export const PORTFOLIO_SORT_KEYS = ['biller', 'coreSystem', 'status', 'currentPhase', 'percentDone', 'overdue', 'owner', 'goLive', 'daysLate'] as const;
/** Rows per portfolio page: the default, and the most one call may ask for. */
export const PORTFOLIO_ROWS = { default: 50, max: 200 } as const;
