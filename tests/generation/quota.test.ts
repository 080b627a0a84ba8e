/**
 * Jira's hourly points quota mid-generation (issue 22): the stand-in answers 429 with `RateLimit-Reason:
 * jira-quota-tenant-based` and a Retry-After to the top of the hour. Generation stops at once with the typed error
 * (no waiting inside the invocation), releases its lease, and the next call, once the quota is back, finishes
 * the plan: every step exactly once.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildPlan } from '../../src/core';
import { JiraQuotaExhaustedError, type JiraRequestFn } from '../../src/jira';
import { createFileLedger } from '../../src/storage';
import { driveToCompletion, generatePlan } from '../../src/usecases/generate';
import { adapterAs, demoKickoff, planInStore, startGenerationStandIn, type GenerationStandIn } from './stand-in';

let standIn: GenerationStandIn;
let ledgerDir: string;
beforeAll(async () => {
  standIn = await startGenerationStandIn({ burstPerSecond: null });
  ledgerDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gen-quota-'));
});
afterAll(async () => {
  await standIn.close();
  fs.rmSync(ledgerDir, { recursive: true, force: true });
});

test('a quota 429 mid-generation ends the call with JiraQuotaExhaustedError; the next call resumes and creates each step once', async () => {
  const kickoff = demoKickoff({ biller: 'Quota biller', page: { id: 'quota-1', url: 'https://example.atlassian.net/wiki/pages/quota-1' } });
  const plan = buildPlan(kickoff);
  const ledger = createFileLedger({ directory: ledgerDir });
  const requests: { status: number; reason: string | null; retryAfter: string | null }[] = [];
  const sleeps: number[] = [];
  // After the 12th request the site's hourly quota is spent: every answer is the quota's 429.
  const spendQuotaAfter12 =
    (fn: JiraRequestFn): JiraRequestFn =>
    async (route, init) => {
      if (requests.length === 12) standIn.transport.setFaults({ rate429: 1, rateLimitReason: 'jira-quota-tenant-based' });
      const response = await fn(route, init);
      requests.push({ status: response.status, reason: response.headers.get('ratelimit-reason'), retryAfter: response.headers.get('retry-after') });
      return response;
    };
  const options = { retryAfterMs: 5, linkWavePauseMs: 1 };
  const first = adapterAs(standIn, 'sa', { sleep: async (ms) => void sleeps.push(ms) }, spendQuotaAfter12);
  const stopped = await driveToCompletion(() => generatePlan({ jira: first, ledger, owner: 'first', options }, { kickoff }), { maxCalls: 50 }).catch(
    (e: unknown) => e,
  );
  expect(stopped).toBeInstanceOf(JiraQuotaExhaustedError);
  const quota429s = requests.filter((r) => r.status === 429);
  // Quota answers with Jira's headers (the calls already in flight in a wave each get one); none is waited out.
  expect(quota429s.length).toBeGreaterThan(0);
  for (const answer of quota429s) {
    expect(answer.reason).toBe('jira-quota-tenant-based');
    expect(Number(answer.retryAfter)).toBeGreaterThan(0);
    expect(Number(answer.retryAfter)).toBeLessThanOrEqual(3600);
  }
  expect(sleeps).toEqual([]);
  expect(planInStore(standIn.site, plan.planId).epics.length).toBeLessThanOrEqual(1);

  // The quota is back (the top of the hour): the next call picks up where the first stopped.
  standIn.transport.setFaults({ rate429: 0, rateLimitReason: 'jira-burst-based' });
  const second = adapterAs(standIn, 'sa');
  const done = await driveToCompletion(() => generatePlan({ jira: second, ledger, owner: 'second', options }, { kickoff }), { maxCalls: 50 });
  expect(done.state).toBe('done');
  const stored = planInStore(standIn.site, plan.planId);
  expect(stored.epics).toHaveLength(1);
  for (const step of plan.steps) expect([step.number, (stored.steps.get(step.number) ?? []).length]).toEqual([step.number, 1]);
}, 120_000);
