/** The app's own JQL builders (src/core/jql.ts) must parse, compile and match on the stand-in. */
import { overdueStepsJql, phaseAcrossPlansJql, planIssuesJql, planPhaseJql, plansJql } from '../../../src/core/jql';
import { PLAYBOOK_PROPERTY_KEY, SEARCHABLE_FIELDS } from '../../../src/core/fields';
import { compileJql, type JqlEnv, parseJql } from '../../../src/local/jira/jql';
import { ENV, ISSUES, NOW } from './fixtures';
import type { JqlIssue } from '../../../src/local/jira/jql';

const env: JqlEnv = {
  ...ENV,
  aliases: SEARCHABLE_FIELDS.map((f) => ({ alias: f.alias, propertyKey: PLAYBOOK_PROPERTY_KEY, path: f.path, type: f.type })),
  knownProjects: ['OUT', 'OPS'],
};
const keys = (jql: string) =>
  ISSUES.filter(compileJql(parseJql(jql), env).matches)
    .map((issue) => issue.key)
    .sort();

describe("the app's JQL on the stand-in", () => {
  it.each([
    [planIssuesJql('p1'), ['OUT-1', 'OUT-10', 'OUT-2', 'OUT-3']],
    [planPhaseJql('p1', 'Design'), ['OUT-2']],
    [phaseAcrossPlansJql('Build', 'OUT'), ['OUT-3']],
    // due before today (2026-03-10) and not done
    [overdueStepsJql({ planId: 'p1', projectKey: 'OUT' }), ['OUT-2']],
    [plansJql('OUT', { overdue: true }), ['OUT-1']],
    [plansJql('OUT', { overdue: false }), []],
    [planIssuesJql('p"1\\ \n'), []],
  ])('%s', (jql, expected) => {
    expect(keys(jql)).toEqual(expected);
  });
});

describe('the forecast roll-up aliases on the stand-in', () => {
  const epic = (n: number, rollup: Record<string, unknown>): JqlIssue => ({
    id: String(30000 + n),
    key: `OUT-${100 + n}`,
    projectId: '10100',
    projectKey: 'OUT',
    issueType: 'Epic',
    status: 'In Progress',
    statusCategory: 'indeterminate',
    parentKey: null,
    labels: ['outbound-playbook'],
    assigneeAccountId: null,
    reporterAccountId: 'acc-sa',
    summary: `Plan ${n}`,
    dueDate: null,
    created: '2026-03-01T09:00:00.000Z',
    updated: '2026-03-01T09:00:00.000Z',
    properties: { [PLAYBOOK_PROPERTY_KEY]: { kind: 'plan', planId: `p${n}`, ...rollup } },
    customFields: {},
  });
  const plans = [
    epic(1, { health: 'late', slipBusinessDays: 3, forecastGoLive: '2026-06-12' }),
    epic(2, { health: 'at-risk', slipBusinessDays: 1, forecastGoLive: '2026-05-29' }),
    epic(3, { health: 'on-track', slipBusinessDays: 0, forecastGoLive: '2026-05-28' }),
    epic(4, { health: 'late', slipBusinessDays: 0, forecastGoLive: '2026-03-10' }),
    epic(5, {}), // never rolled up: no forecast yet
  ];
  const found = (jql: string) => [...ISSUES, ...plans].filter(compileJql(parseJql(jql), { ...env, now: NOW }).matches).map((i) => i.key);

  it.each([
    ['playbookHealth = "late"', ['OUT-101', 'OUT-104']],
    ['playbookHealth = late', ['OUT-101', 'OUT-104']],
    ['playbookHealth in ("at-risk", "late") ORDER BY key', ['OUT-101', 'OUT-102', 'OUT-104']],
    ['playbookHealth != "on-track"', ['OUT-101', 'OUT-102', 'OUT-104']],
    ['playbookHealth is EMPTY AND playbookKind = plan', ['OUT-1', 'OUT-105']],
    [plansJql('OUT', { health: 'late' }), ['OUT-101', 'OUT-104']],
    [plansJql('OUT', { health: 'on-track', overdue: false }), []],
    ['playbookSlip > 0', ['OUT-101', 'OUT-102']],
    ['playbookSlip >= 3', ['OUT-101']],
    ['playbookForecastGoLive > "2026-05-28"', ['OUT-101', 'OUT-102']],
    ['playbookForecastGoLive = "2026-05-28"', ['OUT-103']],
    ['playbookForecastGoLive <= now()', ['OUT-104']],
    ['playbookForecastGoLive < "2026/05/29"', ['OUT-103', 'OUT-104']],
    ['playbookForecastGoLive >= startOfDay("+60d")', ['OUT-101', 'OUT-102', 'OUT-103']],
  ])('%s', (jql, expected) => {
    expect(found(jql).sort()).toEqual([...expected].sort());
  });

  it('declares the aliases with their types from the one source of truth', () => {
    expect(
      env.aliases
        .filter((a) => a.alias.startsWith('playbook') && ['health', 'slipBusinessDays', 'forecastGoLive'].includes(a.path))
        .map((a) => [a.alias, a.type]),
    ).toEqual([
      ['playbookHealth', 'string'],
      ['playbookSlip', 'number'],
      ['playbookForecastGoLive', 'date'],
    ]);
    expect(() => found('playbookSlip > "a lot"')).toThrow();
    expect(() => found('playbookForecastGoLive > "someday"')).toThrow();
  });
});
