/**
 * `npm start`: the whole app locally. Starts the Jira stand-in on .local-data/ (seeded with the demo site on
 * first run) and the local site on http://127.0.0.1:3000 (`--port N` / `PORT`, `--host H`, `--data-dir D`).
 */
import { startLocalSite } from './server';

function flag(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

async function main() {
  const port = Number(flag('port') ?? process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Not a port: ${flag('port') ?? process.env.PORT}`);
  const site = await startLocalSite({ port, host: flag('host') ?? process.env.HOST ?? '127.0.0.1', dataDir: flag('data-dir') ?? process.env.OUTBOUND_PLAYBOOK_DATA_DIR });
  console.log(`Outbound Playbook local site: ${site.url}`);
  console.log(`  Confluence page  ${site.url}/wiki/spaces/IMP/pages/1001`);
  console.log(`  Jira project     ${site.url}/jira/projects/OUT/apps/outbound-playbook`);
  console.log(`  Issue navigator  ${site.url}/jira/issues`);
  const stop = () => {
    site.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
