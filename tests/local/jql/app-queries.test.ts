/** The app's own JQL builders (src/core/jql.ts) must parse, compile and match on the stand-in. */
import { overdueStepsJql, phaseAcrossPlansJql, planIssuesJql, planPhaseJql, plansJql } from '../../../src/core/jql';
import { PLAYBOOK_PROPERTY_KEY, SEARCHABLE_FIELDS } from '../../../src/core/fields';
import { compileJql, type JqlEnv, parseJql } from '../../../src/local/jira/jql';
import { ENV, ISSUES } from './fixtures';

const env: JqlEnv = {
  ...ENV,
  aliases: SEARCHABLE_FIELDS.map((f) => ({ alias: f.alias, propertyKey: PLAYBOOK_PROPERTY_KEY, path: f.path, type: f.type })),
  knownProjects: ['OUT', 'OPS'],
};
const keys = (jql: string) => ISSUES.filter(compileJql(parseJql(jql), env).matches).map((issue) => issue.key).sort();

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
