/**
 * Runs Forge's own manifest validation and its permission + handler linters offline, the way `forge lint`
 * would, but against local OpenAPI documents (no network) and without a TypeScript program (fast).
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { FullValidationProcessor } from '@forge/manifest';
import { HandlerLinter } from '@forge/lint/out/lint/linters/handler-linter/handler-linter';
import { PermissionLinter } from '@forge/lint/out/lint/linters/permission-linter/permission-linter';
import { tsParser } from '@forge/lint/out/parse/parser';
import { repoRoot } from './static-build';

export const specsDir = process.env.OUTBOUND_PLAYBOOK_SPECS_DIR ?? path.resolve(repoRoot, '..', 'shared', 'specs');

export interface ManifestProblem {
  message: string;
  level: string;
}

/** One processor per run: it holds compiled JSON schemas. */
let processor: FullValidationProcessor | null = null;

export async function validateManifest(manifestPath: string): Promise<{ success: boolean; problems: ManifestProblem[]; typedContent: unknown }> {
  processor ??= new FullValidationProcessor({ deprecatedRuntimes: [] });
  const result = await processor.process(manifestPath);
  return {
    success: result.success,
    problems: (result.errors ?? []).map((e) => ({ message: e.message, level: e.level })),
    typedContent: result.manifestObject?.typedContent,
  };
}

/** Points the permission linter at the repo's Jira and Confluence v2 documents and empty stubs for the rest. */
export function useLocalSwagger(): () => void {
  const stubDir = fs.mkdtempSync(path.join(os.tmpdir(), 'op-swagger-'));
  const stub = path.join(stubDir, 'empty.json');
  fs.writeFileSync(stub, JSON.stringify({ paths: {} }));
  const values: Record<string, string> = {
    USE_LOCAL_SWAGGER: '1',
    LOCAL_JIRA_SWAGGER: path.join(specsDir, 'jira-platform-openapi.json'),
    LOCAL_CONF_V2_SWAGGER: path.join(specsDir, 'confluence-v2-openapi.json'),
    LOCAL_JSM_SWAGGER: stub,
    LOCAL_JSW_SWAGGER: stub,
    LOCAL_CONF_SWAGGER: stub,
    LOCAL_BB_SWAGGER: stub,
  };
  const previous = Object.fromEntries(Object.keys(values).map((k) => [k, process.env[k]]));
  Object.assign(process.env, values);
  return () => {
    for (const [k, v] of Object.entries(previous)) {
      if (v === undefined) Reflect.deleteProperty(process.env, k);
      else process.env[k] = v;
    }
    fs.rmSync(stubDir, { recursive: true, force: true });
  };
}

export interface LintProblem {
  linter: string;
  file: string;
  message: string;
  kind: 'error' | 'warning';
}

export interface SourceFile {
  /** Relative to the app root, e.g. `src/index.ts` (the handler linter matches on this). */
  relativePath: string;
  code: string;
}

/** Every .ts/.tsx file under `<root>/src`. */
export function sourceFiles(root: string, dir = 'src'): SourceFile[] {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return [];
  return fs.readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(root, rel);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [{ relativePath: rel, code: fs.readFileSync(path.join(root, rel), 'utf8') }] : [];
  });
}

/** Runs the permission and handler linters; a linter that crashes is a failure, not silence. */
export async function lintSources(typedContent: unknown, files: SourceFile[]): Promise<LintProblem[]> {
  const crashes: string[] = [];
  const logger = {
    info: (m: unknown) => crashes.push(String(m)),
    warn: () => undefined,
    debug: () => undefined,
    error: (m: unknown) => crashes.push(String(m)),
    trace: () => undefined,
  };
  const linters = [
    new PermissionLinter('development', typedContent as never, logger as never),
    new HandlerLinter('development', typedContent as never, logger as never),
  ];
  const inputs = await Promise.all(files.map(async (f) => ({ ast: await tsParser(f.code, f.relativePath, { project: undefined }), filepath: f.relativePath })));
  await Promise.all(linters.map((l) => l.bootstrap()));
  const results = await Promise.all(linters.map(async (l) => ({ linter: l.constructor.name, results: await l.batchExecute(inputs as never) })));
  if (crashes.length) throw new Error(`A Forge linter failed: ${crashes.join('\n')}`);
  return results.flatMap(({ linter, results: perFile }) =>
    perFile.flatMap((r) => [
      ...r.errors.map((e) => ({ linter, file: r.file, message: e.message, kind: 'error' as const })),
      ...r.warnings.map((w) => ({ linter, file: r.file, message: w.message, kind: 'warning' as const })),
    ]),
  );
}

/**
 * The adapter calls Jira through `call({ method, route: route`…` })`, which Forge's linter cannot see.
 * This turns each such call into the `requestJira(route`…`, { method })` form it does check.
 */
export function adapterCallsAsRequestJira(code: string): { calls: { method: string; path: string }[]; source: SourceFile } {
  const calls = [...code.matchAll(/method:\s*'([A-Z]+)'\s*,\s*route:\s*route`([^`]+)`/g)].map((m) => ({ method: m[1], path: m[2] }));
  const lines = calls.map((c) => `  await api.asUser().requestJira(route\`${c.path.replace(/\$\{[^}]+\}/g, '${x}')}\`, { method: '${c.method}' });`);
  const source = `import api, { route } from '@forge/api';\nconst x = 'X';\nexport async function adapterCalls() {\n${lines.join('\n')}\n}\n`;
  return { calls, source: { relativePath: 'src/jira/adapter-calls.generated.ts', code: source } };
}
