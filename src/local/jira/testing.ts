/**
 * Test support: a full Jira stand-in (real site, transport, HTTP server, optionally the Forge seam) in one line.
 *
 *   const standIn = await startStandIn({ forgeSeam: true });
 *   ... fetch(`${standIn.baseUrl}/rest/api/3/myself`, { headers: { authorization: standIn.authorizationFor('sa') } })
 *   assertNoContractViolations(standIn.transport);
 *   await standIn.close();
 *
 * Defaults for tests: in memory, strict contract checks, HTTP on a free port, no faults.
 */
import { DEMO_SITE } from './site';
import { basicAuthorization, type BasicCredentials } from './transport/auth';
import { launchStandIn, type LaunchStandInOptions, type RunningStandIn } from './transport/stand-in';
import type { Transport } from './transport/transport';

export type DemoRole = keyof typeof DEMO_SITE.accounts;

export interface TestStandIn extends RunningStandIn {
  /** HTTP base URL (tests always get HTTP). */
  baseUrl: string;
  /** Demo sign-in for a role (`sa`, `pm`, `im`, `opm`, `viewer`, `app`). */
  credentials(role: DemoRole): BasicCredentials;
  /** `Basic …` header value for a role. */
  authorizationFor(role: DemoRole): string;
}

export async function startStandIn(options: Omit<LaunchStandInOptions, 'http'> & { logLine?: (line: string) => void } = {}): Promise<TestStandIn> {
  const { logLine, ...rest } = options;
  const running = await launchStandIn({ contractMode: 'strict', ...rest, http: { port: 0, logLine } });
  const credentials = (role: DemoRole): BasicCredentials => ({ email: DEMO_SITE.accounts[role].emailAddress, token: DEMO_SITE.accounts[role].apiToken });
  return {
    ...running,
    baseUrl: running.baseUrl as string,
    credentials,
    authorizationFor: (role) => basicAuthorization(credentials(role)),
  };
}

/** Throws (so the test fails) when the stand-in saw traffic that breaks the published Jira contract. */
export function assertNoContractViolations(transport: Transport): void {
  const violations = transport.violations();
  if (violations.length === 0) return;
  throw new Error(`Jira contract violations (${violations.length}):\n${violations.map((v) => `  ${v.where} ${v.operation}: ${v.message}`).join('\n')}`);
}

export { DEMO_SITE, APP_ACCOUNT_ID } from './site';
