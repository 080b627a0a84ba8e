/**
 * Seeded fault runs of the reminders job on the real stand-in (strict contract checks), day after day over
 * three weeks of a plan with a holiday: 429 storms, 5xx, commit-then-drop (504 or a reset connection), a process
 * killed between any two Jira calls (the request at the kill point sent or not), days the job was down, and
 * every day run again after the faulty runs. Checked against Jira's outbox and the ledger:
 * - nothing is e-mailed on a weekend or a plan holiday;
 * - no occurrence is e-mailed twice: per issue and rule, e-mails ≤ ledger entries, and every entry marked sent
 *   has its e-mail (so what the job reports sent was sent);
 * - after each day's clean run nothing owed that day is left unclaimed (a dry run finds nothing to send);
 * - a run the same day after that sends 0.
 * Replay seeds with REMIND_FAULT_SEEDS=3,7.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildPlan, reminderRuleOf } from '../../../src/core';
import type { JiraRequestFn } from '../../../src/jira';
import { createFileLedger, createFileNotificationLedger, parseNotificationEntry, type NotificationEntry, type NotificationLedger } from '../../../src/storage';
import { driveToCompletion, generatePlan } from '../../../src/usecases/generate';
import { OUT_OF_TIME, runReminders } from '../../../src/usecases/remind';
import { Killed, killSwitch } from '../../generation/kill-switch';
import { adapterAs, demoKickoff, planInStore, startGenerationStandIn, type GenerationStandIn } from '../../generation/stand-in';

const SEEDS = process.env.REMIND_FAULT_SEEDS ? process.env.REMIND_FAULT_SEEDS.split(',').map(Number) : [1, 2, 3, 4];
const HOLIDAY = '2026-12-03';
const DAYS = Array.from({ length: 22 }, (_, i) => new Date(Date.UTC(2026, 11, 1 + i)).toISOString().slice(0, 10));
const NON_BUSINESS = new Set([HOLIDAY, ...DAYS.filter((d) => [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()))]);

let standIn: GenerationStandIn;
let dir: string;

beforeAll(async () => {
  standIn = await startGenerationStandIn({ burstPerSecond: null });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'remind-faults-'));
});
afterAll(async () => {
  expect(standIn.transport.violations()).toEqual([]);
  await standIn.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function generated(name: string, overrides: Record<string, unknown> = {}) {
  const kickoff = demoKickoff({ biller: name, holidays: [HOLIDAY], page: { id: name, url: `https://example.atlassian.net/wiki/${name}` }, ...overrides });
  const ledger = createFileLedger({ directory: path.join(dir, `plans-${name}`) });
  await driveToCompletion(() => generatePlan({ jira: adapterAs(standIn, 'sa', { maxAttempts: 8 }), ledger, options: { retryAfterMs: 10 } }, { kickoff }), {
    maxCalls: 50,
  });
  const plan = buildPlan(kickoff);
  const stored = planInStore(standIn.site, plan.planId);
  return { plan, keys: new Map([...stored.steps].map(([n, issues]) => [n, issues[0].key])), epicKey: stored.epics[0].key };
}

/** The ledger, dead after the kill like the process that held it. */
function killable(ledger: NotificationLedger, isDead: () => boolean): NotificationLedger {
  const guard = () => {
    if (isDead()) throw new Killed();
  };
  return {
    read: async (key) => (guard(), ledger.read(key)),
    claim: async (claim) => (guard(), ledger.claim(claim)),
    settle: async (key, state) => (guard(), ledger.settle(key, state)),
    release: async (key) => (guard(), ledger.release(key)),
  };
}

const entriesIn = (directory: string): NotificationEntry[] =>
  fs.readdirSync(directory).flatMap((file) => {
    const entry = parseNotificationEntry(JSON.parse(fs.readFileSync(path.join(directory, file), 'utf8')));
    return entry ? [entry] : [];
  });

it.each(SEEDS)(
  'seed %i: under faults, kills and missed days each occurrence is e-mailed at most once, never on a non-business day',
  async (seed) => {
    const random = seeded(seed);
    const { plan, keys, epicKey } = await generated(`Faults ${seed}`);
    const issueKeys = new Set([epicKey, ...keys.values()]);
    const ledgerDir = path.join(dir, `notified-${seed}`);
    const ledger = createFileNotificationLedger({ directory: ledgerDir });
    const mails = () => standIn.site.store.outbox().filter((m) => issueKeys.has(m.issueKey));
    const complete = (step: number) => {
      const key = keys.get(step);
      const issue = key ? standIn.site.store.issue(key) : undefined;
      if (issue) standIn.site.store.updateIssue({ ...issue, statusId: '10002' });
    };
    const run = (today: string, options: { wrap?: (fn: JiraRequestFn) => JiraRequestFn; ledger?: NotificationLedger; dryRun?: boolean } = {}) =>
      runReminders(
        { jira: adapterAs(standIn, 'app', { maxAttempts: 6 }, options.wrap), ledger: options.ledger ?? ledger, siteUrl: 'https://outbound.example.net' },
        { projectKey: 'OUT', today, dryRun: options.dryRun },
      );

    let sentByJob = 0;
    for (const [index, today] of DAYS.entries()) {
      // The team works: Discovery is done in the second week (the I digest); step 4 stays late (the escalation).
      if (today === '2026-12-04') complete(1);
      if (today === '2026-12-09') [2, 3].forEach(complete);
      const down = index < DAYS.length - 1 && random() < 0.25;
      if (down) continue;
      const before = mails().length;
      standIn.transport.setFaults({
        seed: seed * 100 + index,
        rate429: random() < 0.3 ? 0.4 : random() * 0.1,
        rate5xx: random() * 0.12,
        rateCommitThenDrop: random() * 0.12,
        dropStyle: random() < 0.5 ? '504' : 'reset',
        retryAfterSeconds: 0.002,
      });
      // A first run killed after a few requests (or not), then another faulty run: failures are the job's to survive.
      const kill = random() < 0.6 ? killSwitch(1 + Math.floor(random() * 8), random() < 0.5) : null;
      for (const attempt of [0, 1]) {
        try {
          const result = await run(today, attempt === 0 && kill ? { wrap: kill.request, ledger: killable(ledger, () => kill.dead) } : {});
          sentByJob += result.sent.filter((s) => s.planId === plan.planId).length;
        } catch {
          // Killed, or Jira still failing after the retries: the day's next run goes on from the ledger.
        }
      }
      standIn.transport.setFaults({ rate429: 0, rate5xx: 0, rateCommitThenDrop: 0 });
      const clean = await run(today);
      sentByJob += clean.sent.filter((s) => s.planId === plan.planId).length;
      expect((await run(today, { dryRun: true })).sent.filter((s) => s.planId === plan.planId)).toEqual([]);
      expect((await run(today)).sent.filter((s) => s.planId === plan.planId)).toEqual([]);
      if (NON_BUSINESS.has(today)) expect({ today, mailed: mails().length - before }).toEqual({ today, mailed: 0 });
    }

    const entries = entriesIn(ledgerDir).filter((e) => e.key.startsWith(`${plan.planId}|`));
    const count = (list: { issueKey: string; rule: string }[]) =>
      list.reduce((m, x) => m.set(`${x.issueKey}|${x.rule}`, (m.get(`${x.issueKey}|${x.rule}`) ?? 0) + 1), new Map<string, number>());
    const mailed = count(mails().map((m) => ({ issueKey: m.issueKey, rule: reminderRuleOf(m.textBody ?? '') ?? 'none' })));
    const claimed = count(entries);
    const sentEntries = count(entries.filter((e) => e.state === 'sent'));
    for (const [where, n] of mailed) expect({ where, mailed: n }).toEqual({ where, mailed: Math.min(n, claimed.get(where) ?? 0) });
    for (const [where, n] of sentEntries) expect({ where, mailed: Math.max(n, mailed.get(where) ?? 0) }).toEqual({ where, mailed: mailed.get(where) ?? 0 });
    // A killed run reports nothing, though its other workers may have sent and settled before the kill.
    expect(sentByJob).toBeLessThanOrEqual(entries.filter((e) => e.state === 'sent').length);
    // Every rule fired, and the digest came once, on the epic.
    expect(new Set(entries.map((e) => e.rule))).toEqual(new Set(['due-soon', 'overdue', 'escalation', 'input-needed', 'phase-done']));
    expect(entries.filter((e) => e.rule === 'phase-done' && e.issueKey === epicKey).length).toBeGreaterThanOrEqual(1);
    const digests = mails().filter((m) => m.subject.includes('Phase Discovery is done'));
    const digestEntry = entries.find((e) => e.key === `${plan.planId}|plan|phase-done|Discovery`);
    expect(digests.length).toBe(digestEntry?.state === 'sent' ? 1 : Math.min(digests.length, 1));
  },
  120_000,
);

it("per-plan settings: a plan with reminders off gets nothing; N and M are the plan's own", async () => {
  const off = await generated('Settings off', { reminders: { enabled: false } });
  const tight = await generated('Settings tight', { reminders: { dueSoonDays: 0, escalateAfterDays: 1 } });
  const ledger = createFileNotificationLedger({ directory: path.join(dir, 'notified-settings') });
  const run = (today: string) =>
    runReminders({ jira: adapterAs(standIn, 'app'), ledger, siteUrl: 'https://outbound.example.net' }, { projectKey: 'OUT', today });
  const ofPlan = (r: Awaited<ReturnType<typeof run>>, planId: string) => r.sent.filter((s) => s.planId === planId).map((s) => `${s.step}:${s.rule}`);

  // Step 1 is due 2026-12-02: with N = 0 it is not due soon the day before, only on the day.
  const day1 = await run('2026-12-01');
  expect(ofPlan(day1, off.plan.planId)).toEqual([]);
  expect(day1.plans.notReminded).toContainEqual({ planId: off.plan.planId, epicKey: off.epicKey, reason: 'reminders are off for this plan' });
  expect(ofPlan(day1, tight.plan.planId)).not.toContain('1:due-soon');
  expect(ofPlan(await run('2026-12-02'), tight.plan.planId)).toContain('1:due-soon');
  // With M = 1 the escalation comes with the first overdue reminder (the holiday on 12-03 is not a business day).
  expect(ofPlan(await run('2026-12-04'), tight.plan.planId)).toEqual(expect.arrayContaining(['1:overdue', '1:escalation']));
  const offKeys = new Set([off.epicKey, ...off.keys.values()]);
  expect(standIn.site.store.outbox().filter((m) => offKeys.has(m.issueKey))).toEqual([]);
}, 60_000);

it('a run whose time budget is spent claims nothing more; the next run sends what it left, once', async () => {
  const { plan } = await generated('Budget');
  const ledger = createFileNotificationLedger({ directory: path.join(dir, 'notified-budget') });
  const run = (budgetMs?: number) =>
    runReminders({ jira: adapterAs(standIn, 'app'), ledger, siteUrl: 'https://outbound.example.net' }, { projectKey: 'OUT', today: '2026-12-01', budgetMs });
  const spent = await run(0);
  const left = spent.skipped.filter((s) => s.planId === plan.planId && s.reason === OUT_OF_TIME);
  expect(spent.sent).toEqual([]);
  expect(left.length).toBeGreaterThan(0);
  for (const s of left) expect(await ledger.read(s.key)).toBeNull();
  const next = await run();
  expect(next.sent.filter((s) => s.planId === plan.planId).map((s) => s.key)).toEqual(left.map((s) => s.key));
  expect((await run()).sent).toEqual([]);
}, 60_000);
