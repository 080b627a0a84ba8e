/**
 * `npm run jira -- --port 4000 --data DIR [--latency 150] [--index-lag 0]`: the Jira Cloud REST v3 stand-in
 * over HTTP, persisted in DIR, with demo sign-ins printed on start. Stops cleanly on SIGINT/SIGTERM.
 */
import * as path from 'node:path';
import { DEMO_SITE } from './site';
import { JIRA_CLI_USAGE, parseJiraCliArgs, type JiraCliOptions } from './transport/cli-args';
import { launchStandIn } from './transport/stand-in';

async function main(argv: string[]): Promise<void> {
  let options: JiraCliOptions;
  try {
    options = parseJiraCliArgs(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n${JIRA_CLI_USAGE}`);
    process.exitCode = 2;
    return;
  }
  const dataDir = path.resolve(options.dataDir);
  const standIn = await launchStandIn({
    dataDir,
    faults: options.faults,
    contractMode: options.contractMode,
    http: { port: options.port, host: options.host, logLine: (line) => console.log(line) },
  });
  const faults = standIn.transport.faults();
  console.log(`Jira stand-in listening on ${standIn.baseUrl}  (data: ${dataDir}, contract checks: ${standIn.transport.contractMode})`);
  console.log(
    `Faults: latency ${faults.latencyMs.fixed}±${faults.latencyMs.jitter} ms, index lag ${faults.indexLagMs} ms, 429 ${faults.rate429}, 5xx ${faults.rate5xx}, drop ${faults.rateCommitThenDrop}, seed ${faults.seed}`,
  );
  console.log('Sign in with HTTP Basic email:api-token:');
  for (const account of DEMO_SITE.accountList) console.log(`  ${account.emailAddress.padEnd(42)} ${account.apiToken.padEnd(14)} ${account.displayName}`);
  console.log(`Try: curl -u ${DEMO_SITE.accounts.sa.emailAddress}:${DEMO_SITE.accounts.sa.apiToken} ${standIn.baseUrl}/rest/api/3/myself`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the Jira stand-in`);
    standIn.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
