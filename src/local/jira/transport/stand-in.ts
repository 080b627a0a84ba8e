/**
 * One call that assembles a running stand-in: the real site (store + endpoints), the transport pipeline in
 * front of it, and optionally the HTTP server and the Forge seam. Used by `npm run jira` and by
 * `startStandIn` (src/local/jira/testing.ts).
 */
import * as path from 'node:path';
import { createJiraSite, loadForgeDeclarations, type ForgeDeclarations, type JiraSite, type JiraSiteOptions } from '../site';
import type { ContractMode } from './contract-mode';
import type { FaultConfigPatch } from './faults';
import { installForgeSeam, type ForgeSeam } from './forge-seam';
import { createStandInServer, type StandInServer } from './http-server';
import { createTransport, type Transport } from './transport';

/** The app's manifest at the repository root (this file lives in src/local/jira/transport). */
export const APP_MANIFEST_FILE: string = path.resolve(__dirname, '..', '..', '..', '..', 'manifest.yml');

export interface LaunchStandInOptions {
  /** null (default) keeps everything in memory; a directory persists `<dir>/jira.sqlite`. */
  dataDir?: string | null;
  /** Default: what the app's manifest.yml declares (entity properties, custom fields). */
  declarations?: ForgeDeclarations;
  faults?: FaultConfigPatch;
  /** Default 100 requests/s per user, endpoint and method; null disables. */
  burstPerSecond?: number | null;
  /** Default: STANDIN_CONTRACT, else strict under jest, warn elsewhere. */
  contractMode?: ContractMode;
  /** Serve HTTP (default on, port 0 = any free port). */
  http?: false | { port?: number; host?: string; logLine?: (line: string) => void };
  /** Install the Forge seam so the real `@forge/api` reaches this stand-in in-process (a process global). */
  forgeSeam?: boolean;
  /** Passed to the site as is. */
  site?: Pick<JiraSiteOptions, 'clock' | 'perIssueWriteLimit' | 'seed' | 'logger'>;
  /** Where warn-mode contract violations go; default console.warn. */
  warn?: (message: string) => void;
}

export interface RunningStandIn {
  /** `http://127.0.0.1:PORT`; null without HTTP. */
  baseUrl: string | null;
  site: JiraSite;
  transport: Transport;
  close(): Promise<void>;
}

export async function launchStandIn(options: LaunchStandInOptions = {}): Promise<RunningStandIn> {
  const site = createJiraSite({
    ...options.site,
    dataDir: options.dataDir ?? null,
    declarations: options.declarations ?? loadForgeDeclarations(APP_MANIFEST_FILE),
    indexLagMs: options.faults?.indexLagMs ?? 0,
  });
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const transport = createTransport({
    handler: site.handle,
    authenticate: (email, token) => site.authenticate(email, token),
    isKnownAccount: (accountId) => site.accounts().some((account) => account.accountId === accountId),
    contractMode: options.contractMode,
    burstPerSecond: options.burstPerSecond,
    faults: options.faults,
    onIndexLagChange: (ms) => site.setIndexLagMs(ms),
    onViolation: (violation) => {
      if (transport.contractMode === 'warn') warn(`Jira contract (${violation.where}): ${violation.message}`);
    },
  });
  let server: StandInServer | undefined;
  let seam: ForgeSeam | undefined;
  try {
    if (options.http !== false) server = await createStandInServer({ transport, ...options.http });
    if (options.forgeSeam) seam = installForgeSeam({ transport, appAccountId: site.appAccountId });
  } catch (error) {
    site.close();
    throw error;
  }
  return {
    baseUrl: server?.baseUrl ?? null,
    site,
    transport,
    async close() {
      seam?.uninstall();
      await server?.close();
      site.close();
    },
  };
}
