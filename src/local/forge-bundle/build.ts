/**
 * Builds the Forge function bundle the way `forge deploy` does, with Atlassian's own packages: the manifest is
 * read by @forge/cli-shared's ConfigFile (its `function` handlers become the entry points, as the CLI derives
 * them), and @forge/bundler's node bundler (webpack + ts-loader, the app's tsconfig.json) compiles them. The
 * only substitute is the runtime loader/wrapper pair the CLI downloads from Atlassian's CDN: FORGE_RUNTIME_PATH
 * points the bundler's own LocalWrapperProvider at ./runtime (see its README). The bundler writes to a temp
 * directory; we copy that and the runtime files into `outDir`, which is what `forge deploy` would upload.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type * as ForgeCliShared from '@forge/cli-shared';
import type * as ForgeBundler from '@forge/bundler';

export const RUNTIME_DIR = path.join(__dirname, 'runtime');
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
/** Where `npm run bundle` puts the bundle (gitignored). */
export const DEFAULT_BUNDLE_DIR = path.join(REPO_ROOT, '.forge-bundle');
/** What Forge starts: the runtime loader. */
export const LOADER_FILE = '__forge__.cjs';

export interface BundleFile {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface ForgeBundle {
  dir: string;
  /** The manifest's handlers, e.g. `index.resolver`. */
  handlers: string[];
  /** The compiled JS: entry points first (`index.cjs`), then the chunks they load lazily; no source maps or runtime files. */
  entries: BundleFile[];
  /** Sum over `entries`. */
  bytes: number;
  gzipBytes: number;
  /** npm packages webpack put into the bundle (the bundler's own metadata). */
  modules: string[];
  warnings: string[];
}

interface BundlerLogger {
  traceEnabled: boolean;
  debugEnabled: boolean;
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(error: Error): void;
}

function withCwd<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  // The Forge CLI runs in the app directory: the manifest and src/ are resolved from the working directory.
  const previous = process.cwd();
  process.chdir(dir);
  return fn().finally(() => process.chdir(previous));
}

function sizeOf(dir: string, file: string): BundleFile {
  const content = fs.readFileSync(path.join(dir, file));
  return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
}

/** Where a built bundle keeps what it was built from and what it answered (beside the bundle, not uploaded by us). */
const STAMP_FILE = '.bundle-stamp.json';

/** Every file the bundle is built from: the sources, the manifest, the compiler settings and the installed packages' lockfile. */
function inputsDigest(appDir: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.isFile()) hash.update(path.relative(appDir, file)).update('\0').update(fs.readFileSync(file)).update('\0');
    }
  };
  walk(path.join(appDir, 'src'));
  for (const file of ['manifest.yml', 'tsconfig.json', 'package-lock.json']) {
    const at = path.join(appDir, file);
    if (fs.existsSync(at)) hash.update(file).update('\0').update(fs.readFileSync(at));
  }
  return hash.digest('hex');
}

/** The bundle in `outDir` when it was built from exactly these inputs, else null. */
function freshBundle(outDir: string, digest: string): ForgeBundle | null {
  try {
    const stamp = JSON.parse(fs.readFileSync(path.join(outDir, STAMP_FILE), 'utf8')) as { digest?: string; bundle?: ForgeBundle };
    if (stamp.digest !== digest || !stamp.bundle) return null;
    return stamp.bundle.entries.every((e) => fs.existsSync(path.join(outDir, e.file))) ? { ...stamp.bundle, dir: outDir } : null;
  } catch {
    return null;
  }
}

/**
 * Builds the bundle into `outDir`, or reuses the one already there when nothing it is built from changed (one
 * build per test run: `npm test` builds it first, and the suites that run the deployed bundle reuse it).
 */
export async function buildForgeBundle(options: { appDir?: string; outDir?: string; force?: boolean } = {}): Promise<ForgeBundle> {
  const appDir = path.resolve(options.appDir ?? REPO_ROOT);
  const outDir = path.resolve(options.outDir ?? DEFAULT_BUNDLE_DIR);
  const digest = inputsDigest(appDir);
  const fresh = options.force ? null : freshBundle(outDir, digest);
  if (fresh) return fresh;
  const bundle = await bundleWithForge(appDir, outDir);
  fs.writeFileSync(path.join(outDir, STAMP_FILE), JSON.stringify({ digest, bundle }));
  return bundle;
}

async function bundleWithForge(appDir: string, outDir: string): Promise<ForgeBundle> {
  // Build-time tools, loaded only when bundling.
  const cli: typeof ForgeCliShared = await import('@forge/cli-shared');
  const bundler: typeof ForgeBundler = await import('@forge/bundler');
  const warnings: string[] = [];
  const logger: BundlerLogger = {
    traceEnabled: false,
    debugEnabled: false,
    trace: () => undefined,
    debug: () => undefined,
    info: () => undefined,
    warn: (message) => warnings.push(message),
    error: (error) => warnings.push(error.message),
  };

  const previousRuntimePath = process.env.FORGE_RUNTIME_PATH;
  process.env.FORGE_RUNTIME_PATH = RUNTIME_DIR;
  try {
    return await withCwd(appDir, async () => {
      const fileSystemReader = new cli.FileSystemReader();
      const config = new cli.ConfigFile(fileSystemReader, new cli.FileSystemWriter());
      const handlers = await config.getAppHandlers();
      const entryPoints = bundler.getEntryPoints(handlers);
      const wrapperProvider = bundler.getWrapperProvider({ fileSystemReader });
      const output = await bundler.getNodeBundler(logger as never, wrapperProvider, config).bundle({ appDirectory: appDir, entryPoints });

      fs.rmSync(outDir, { recursive: true, force: true });
      fs.mkdirSync(outDir, { recursive: true });
      fs.cpSync(output.outputDir, outDir, { recursive: true });
      fs.rmSync(output.outputDir, { recursive: true, force: true });
      for (const [file, content] of output.additionalOutputs ?? []) {
        fs.mkdirSync(path.dirname(path.join(outDir, file)), { recursive: true });
        fs.writeFileSync(path.join(outDir, file), content);
      }
      // The entry points and the chunks webpack split off for what they import lazily; not the runtime's files.
      const runtimeFiles = new Set([...(output.additionalOutputs?.keys() ?? [])]);
      const entries = fs
        .readdirSync(outDir)
        .filter((file) => file.endsWith('.cjs') && !runtimeFiles.has(file))
        .sort((a, b) => Number(!entryPoints.some((e) => `${e.name}.cjs` === a)) - Number(!entryPoints.some((e) => `${e.name}.cjs` === b)) || a.localeCompare(b))
        .map((file) => sizeOf(outDir, file));
      return {
        dir: outDir,
        handlers: handlers.map((h) => `${h.module}.${h.func}`),
        entries,
        bytes: entries.reduce((n, e) => n + e.bytes, 0),
        gzipBytes: entries.reduce((n, e) => n + e.gzipBytes, 0),
        modules: output.metadata?.modules ?? [],
        warnings,
      };
    });
  } finally {
    if (previousRuntimePath === undefined) delete process.env.FORGE_RUNTIME_PATH;
    else process.env.FORGE_RUNTIME_PATH = previousRuntimePath;
  }
}
