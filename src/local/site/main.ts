/**
 * `npm start`: the whole app locally. Starts the Jira stand-in on .local-data/ (seeded with the demo site on
 * first run) and the local site on http://127.0.0.1:3000 (`--port N` / `PORT`, `--host H`, `--data-dir D`).
 * Missing or stale Custom UI bundles are built meanwhile; the app frames wait for that build.
 * `--bundle`: run the app's Forge function bundle (built first, as `npm run bundle` / `forge deploy` build it)
 * instead of the TypeScript sources.
 */
import { spawn } from 'child_process';
import fs from 'fs';
import path from 'path';
import { buildForgeBundle } from '../forge-bundle/build';
import { JIRA_SPEC_FILE } from '../jira/contract';
import { seedDemoPlans } from './demo-plans';
import { loadBundledApp, type LoadedApp } from './app-loader';
import { startLocalSite } from './server';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

function flag(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

/** `node static/build-all.mjs --if-stale <apps>`; "built …" lines are passed through, errors end up in the rejection. */
function buildStale(apps: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'static', 'build-all.mjs'), '--if-stale', ...apps], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let pending = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString('utf8')).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.startsWith('built ')) console.log(`  [ui] ${line}`);
    });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`Building ${apps.join(', ')} failed (exit ${code}): ${errors.trim().slice(-2000)}`)),
    );
  });
}

/**
 * Two build lanes side by side: the Confluence page's apps first, the Jira apps beside them, so the page
 * people open first is usable soonest. Each app's frames wait only for their own lane.
 */
const BUILD_LANES = [
  ['macro-view', 'macro-config'],
  ['issue-panel', 'project-page'],
];

function buildStaleBundles(): { ready(resource: string): Promise<void>; all: Promise<void> } {
  const lanes = BUILD_LANES.map((apps) => ({ apps, done: buildStale(apps) }));
  for (const lane of lanes) lane.done.catch((error: unknown) => console.error(error instanceof Error ? error.message : error));
  return {
    ready: (resource) => lanes.find((lane) => lane.apps.includes(resource))?.done ?? Promise.resolve(),
    all: Promise.all(lanes.map((lane) => lane.done)).then(() => undefined),
  };
}

async function main() {
  const started = Date.now();
  const port = Number(flag('port') ?? process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Not a port: ${flag('port') ?? process.env.PORT}`);
  if (!fs.existsSync(JIRA_SPEC_FILE)) {
    // The stand-in labels and checks every request with the published Jira OpenAPI document.
    throw new Error(`The Jira platform OpenAPI document is missing: ${JIRA_SPEC_FILE}. Put shared/specs beside the clone or set OUTBOUND_PLAYBOOK_SPECS_DIR.`);
  }
  let app: LoadedApp | undefined;
  if (process.argv.includes('--bundle')) {
    console.log('Building the Forge function bundle (as forge deploy does)…');
    const bundle = await buildForgeBundle();
    console.log(`  ${path.relative(REPO_ROOT, bundle.dir)}/index.cjs ${(bundle.bytes / 1024).toFixed(1)} KB: the app runs from it`);
    app = loadBundledApp(bundle.dir);
    if (!app.ok) throw new Error(app.message);
  }
  const bundles = buildStaleBundles();
  const site = await startLocalSite({
    app,
    port,
    host: flag('host') ?? process.env.HOST ?? '127.0.0.1',
    dataDir: flag('data-dir') ?? process.env.OUTBOUND_PLAYBOOK_DATA_DIR,
    bundleReady: bundles.ready,
  });
  console.log(`Outbound Playbook local site: ${site.url}`);
  console.log(`  Confluence page  ${site.url}/wiki/spaces/IMP/pages/1001   (insert the macro, kick off, generate)`);
  console.log(`  Jira project     ${site.url}/jira/projects/OUT/apps/outbound-playbook   (portfolio)`);
  console.log(`  Issue navigator  ${site.url}/jira/issues?jql=phase%20%3D%20%22Design%22`);
  console.log(`  Demo users (switch with "Acting as" in the header):`);
  for (const user of site.users) console.log(`    ${user.displayName}${user.roleHint ? ` – ${user.roleHint}` : ''}`);
  console.log(`  Data in ${site.dataDir} (delete it to start over)`);
  if (!process.argv.includes('--no-demo')) {
    // First start: the playbook's Supported Integrations become real plans, generated as people would.
    seedDemoPlans(site, site.hasMacro, (line) => console.log(line)).catch((error: unknown) =>
      console.error(`Demo plans: ${error instanceof Error ? error.message : String(error)}`),
    );
  }
  bundles.all.then(
    () => console.log(`Ready in ${((Date.now() - started) / 1000).toFixed(1)} s. Ctrl-C stops.`),
    () => undefined,
  );
  const stop = () => {
    site.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
