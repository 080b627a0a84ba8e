/** A fresh plan against the real stand-in (contract checks strict): what is written, and in how many round trips. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CUSTOM_FIELDS, PLAN_RECORD_PROPERTY_KEY, buildPlan } from '../../src/core';
import { createFileLedger } from '../../src/storage';
import { generatePlan, remoteLinkGlobalId } from '../../src/usecases/generate';
import { findAppField } from '../../src/usecases/generate/preflight';
import { requiredLinks } from '../../src/usecases/generate/reconcile';
import { DEMO_SITE } from '../../src/local/jira/testing';
import { adapterAs, demoKickoff, planInStore, startGenerationStandIn, type GenerationStandIn } from './stand-in';

let standIn: GenerationStandIn;
let ledgerDir: string;

beforeEach(async () => {
  // Network-like latency: requests sent together overlap in the stand-in's log as on a real network. The stand-in shares this
  // process, so its own CPU time spreads the arrivals of requests sent together; on a loaded CI machine that spread
  // reached ~100 ms, so the latency is set well above it.
  standIn = await startGenerationStandIn({ faults: { latencyMs: { fixed: 600, jitter: 0 } } });
  ledgerDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gen-ledger-'));
});
afterEach(async () => {
  await standIn.close();
  fs.rmSync(ledgerDir, { recursive: true, force: true });
});

describe('generating a fresh 25-step plan', () => {
  it('creates exactly the applicable steps with links, properties, fields and the remote link in 4 sequential round trips', async () => {
    // Warm-up on another plan: the stand-in compiles each operation's contract validator on first use, which
    // would spread the arrivals of requests sent together by more than the latency.
    await generatePlan(
      { jira: adapterAs(standIn, 'sa'), ledger: createFileLedger({ directory: ledgerDir }) },
      { kickoff: demoKickoff({ biller: 'Warm-up biller', page: undefined }) },
    );
    standIn.transport.log.reset();

    const kickoff = demoKickoff();
    const plan = buildPlan(kickoff);
    const jira = adapterAs(standIn, 'sa');
    const result = await generatePlan({ jira, ledger: createFileLedger({ directory: ledgerDir }) }, { kickoff });

    const summaryAfterGenerate = standIn.transport.log.summary();
    expect(result.state).toBe('done');
    expect(result.total).toBe(25);
    expect(result.completed).toBe(25);
    expect(result.created).toHaveLength(26);
    expect(result.existing).toEqual([]);

    const stored = planInStore(standIn.site, plan.planId);
    expect(stored.epics).toHaveLength(1);
    expect(stored.epics[0].key).toBe(result.epicKey);
    expect([...stored.steps.keys()].sort((a, b) => a - b)).toEqual(plan.steps.map((s) => s.number));
    for (const issues of stored.steps.values()) {
      expect(issues).toHaveLength(1);
      expect(issues[0].parentId).toBe(stored.epics[0].id);
    }
    expect(stored.links).toEqual([...requiredLinks({ steps: plan.steps })].sort());
    expect(stored.links.length).toBeGreaterThan(20);
    expect(stored.remoteLinks).toEqual([{ globalId: remoteLinkGlobalId(plan.kickoff.page!), url: plan.kickoff.page!.url }]);

    // Step issues: assignee, due date and the Phase/RACI values (set by the app) of every step.
    const fields = await jira.getFields();
    const phaseId = findAppField(fields, CUSTOM_FIELDS.phase.moduleKey)!;
    const raciId = findAppField(fields, CUSTOM_FIELDS.raci.moduleKey)!;
    for (const step of plan.steps) {
      const issue = standIn.site.store.issue(stored.steps.get(step.number)![0].id)!;
      expect([issue.assigneeAccountId, issue.dueDate]).toEqual([step.assignee.accountId, step.due]);
      // The summary names the plan by its biller, so steps of different plans tell apart in search results.
      expect(issue.summary).toBe(`${step.number}. ${step.title} — Texas Mutual Insurance`);
      expect(issue.customFields).toEqual({ [phaseId]: step.phase, [raciId]: step.raciText });
    }

    // Watchers: each step's Consulted and Informed people who are Jira users (plus its creator, who watches
    // what they create, as Jira's default preference has it); external parties (e-mail only) stay contacts.
    let watcherAdds = 0;
    for (const step of plan.steps) {
      const issue = stored.steps.get(step.number)![0];
      const expected = [...step.people.consulted, ...step.people.informed].flatMap((p) => (p.accountId ? [p.accountId] : []));
      watcherAdds += new Set(expected).size;
      expect([step.number, standIn.site.store.watchers(issue.id).sort()]).toEqual([
        step.number,
        [...new Set([...expected, DEMO_SITE.accounts.sa.accountId])].sort(),
      ]);
    }
    expect(watcherAdds).toBeGreaterThan(20);
    const adds = standIn.transport.log.entries().filter((e) => e.operationId === 'addWatcher');
    expect(adds).toHaveLength(watcherAdds);
    expect(new Set(adds.map((e) => e.actor))).toEqual(new Set([DEMO_SITE.accounts.sa.accountId]));
    expect(adds.every((e) => e.status === 204)).toBe(true);

    // The plan record on the epic says done and maps every step to its issue.
    const epic = standIn.site.store.issue(stored.epics[0].id)!;
    const record = epic.properties[PLAN_RECORD_PROPERTY_KEY] as { generation: { state: string; steps: Record<string, string> } };
    expect(record.generation.state).toBe('done');
    expect(Object.keys(record.generation.steps)).toHaveLength(25);

    // Round trips from the stand-in's own request log, not from our counting.
    const summary = summaryAfterGenerate;
    expect(summary.roundTrips).toBeLessThanOrEqual(4);
    expect(summary.requests).toBe(result.requests);
    expect(result.roundTrips).toBe(summary.roundTrips);
    expect(standIn.transport.violations()).toEqual([]);
  });
});
