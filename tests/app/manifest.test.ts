import fs from 'fs';
import os from 'os';
import path from 'path';
import { parse, stringify } from 'yaml';
import { ensureStaticBuild, repoRoot } from './helpers/static-build';
import { adapterCallsAsRequestJira, lintSources, sourceFiles, useLocalSwagger, validateManifest, type SourceFile } from './helpers/forge-lint';

const realEntryExists = fs.existsSync(path.join(repoRoot, 'src', 'index.ts'));
/** Until another engineer lands src/index.ts, a fixture stands in for it (in a temp copy of the app). */
const FIXTURE_ENTRY = `import Resolver from '@forge/resolver';\nconst definitions = new Resolver();\nexport const resolver = definitions.getDefinitions();\nexport async function onIssueChange(): Promise<void> {}\nexport async function nightlyRollup(): Promise<void> {}\nexport async function dailyReminders(): Promise<void> {}\n`;

let appRoot: string;
let restoreEnv: () => void;
const temps: string[] = [];

/** A temp app folder: the given manifest, copies of the static builds and icons (Forge rejects symlinked resources), and src/index.ts. */
function appCopy(manifest: string, entry: string | null = realEntryExists ? null : FIXTURE_ENTRY): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'op-app-'));
  temps.push(root);
  fs.writeFileSync(path.join(root, 'manifest.yml'), manifest);
  fs.mkdirSync(path.join(root, 'static'));
  for (const dir of fs.readdirSync(path.join(repoRoot, 'static'))) {
    const build = path.join(repoRoot, 'static', dir, 'build');
    if (fs.existsSync(build)) {
      fs.cpSync(build, path.join(root, 'static', dir, 'build'), { recursive: true });
    }
  }
  fs.cpSync(path.join(repoRoot, 'static', 'icons'), path.join(root, 'static', 'icons'), { recursive: true });
  fs.mkdirSync(path.join(root, 'src'));
  if (entry !== null) fs.writeFileSync(path.join(root, 'src', 'index.ts'), entry);
  else fs.symlinkSync(path.join(repoRoot, 'src', 'index.ts'), path.join(root, 'src', 'index.ts'));
  return root;
}

const realManifest = () => fs.readFileSync(path.join(repoRoot, 'manifest.yml'), 'utf8');
function editedManifest(edit: (m: Record<string, any>) => void): string {
  const m = parse(realManifest()) as Record<string, any>;
  edit(m);
  return stringify(m);
}

beforeAll(() => {
  ensureStaticBuild();
  restoreEnv = useLocalSwagger();
  appRoot = realEntryExists ? repoRoot : appCopy(realManifest());
}, 180_000);

afterAll(() => {
  restoreEnv?.();
  for (const t of temps) fs.rmSync(t, { recursive: true, force: true });
});

describe(`manifest.yml passes Forge's full validation (${realEntryExists ? 'real repo' : 'fixture src/index.ts until it lands'})`, () => {
  it('has no validation problems', async () => {
    const result = await validateManifest(path.join(appRoot, 'manifest.yml'));
    expect(result.problems).toEqual([]);
    expect(result.success).toBe(true);
  });

  it('declares every searchable field of docs/architecture.md, with the same paths, aliases and types', () => {
    const readme = fs.readFileSync(path.join(repoRoot, 'docs', 'architecture.md'), 'utf8');
    const rows = [...readme.matchAll(/^\| ([^|]+?) \| (playbook\w+) \| (string|number|date)[^|]* \|$/gm)].map((m) => ({
      path: m[1].split(' ')[0].replace(/^`|`$/g, ''),
      searchAlias: m[2],
      type: m[3],
    }));
    expect(rows.length).toBe(18);
    const m = parse(realManifest()) as { modules: Record<string, any[]> };
    const [property] = m.modules['jira:entityProperty'];
    expect(property).toMatchObject({ entityType: 'issue', propertyKey: 'outbound-playbook' });
    expect(property.values).toEqual(rows);
    // Forge indexes at most 30 values across all jira:entityProperty modules.
    expect(m.modules['jira:entityProperty'].flatMap((p) => p.values).length).toBeLessThanOrEqual(30);
  });

  it('is one app for Jira and Confluence with the planned modules', () => {
    const m = parse(realManifest()) as { app: Record<string, any>; modules: Record<string, any[]>; resources: { key: string; path: string }[] };
    expect(m.app.compatibility).toEqual({ jira: { required: true }, confluence: { required: false } });
    expect(m.app.runtime).toEqual({ name: 'nodejs22.x' });
    expect(m.modules.macro[0]).toMatchObject({ resource: 'macro-view', config: { resource: 'macro-config' }, resolver: { function: 'resolver' } });
    expect(m.modules['jira:issuePanel'][0]).toMatchObject({ resource: 'issue-panel', resolver: { function: 'resolver' } });
    expect(m.modules['jira:projectPage'][0]).toMatchObject({ resource: 'project-page', resolver: { function: 'resolver' } });
    expect(m.modules['jira:customField'].map((f) => [f.key, f.name, f.type, f.readOnly])).toEqual([
      ['playbook-phase', 'Phase', 'string', true],
      ['playbook-raci', 'RACI', 'string', true],
    ]);
    expect(m.modules.trigger[0]).toMatchObject({ function: 'on-issue-change', events: ['avi:jira:created:issue', 'avi:jira:updated:issue'] });
    expect(m.modules.function).toEqual([
      { key: 'resolver', handler: 'index.resolver' },
      { key: 'on-issue-change', handler: 'index.onIssueChange' },
      { key: 'nightly-roll-up', handler: 'index.nightlyRollup', timeoutSeconds: 900 },
      { key: 'reminders', handler: 'index.dailyReminders', timeoutSeconds: 900 },
    ]);
    expect(m.modules.scheduledTrigger).toEqual([
      { key: 'nightly-plan-roll-up', function: 'nightly-roll-up', interval: 'day' },
      { key: 'daily-reminders', function: 'reminders', interval: 'day' },
    ]);
    for (const app of ['macro-view', 'macro-config', 'issue-panel', 'project-page', 'admin-page', 'playbook-page'])
      expect(m.resources).toContainEqual({ key: app, path: `static/${app}/build` });
  });

  it('declares the template admin page (Jira admin) and the playbook page macros, all on the one resolver', () => {
    const m = parse(realManifest()) as { modules: Record<string, any[]> };
    expect(m.modules['jira:adminPage']).toEqual([
      expect.objectContaining({ key: 'outbound-playbook-admin-page', resource: 'admin-page', resolver: { function: 'resolver' } }),
    ]);
    expect(m.modules.macro.slice(1).map((x) => [x.key, x.resource, x.resolver, x.config])).toEqual([
      ['outbound-playbook-process-macro', 'playbook-page', { function: 'resolver' }, undefined],
      ['outbound-playbook-integrations-macro', 'playbook-page', { function: 'resolver' }, undefined],
    ]);
  });

  it('Forge rejects an admin page whose resource is not declared', async () => {
    const m = editedManifest((x) => {
      x.modules['jira:adminPage'][0].resource = 'no-such-resource';
    });
    const result = await validateManifest(path.join(appCopy(m), 'manifest.yml'));
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.problems)).toContain('no-such-resource');
  });
});

describe('Forge linters on src/ (offline, local OpenAPI documents)', () => {
  let sources: SourceFile[];
  let typedContent: unknown;
  let adapter: ReturnType<typeof adapterCallsAsRequestJira>;

  beforeAll(async () => {
    typedContent = (await validateManifest(path.join(appRoot, 'manifest.yml'))).typedContent;
    const entry = sourceFiles(appRoot).filter((f) => f.relativePath === 'src/index.ts');
    sources = [...sourceFiles(repoRoot).filter((f) => f.relativePath !== 'src/index.ts'), ...entry];
    adapter = adapterCallsAsRequestJira(fs.readFileSync(path.join(repoRoot, 'src', 'jira', 'adapter.ts'), 'utf8'));
  });

  it('finds every Jira call of the adapter (the linter cannot see through its call helper)', () => {
    expect(adapter.calls.length).toBeGreaterThanOrEqual(12);
    expect(adapter.calls).toContainEqual({ method: 'POST', path: '/rest/api/3/issue/bulk' });
  });

  it('reports no missing scopes and no missing handlers', async () => {
    const problems = await lintSources(typedContent, [...sources, adapter.source]);
    expect(problems).toEqual([]);
  });

  it('catches a missing scope for an endpoint the app calls', async () => {
    const m = editedManifest((x) => {
      x.permissions.scopes = x.permissions.scopes.filter((s: string) => s !== 'write:jira-work');
    });
    const { typedContent: broken } = await validateManifest(path.join(appCopy(m), 'manifest.yml'));
    const problems = await lintSources(broken, [adapter.source]);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.linter === 'PermissionLinter' && p.kind === 'error' && p.message.includes('write:jira-work'))).toBe(true);
    expect(problems.map((p) => p.message).join('\n')).toContain('/rest/api/3/issue/bulk');
  });

  it('catches a handler the entry file does not export', async () => {
    const m = editedManifest((x) => {
      x.modules.function[1].handler = 'index.onSomethingElse';
    });
    const root = appCopy(m, FIXTURE_ENTRY);
    const { typedContent: broken } = await validateManifest(path.join(root, 'manifest.yml'));
    const problems = await lintSources(broken, sourceFiles(root));
    expect(problems).toEqual([expect.objectContaining({ linter: 'HandlerLinter', file: 'src/index.ts', message: expect.stringContaining('onSomethingElse') })]);
  });
});

describe('manifest validation rejects broken manifests', () => {
  it('a module pointing at a missing resource', async () => {
    const m = editedManifest((x) => {
      x.resources.find((r: { key: string }) => r.key === 'macro-view').path = 'static/nope/build';
    });
    const result = await validateManifest(path.join(appCopy(m), 'manifest.yml'));
    expect(result.success).toBe(false);
    expect(result.problems.map((p) => p.message)).toContainEqual(expect.stringContaining("missing resource 'static/nope/build'"));
  });

  it('a handler in a file that does not exist', async () => {
    const m = editedManifest((x) => {
      x.modules.function[0].handler = 'missing.resolver';
    });
    const result = await validateManifest(path.join(appCopy(m), 'manifest.yml'));
    expect(result.success).toBe(false);
    expect(result.problems.map((p) => p.message)).toContainEqual(expect.stringContaining("'missing.resolver'"));
  });

  it('a module without its required fields', async () => {
    const m = editedManifest((x) => {
      delete x.modules['jira:issuePanel'][0].icon;
    });
    const result = await validateManifest(path.join(appCopy(m), 'manifest.yml'));
    expect(result.success).toBe(false);
  });
});
