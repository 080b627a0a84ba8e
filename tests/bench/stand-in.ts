/**
 * The stand-in the bench measures against: the Jira site in memory (demo accounts and the OUT project, the
 * app's manifest declarations), behind the real transport (latency, auth, burst limit, request log) and its
 * HTTP server. Latency is applied per request on that path only; seeding goes straight to the store.
 */
import { rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJiraSite, DEMO_SITE, loadForgeDeclarations, type JiraSite } from '../../src/local/jira/site';
import { openSiteClock } from '../../src/local/clock';
import { createStandInServer, createTransport, type ContractMode } from '../../src/local/jira/transport';
import { REPO_ROOT } from './bundles';
import type { BasicCredentials } from '../../src/local/jira/transport';
import type { BenchPeople } from './kickoff';
import type { RequestLogView } from './measure';
import { TEST_TODAY } from '../fixtures/clock';

/** A running stand-in with simulated latency on its HTTP path. */
export interface BenchStandIn {
  baseUrl: string;
  /** The generating user (the plan's SA). */
  user: BasicCredentials;
  /** The app identity over HTTP (Jira takes the app's custom-field values only from the app). */
  app: BasicCredentials | null;
  projectKey: string;
  people: BenchPeople;
  log: RequestLogView;
  site: JiraSite;
  /** A fresh folder for this stand-in's plan ledger (removed on close). */
  ledgerDir: string;
  close(): Promise<void>;
}

export interface BenchStandInOptions {
  latencyMs: number;
  /** The bench runs with checks off (they cost CPU on every request, and Jira has none); the smoke test runs strict. */
  contractMode?: ContractMode;
}

export async function startBenchStandIn(options: BenchStandInOptions): Promise<BenchStandIn> {
  // The bench's world starts on the seeds' day, whatever the machine's calendar says (its scenarios move `today` on from there).
  const clock = openSiteClock(null, { today: TEST_TODAY });
  const site = createJiraSite({
    dataDir: null,
    declarations: loadForgeDeclarations(join(REPO_ROOT, 'manifest.yml')),
    logger: () => undefined,
    clock: () => new Date(clock.nowMs()),
  });
  const known = new Set(site.accounts().map((a) => a.accountId));
  const transport = createTransport({
    handler: site.handle,
    authenticate: (email, token) => site.authenticate(email, token),
    isKnownAccount: (accountId) => known.has(accountId),
    contractMode: options.contractMode ?? 'off',
    faults: { latencyMs: { fixed: options.latencyMs, jitter: 0 } },
    onIndexLagChange: (ms) => site.setIndexLagMs(ms),
  });
  const server = await createStandInServer({ transport });
  const ledgerDir = mkdtempSync(join(tmpdir(), 'bench-ledger-'));
  const { sa, pm, im, opm, app } = DEMO_SITE.accounts;
  return {
    site,
    ledgerDir,
    baseUrl: server.baseUrl,
    user: { email: sa.emailAddress, token: sa.apiToken },
    app: { email: app.emailAddress, token: app.apiToken },
    projectKey: DEMO_SITE.projectKey,
    people: { accountIds: { SA: sa.accountId, PM: pm.accountId, IM: im.accountId, OPM: opm.accountId } },
    log: transport.log,
    async close() {
      await server.close();
      site.close();
      rmSync(ledgerDir, { recursive: true, force: true });
    },
  };
}
