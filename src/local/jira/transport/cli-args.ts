/** `npm run jira -- --port 4000 --data DIR [--latency 150] [--index-lag 0] ...`, parsed and checked. Pure. */
import { parseArgs } from 'node:util';
import type { ContractMode } from './contract-mode';
import { mergeFaults, NO_FAULTS, type FaultConfig } from './faults';

export interface JiraCliOptions {
  port: number;
  host: string;
  dataDir: string;
  faults: FaultConfig;
  /** Undefined: STANDIN_CONTRACT or the default (warn outside tests). */
  contractMode?: ContractMode;
}

export const JIRA_CLI_USAGE = `Usage: npm run jira -- [--port 4000] [--host 127.0.0.1] [--data .local-data/jira]
  [--latency MS] [--jitter MS] [--index-lag MS] [--seed N] [--rate429 P] [--rate5xx P] [--rate-drop P]
  [--contract off|warn|strict]`;

function number(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) throw new Error(`--${name} must be a number (got '${raw}')`);
  return value;
}

export function parseJiraCliArgs(argv: string[]): JiraCliOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      latency: { type: 'string' },
      jitter: { type: 'string' },
      'index-lag': { type: 'string' },
      seed: { type: 'string' },
      rate429: { type: 'string' },
      rate5xx: { type: 'string' },
      'rate-drop': { type: 'string' },
      contract: { type: 'string' },
    },
  });
  const port = number('port', values.port, 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number (got '${values.port}')`);
  const contract = values.contract;
  if (contract !== undefined && contract !== 'off' && contract !== 'warn' && contract !== 'strict')
    throw new Error(`--contract must be off, warn or strict (got '${contract}')`);
  const faults = mergeFaults(NO_FAULTS, {
    seed: number('seed', values.seed, NO_FAULTS.seed),
    latencyMs: { fixed: number('latency', values.latency, 0), jitter: number('jitter', values.jitter, 0) },
    indexLagMs: number('index-lag', values['index-lag'], 0),
    rate429: number('rate429', values.rate429, 0),
    rate5xx: number('rate5xx', values.rate5xx, 0),
    rateCommitThenDrop: number('rate-drop', values['rate-drop'], 0),
  });
  return { port, host: values.host ?? '127.0.0.1', dataDir: values.data ?? '.local-data/jira', faults, contractMode: contract };
}
