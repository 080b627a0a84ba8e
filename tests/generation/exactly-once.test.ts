/** Deterministic lost-response cases: a create committed by Jira whose answer never arrives, under index lag. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildPlan } from '../../src/core';
import type { JiraRequestFn } from '../../src/jira';
import { createFileLedger } from '../../src/storage';
import { driveToCompletion, generatePlan, type GenerateResult } from '../../src/usecases/generate';
import { adapterAs, demoKickoff, planInStore, startGenerationStandIn, type GenerationStandIn } from './stand-in';

const INDEX_LAG_MS = 150;
let standIn: GenerationStandIn;
let ledgerDir: string;

beforeAll(async () => {
  standIn = await startGenerationStandIn({ indexLagMs: INDEX_LAG_MS });
});
afterAll(async () => {
  await standIn.close();
});
beforeEach(() => {
  ledgerDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gen-once-'));
});
afterEach(() => {
  fs.rmSync(ledgerDir, { recursive: true, force: true });
});

/** Sends the first request to `pathEnd` (so Jira commits it) and then loses its response. */
function loseFirstResponse(pathEnd: string): (fn: JiraRequestFn) => JiraRequestFn {
  let lost = false;
  return (fn) => async (route, init) => {
    const response = await fn(route, init);
    if (!lost && route.value.endsWith(pathEnd) && init?.method === 'POST') {
      lost = true;
      throw new TypeError('fetch failed (response lost in test)');
    }
    return response;
  };
}

let serial = 0;
async function generateLosing(pathEnd: string, maxIndexLagMs: number) {
  serial += 1;
  const kickoff = demoKickoff({ biller: `Lost ${serial}`, page: { id: `lost-${serial}`, url: `https://example.atlassian.net/wiki/lost-${serial}` } });
  const lose = loseFirstResponse(pathEnd);
  const deps = {
    jira: adapterAs(standIn, 'sa', {}, lose),
    ledger: createFileLedger({ directory: ledgerDir }),
    options: { maxIndexLagMs, retryAfterMs: 10, budgetMs: 2_000, leaseMs: 4_000, requestTimeoutMs: 50 },
  };
  const results: GenerateResult[] = [];
  const logStart = standIn.transport.log.entries().length;
  const done = await driveToCompletion(() => generatePlan(deps, { kickoff }), { maxCalls: 50, onProgress: (r) => results.push(r) });
  const requests = standIn.transport.log.entries().slice(logStart);
  const count = (operationId: string) => requests.filter((e) => e.operationId === operationId).length;
  return { done, results, stored: planInStore(standIn.site, buildPlan(kickoff).planId), creates: { epic: count('createIssue'), steps: count('createIssues') } };
}

describe('a create whose response is lost', () => {
  it.each([
    ['the epic', '/rest/api/3/issue'],
    ['the bulk step create', '/rest/api/3/issue/bulk'],
  ])('(%s) is waited for until search must show it, then adopted, never sent again', async (_what, pathEnd) => {
    const { done, results, stored, creates } = await generateLosing(pathEnd, INDEX_LAG_MS + 50);
    expect(results[0]).toMatchObject({ state: 'running', reason: 'awaiting-index' });
    expect(results.some((r) => r.state === 'running' && r.reason === 'awaiting-index' && r.retryAfterMs > 0)).toBe(true);
    expect(done.state).toBe('done');
    expect(stored.epics).toHaveLength(1);
    expect([...stored.steps.values()].map((issues) => issues.length)).toEqual(Array(25).fill(1));
    // The adopted issues were created by this generation, so they get the app-field values too.
    for (const issues of stored.steps.values()) expect(Object.keys(issues[0].customFields)).toHaveLength(2);
    expect(creates).toEqual({ epic: 1, steps: 1 });
  });

  it('would be duplicated if generation did not wait out the index lag (control)', async () => {
    const { stored, creates } = await generateLosing('/rest/api/3/issue/bulk', 0);
    expect(creates).toEqual({ epic: 1, steps: 2 });
    expect([...stored.steps.values()].every((issues) => issues.length === 2)).toBe(true);
  });
});
