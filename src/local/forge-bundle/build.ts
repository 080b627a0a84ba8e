/**
 * Builds the Forge function bundle the way `forge deploy` does, with Atlassian's own packages: the manifest is
 * read by @forge/cli-shared's ConfigFile (its `function` handlers become the entry points, as the CLI derives
 * them), and @forge/bundler's node bundler (webpack + ts-loader, the app's tsconfig.json) compiles them. The
 * only substitute is the runtime loader/wrapper pair the CLI downloads from Atlassian's CDN: FORGE_RUNTIME_PATH
 * points the bundler's own LocalWrapperProvider at ./runtime (see its README). The bundler writes to a temp
 * directory; we copy that and the runtime files into `outDir`, which is what `forge deploy` would upload.
 */
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

export async function buildForgeBundle(options: { appDir?: string; outDir?: string } = {}): Promise<ForgeBundle> {
  const appDir = path.resolve(options.appDir ?? REPO_ROOT);
  const outDir = path.resolve(options.outDir ?? DEFAULT_BUNDLE_DIR);
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
