import type { JqlEnv, JqlIssue } from '../../../src/local/jira/jql';

/** Tuesday 2026-03-10 15:30 UTC; the week (Sunday start) began 2026-03-08. */
export const NOW = new Date('2026-03-10T15:30:00.000Z');

const PROPERTY = 'outbound-playbook';

function issue(partial: Partial<JqlIssue> & Pick<JqlIssue, 'id' | 'key' | 'summary' | 'created'>): JqlIssue {
  const projectKey = partial.key.split('-')[0];
  return {
    projectId: projectKey === 'OUT' ? '10100' : '10200',
    projectKey,
    issueType: 'Task',
    status: 'To Do',
    statusCategory: 'new',
    parentKey: null,
    labels: [],
    assigneeAccountId: null,
    reporterAccountId: 'acc-sa',
    dueDate: null,
    updated: partial.created,
    properties: {},
    customFields: {},
    ...partial,
  };
}

export const ISSUES: JqlIssue[] = [
  issue({
    id: '10001',
    key: 'OUT-1',
    issueType: 'Epic',
    summary: 'Outbound plan ACME',
    labels: ['outbound-playbook'],
    assigneeAccountId: 'acc-sa',
    created: '2026-03-01T09:00:00.000Z',
    updated: '2026-03-10T15:00:00.000Z',
    properties: { [PROPERTY]: { kind: 'plan', planId: 'p1', status: 'active', overdue: 2 } },
  }),
  issue({
    id: '10002',
    key: 'OUT-2',
    summary: 'Design payment flow',
    status: 'In Progress',
    statusCategory: 'indeterminate',
    parentKey: 'OUT-1',
    labels: ['design', 'urgent'],
    assigneeAccountId: 'acc-ba',
    reporterAccountId: 'acc-pm',
    dueDate: '2026-03-09',
    created: '2026-03-02T10:00:00.000Z',
    properties: {
      [PROPERTY]: { kind: 'step', planId: 'p1', step: 3, phase: 'Design', raci: { responsible: ['SA', 'BA'], accountable: 'SA', consulted: ['PM'] } },
    },
    customFields: { customfield_10100: 'Design' },
  }),
  issue({
    id: '10003',
    key: 'OUT-3',
    summary: 'Build connectors',
    status: 'Done',
    statusCategory: 'done',
    parentKey: 'OUT-1',
    dueDate: '2026-03-10',
    created: '2026-03-03T23:59:59.000Z',
    properties: { [PROPERTY]: { kind: 'step', planId: 'p1', step: 4, phase: 'Build', raci: { responsible: ['DEV'], accountable: 'SA' } } },
    customFields: { customfield_10100: 'Build' },
  }),
  issue({
    id: '10004',
    key: 'OUT-4',
    issueType: 'Subtask',
    summary: 'Review design, sign-off',
    parentKey: 'OUT-2',
    labels: ['design', 'a b', 'x"y', 'café'],
    assigneeAccountId: 'acc-sa',
    dueDate: '2026-03-11',
    created: '2026-03-04T00:00:00.000Z',
  }),
  issue({
    id: '10010',
    key: 'OUT-10',
    summary: 'Test payments end to end',
    status: 'In Progress',
    statusCategory: 'indeterminate',
    parentKey: 'OUT-1',
    assigneeAccountId: 'acc-qa',
    dueDate: '2026-03-20',
    created: '2026-03-09T08:00:00.000Z',
    updated: '2026-03-10T15:00:00.000Z',
    properties: { [PROPERTY]: { kind: 'step', planId: 'p1', step: 12, phase: 'Test', raci: { responsible: ['QA', 'SA'] } } },
    customFields: { customfield_10100: 'Test' },
  }),
  issue({
    id: '20001',
    key: 'OPS-1',
    summary: 'Unrelated ops work',
    status: 'Done',
    statusCategory: 'done',
    labels: ['ops'],
    assigneeAccountId: 'acc-pm',
    created: '2026-02-01T12:00:00.000Z',
  }),
];

export const ENV: JqlEnv = {
  now: NOW,
  currentAccountId: 'acc-sa',
  aliases: [
    { alias: 'playbookKind', propertyKey: PROPERTY, path: 'kind', type: 'string' },
    { alias: 'playbookStep', propertyKey: PROPERTY, path: 'step', type: 'number' },
    { alias: 'playbookPhase', propertyKey: PROPERTY, path: 'phase', type: 'string' },
    { alias: 'playbookResponsible', propertyKey: PROPERTY, path: 'raci.responsible', type: 'string' },
    { alias: 'playbookAccountable', propertyKey: PROPERTY, path: 'raci.accountable', type: 'string' },
    { alias: 'playbookOverdue', propertyKey: PROPERTY, path: 'overdue', type: 'number' },
  ],
  customFields: [
    { id: 'customfield_10100', name: 'Phase', type: 'string' },
    { id: 'customfield_10101', name: 'RACI', type: 'string' },
  ],
};
