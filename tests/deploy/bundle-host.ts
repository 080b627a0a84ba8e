/**
 * A fresh Node process hosting the Forge BUNDLE (not the sources) on the stand-in, driven over IPC by
 * tests/deploy/bundle.test.ts. The bundle is entered the way Forge enters it: through the runtime loader
 * shipped beside it (`__forge__.cjs`), with the handler references manifest.yml gives its functions. The
 * stand-in, the Forge seam and KVS are the same ones the source-level resolver tests use.
 * Usage: node --import tsx tests/deploy/bundle-host.ts <bundle dir>
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { PLAYBOOK_PROPERTY_KEY } from '../../src/core/fields';
import { startForgeSite, type DemoUser, type ForgeEntry } from '../resolvers/helpers/forge-site';

const REPO_ROOT = resolve(__dirname, '..', '..');

export type HostRequest =
  | { op: 'invoke'; user: DemoUser | null; name: string; payload: unknown; extension?: Record<string, unknown>; moduleKey?: string }
  | { op: 'asUser'; user: DemoUser; path: string; method?: string; body?: unknown }
  | { op: 'triggersSettled' }
  | { op: 'epicProperty'; epicKey: string }
  | { op: 'planIssues'; planId: string }
  | { op: 'traffic' }
  | { op: 'loadedSources' };

interface Runtime {
  handler(ref: string): (...args: unknown[]) => Promise<unknown>;
}

function manifestHandler(functionKey: string): string {
  const manifest = parse(readFileSync(join(REPO_ROOT, 'manifest.yml'), 'utf8')) as { modules: { function: { key: string; handler: string }[] } };
  const fn = manifest.modules.function.find((f) => f.key === functionKey);
  if (!fn) throw new Error(`manifest.yml has no function ${functionKey}`);
  return fn.handler;
}

const bundleDir = resolve(process.argv[2] ?? '');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const runtime = require(join(bundleDir, '__forge__.cjs')) as Runtime;
const entry: ForgeEntry = {
  resolver: runtime.handler(manifestHandler('resolver')),
  onIssueChange: runtime.handler(manifestHandler('on-issue-change')),
};
const app = startForgeSite({ entry });

async function answer(request: HostRequest): Promise<unknown> {
  switch (request.op) {
    case 'invoke':
      return app.invoke(request.user, request.name as never, request.payload, request.extension, request.moduleKey);
    case 'asUser':
      return app.asUser(request.user, request.path, request.method, request.body);
    case 'triggersSettled':
      await app.triggersSettled();
      return app.triggerOutcomes;
    case 'epicProperty':
      return app.site.store.issue(request.epicKey)?.properties[PLAYBOOK_PROPERTY_KEY] ?? null;
    case 'planIssues':
      return [...app.site.store.allIssues()]
        .filter((i) => (i.properties[PLAYBOOK_PROPERTY_KEY] as { planId?: string } | undefined)?.planId === request.planId)
        .map((i) => ({
          key: i.key,
          isEpic: i.parentId === null,
          creator: i.creatorAccountId,
          customFields: Object.keys(i.customFields).length,
          links: app.site.store.linksOf(i.id).length,
        }));
    case 'traffic':
      return {
        entries: app.transport.log.entries().map((e) => ({ operationId: e.operationId, actor: e.actor, status: e.status })),
        violations: app.transport.violations(),
        appAccountId: app.site.appAccountId,
      };
    case 'loadedSources':
      // Which of the app's own source modules this process loaded: the bundle must have brought its own.
      return Object.keys(require.cache).filter((file) => file.startsWith(join(REPO_ROOT, 'src') + '/'));
  }
}

process.on('message', (message: { id: number; request: HostRequest }) => {
  answer(message.request).then(
    (value) => process.send?.({ id: message.id, ok: true, value }),
    (error: unknown) => process.send?.({ id: message.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
process.on('disconnect', () => {
  app.close();
  process.exit(0);
});
process.send?.({ ready: true, pid: process.pid });
