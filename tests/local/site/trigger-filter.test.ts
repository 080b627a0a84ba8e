/** Forge trigger filters as the local site applies them: the subset of Jira expressions our manifest uses. */
import fc from 'fast-check';
import { join } from 'node:path';
import { loadAppManifest } from '../../../src/local/site/manifest';
import { compileTriggerFilter, FilterExpressionError, parseFilterExpression } from '../../../src/local/site/trigger-filter';

const APP = 'app-account';
const event = (fields: Record<string, unknown>, atlassianId = 'user-1') => ({
  eventType: 'avi:jira:updated:issue',
  atlassianId,
  issue: { id: '1', key: 'OUT-1', fields },
});
const accepts = (expression: string, e: Record<string, unknown>, onError?: 'RECEIVE' | 'IGNORE') =>
  compileTriggerFilter({ expression, ...(onError ? { onError } : {}) }, APP)(e).deliver;

describe('trigger filter expressions', () => {
  it.each<[string, Record<string, unknown>, boolean]>([
    ["event.issue.fields?.labels?.includes('outbound-playbook') == true", { labels: ['x', 'outbound-playbook'] }, true],
    ["event.issue.fields?.labels?.includes('outbound-playbook') == true", { labels: ['x'] }, false],
    // No labels in the payload: `?.` gives null, and null == true is false.
    ["event.issue.fields?.labels?.includes('outbound-playbook') == true", {}, false],
    [
      'event.issue.fields?.issuetype?.name == \'Epic\' && event.issue.fields?.project?.key != "SAND"',
      { issuetype: { name: 'Epic' }, project: { key: 'OUT' } },
      true,
    ],
    ["event.issue.fields?.issuetype?.name == 'Epic' || !(event.issue.fields?.summary == 'a')", { summary: 'a' }, false],
    ['event.issue.fields?.summary?.includes("Plan")', { summary: 'Plan OUT' }, true],
  ])('%s on %j → %s', (expression, fields, expected) => {
    expect(accepts(expression, event(fields))).toBe(expected);
  });

  it('an evaluation error follows onError (default: ignore)', () => {
    const throwing = 'event.issue.fields.labels.includes(1) == true';
    expect(accepts(throwing, event({}))).toBe(false);
    expect(accepts(throwing, event({}), 'RECEIVE')).toBe(true);
    expect(compileTriggerFilter({ expression: throwing }, APP)(event({})).log).toMatch(/Cannot call includes\(\) on null|Cannot read labels of null/);
  });

  it('refuses syntax it cannot evaluate when the manifest is read, never passing it silently', () => {
    for (const unsupported of ['event.issue.fields.labels.map(l => l)', 'event.issue.key > 1', 'event.issue[0]', 'event.issue.fields.summary.match("a")']) {
      expect(() => parseFilterExpression(unsupported)).toThrow(FilterExpressionError);
    }
  });

  it('ignoreSelf drops only what the app itself did', () => {
    const filter = compileTriggerFilter({ ignoreSelf: true }, APP);
    expect(filter(event({}, APP)).deliver).toBe(false);
    expect(filter(event({}, 'user-1')).deliver).toBe(true);
  });

  it('for any labels, the manifest filter lets an event through exactly when the playbook label is there and a user made the change', () => {
    const trigger = loadAppManifest(join(__dirname, '../../../manifest.yml')).triggers.find((t) => t.key === 'plan-roll-up')!;
    expect(trigger.filter).toMatchObject({ ignoreSelf: true, expression: expect.any(String) });
    const filter = compileTriggerFilter(trigger.filter, APP);
    fc.assert(
      fc.property(fc.array(fc.constantFrom('outbound-playbook', 'outbound', 'playbook', 'Outbound-Playbook', 'x')), fc.boolean(), (labels, byApp) => {
        expect(filter(event({ labels }, byApp ? APP : 'user-1')).deliver).toBe(labels.includes('outbound-playbook') && !byApp);
      }),
    );
  });
});
