/**
 * The reminder job against the real Jira stand-in (HTTP, strict contract checks): a generated plan, the job
 * run day after day as the app, every rule reaching the stand-in's outbox once; a re-run the same day sends
 * nothing; 429s, 5xx and dropped responses never produce a second e-mail; a job killed between claiming and
 * confirming never sends twice.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildPlan, type Plan } from '../../../src/core';
import type { JiraRequestFn } from '../../../src/jira';
import { DEMO_SITE } from '../../../src/local/jira/testing';
import { createFileLedger, createFileNotificationLedger, type NotificationLedger } from '../../../src/storage';
import { driveToCompletion, generatePlan } from '../../../src/usecases/generate';
import { PENDING_IN_FLIGHT_MS, runReminders, type RemindResult } from '../../../src/usecases/remind';
import { Killed } from '../../generation/kill-switch';
import { adapterAs, demoKickoff, planInStore, startGenerationStandIn, type GenerationStandIn } from '../../generation/stand-in';

const SITE_URL = 'https://outbound.example.net';
let standIn: GenerationStandIn;
let dir: string;
let serial = 0;

beforeAll(async () => {
  standIn = await startGenerationStandIn({ burstPerSecond: null });
});
afterAll(async () => {
  expect(standIn.transport.violations()).toEqual([]);
  await standIn.close();
});
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'remind-'));
  standIn.transport.setFaults({ rate429: 0, rate5xx: 0, rateCommitThenDrop: 0 });
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const id = (user: keyof typeof DEMO_SITE.accounts) => DEMO_SITE.accounts[user].accountId;

/** A fresh plan (kickoff 2026-12-01: step 1 due 12-02, step 2 due 12-04, step 3 due 12-08) in its own project-wide world. */
async function generated(): Promise<{ plan: Plan; keys: Map<number, string>; epicKey: string }> {
  serial += 1;
  const kickoff = demoKickoff({ biller: `Remind ${serial}`, page: { id: `remind-${serial}`, url: `https://example.atlassian.net/wiki/remind-${serial}` } });
  const ledger = createFileLedger({ directory: path.join(dir, 'plans') });
  await driveToCompletion(() => generatePlan({ jira: adapterAs(standIn, 'sa'), ledger, options: { retryAfterMs: 10 } }, { kickoff }), { maxCalls: 50 });
  const plan = buildPlan(kickoff);
  const stored = planInStore(standIn.site, plan.planId);
  return { plan, keys: new Map([...stored.steps].map(([n, issues]) => [n, issues[0].key])), epicKey: stored.epics[0].key };
}

/** Only this plan's part of the result (earlier tests' plans live in the same project). */
const ofPlan = (result: RemindResult, planId: string) => ({
  sent: result.sent.filter((s) => s.planId === planId).map((s) => `${s.step ?? 'epic'}:${s.rule}>${s.to.join(',')}`),
  skipped: result.skipped.filter((s) => s.planId === planId),
});

function complete(issueKey: string): void {
  const issue = standIn.site.store.issue(issueKey)!;
  standIn.site.store.updateIssue({ ...issue, statusId: '10002' });
}

const outboxFor = (keys: string[]) => standIn.site.store.outbox().filter((e) => keys.includes(e.issueKey));

function job(ledger: NotificationLedger, options: { now?: () => number; wrap?: (fn: JiraRequestFn) => JiraRequestFn; concurrency?: number } = {}) {
  return (today: string, dryRun = false) =>
    runReminders(
      { jira: adapterAs(standIn, 'app', { maxAttempts: 6 }, options.wrap), ledger, siteUrl: SITE_URL, now: options.now, concurrency: options.concurrency },
      { projectKey: 'OUT', today, dryRun },
    );
}

it('every rule fires once per occurrence, day after day; a re-run the same day sends nothing', async () => {
  const { plan, keys, epicKey } = await generated();
  const issueKeys = [epicKey, ...keys.values()];
  const run = job(createFileNotificationLedger({ directory: path.join(dir, 'notified') }));

  const dry = ofPlan(await run('2026-12-01', true), plan.planId);
  expect(dry.sent).toEqual([`1:due-soon>${id('sa')}`, `1:input-needed>${id('pm')}`]);
  expect(outboxFor(issueKeys)).toEqual([]);

  const day1 = await run('2026-12-01');
  // One search, then the two notify calls in parallel.
  expect({ requests: day1.requests, roundTrips: day1.roundTrips }).toEqual({ requests: 3, roundTrips: 2 });
  expect(ofPlan(day1, plan.planId).sent).toEqual(dry.sent);
  const mails = outboxFor(issueKeys);
  expect(mails.map((m) => [m.issueKey, m.to])).toEqual([
    [keys.get(1), [id('sa')]],
    [keys.get(1), [id('pm')]],
  ]);
  expect(mails[0].subject).toContain(plan.title);
  expect(mails[0].textBody).toContain('2026-12-02');
  expect(mails[0].textBody).toContain(`${SITE_URL}/browse/${keys.get(1)}`);
  expect(mails[0].senderAccountId).toBe(standIn.site.appAccountId);

  const again = await run('2026-12-01');
  expect(ofPlan(again, plan.planId).sent).toEqual([]);
  expect(again.alreadySent).toBeGreaterThanOrEqual(2);
  expect(outboxFor(issueKeys)).toHaveLength(2);

  expect(ofPlan(await run('2026-12-05'), plan.planId).sent).toEqual([]); // Saturday
  complete(keys.get(1)!);
  expect(ofPlan(await run('2026-12-07'), plan.planId).sent).toEqual([`2:overdue>${id('sa')}`, `2:input-needed>${id('pm')}`, `3:due-soon>${id('sa')}`]);
  expect(ofPlan(await run('2026-12-08'), plan.planId).sent).toEqual([]);
  expect(ofPlan(await run('2026-12-09'), plan.planId).sent).toEqual([`2:escalation>${id('sa')}`, `3:overdue>${id('sa')}`, `4:due-soon>${id('sa')}`]);
  complete(keys.get(2)!);
  complete(keys.get(3)!);
  const phaseDone = ofPlan(await run('2026-12-10'), plan.planId).sent;
  expect(phaseDone).toContain(`epic:phase-done>${id('im')}`);
  expect(outboxFor([epicKey])).toEqual([expect.objectContaining({ to: [id('im')], subject: expect.stringContaining('Phase Discovery is done') })]);
  expect(ofPlan(await run('2026-12-10'), plan.planId).sent).toEqual([]);
  // No mail went out twice.
  const sentMails = outboxFor(issueKeys).map((m) => `${m.issueKey}|${m.subject}|${m.textBody}|${m.to.join(',')}`);
  expect(new Set(sentMails).size).toBe(sentMails.length);
});

it('under 429s, 5xx and dropped responses no e-mail goes out twice; lost outcomes are reported, not resent', async () => {
  const { plan, keys, epicKey } = await generated();
  const issueKeys = [epicKey, ...keys.values()];
  const ledger = createFileNotificationLedger({ directory: path.join(dir, 'notified') });
  const run = job(ledger);
  const days = ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-14'];
  const reported: RemindResult[] = [];
  standIn.transport.setFaults({ seed: 13, rate429: 0.3, rate5xx: 0.15, rateCommitThenDrop: 0.15, dropStyle: 'reset', retryAfterSeconds: 0.002 });
  for (const today of days) {
    // Each day twice: the second run must find everything settled.
    for (let i = 0; i < 2; i += 1) {
      try {
        reported.push(await run(today));
      } catch {
        // The search itself can fail after its retries; the day's next run catches up.
      }
    }
  }
  standIn.transport.setFaults({ rate429: 0, rate5xx: 0, rateCommitThenDrop: 0 });
  for (const today of days) reported.push(await run(today));
  const mails = outboxFor(issueKeys).map((m) => `${m.issueKey}|${m.subject}|${m.textBody}|${m.to.join(',')}`);
  expect(new Set(mails).size).toBe(mails.length);
  const sent = reported.flatMap((r) => r.sent.filter((s) => s.planId === plan.planId));
  const lost = reported.flatMap((r) => ofPlan(r, plan.planId).skipped.filter((s) => /not resent/.test(s.reason)));
  expect(new Set(sent.map((s) => s.key)).size).toBe(sent.length);
  // Everything reported sent is in the outbox; the outbox holds nothing beyond sent + lost-outcome attempts.
  expect(mails.length).toBeGreaterThanOrEqual(sent.length);
  expect(mails.length).toBeLessThanOrEqual(sent.length + lost.length);
  for (const s of sent) expect((await ledger.read(s.key))?.state).toBe('sent');
  expect(sent.length + lost.length).toBeGreaterThan(0);
  const faulted = standIn.transport.log.entries().filter((e) => e.operationId === 'notify' && e.outcome !== 'handled');
  expect(faulted.length).toBeGreaterThan(0);
}, 60_000);

describe('a job killed between claiming and confirming', () => {
  /**
   * The process dies at the first claim: right after writing it (the notify never leaves), or right after Jira
   * queued the e-mail (before the ledger says sent). Every ledger call after that throws, as in a dead process.
   */
  function killing(ledger: NotificationLedger, afterNotify: boolean): NotificationLedger {
    let dead = false;
    const guard = () => {
      if (dead) throw new Killed();
    };
    return {
      read: async (key) => (guard(), ledger.read(key)),
      claim: async (claim) => {
        guard();
        const existing = await ledger.claim(claim);
        if (!existing && !afterNotify) {
          dead = true;
          throw new Killed();
        }
        return existing;
      },
      settle: async () => {
        guard();
        dead = true;
        throw new Killed();
      },
      release: async (key) => (guard(), ledger.release(key)),
    };
  }

  it.each([
    ['after Jira queued the e-mail', true, 1],
    ['before the request left', false, 0],
  ])(
    '%s: the next runs never resend it (at most once) and report it once resolved',
    async (_name, afterNotify, mailed) => {
      await generated();
      let now = Date.parse('2026-12-01T07:00:00Z');
      const ledger = createFileNotificationLedger({ directory: path.join(dir, 'notified'), now: () => now });
      const before = standIn.site.store.outbox().length;
      await expect(job(killing(ledger, afterNotify), { now: () => now, concurrency: 1 })('2026-12-01')).rejects.toThrow(Killed);
      expect(standIn.site.store.outbox().length - before).toBe(mailed);
      const run = job(ledger, { now: () => now, concurrency: 1 });
      now += 60_000;
      const soon = await run('2026-12-01');
      const held = soon.skipped.filter((s) => s.reason === 'another run is sending it right now');
      expect(held).toHaveLength(1);
      now += PENDING_IN_FLIGHT_MS;
      const later = await run('2026-12-01');
      expect(later.skipped.filter((s) => s.key === held[0].key).map((s) => s.reason)).toEqual([expect.stringContaining('not resent')]);
      const last = await run('2026-12-01');
      expect(last.sent).toEqual([]);
      const sentLater = [soon, later, last].flatMap((r) => r.sent);
      expect(sentLater.map((s) => s.key)).not.toContain(held[0].key);
      // The outbox holds the killed attempt (if Jira got it) and what the later runs sent: nothing twice.
      expect(standIn.site.store.outbox().length - before).toBe(mailed + sentLater.length);
      expect((await ledger.read(held[0].key))?.state).toBe('unknown');
    },
    30_000,
  );
});
