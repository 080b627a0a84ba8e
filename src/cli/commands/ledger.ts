/** The CLI's plan ledger: one directory per site and project by default (a plan id is the same on a sandbox and on production). */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { createFileLedger, LedgerDirectoryError, type FileLedger } from '../../storage';
import type { CliIo } from '../command';
import { oneLine } from './jira-connection';

/** The ledger `--ledger` names, else `~/.outbound-playbook/ledger/<site host>/<project>`; null (reported) when unusable. */
export function openCliLedger(io: CliIo, values: { site?: string; ledger?: string }, projectKey: string): FileLedger | null {
  const siteKey = new URL(values.site!).host.replace(/[^A-Za-z0-9.-]/g, '_');
  const directory = values.ledger ? resolve(io.cwd, values.ledger) : join(io.env.HOME || homedir(), '.outbound-playbook', 'ledger', siteKey, projectKey);
  try {
    return createFileLedger({ directory });
  } catch (error) {
    if (!(error instanceof LedgerDirectoryError)) throw error;
    io.stderr(`--ledger: ${oneLine(error.message, 400)}\n`);
    return null;
  }
}
