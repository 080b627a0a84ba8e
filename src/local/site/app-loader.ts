/**
 * Loads the app's Forge handlers (src/index.ts exports) lazily, so the site starts — and says clearly what
 * is missing — before the resolvers exist.
 */
import { createRequire } from 'module';
import fs from 'fs';
import path from 'path';

/** Loads the app at run time (its sources through tsx, or the built bundle), as Forge's runtime does. */
const loadModule = createRequire(__filename);

const HANDLER_EXTENSIONS = ['ts', 'tsx', 'js', 'cjs'];

export type ForgeHandler = (request: unknown, runtime: unknown) => Promise<unknown>;

export type LoadedApp = { ok: true; handler(exportName: string): ForgeHandler | null } | { ok: false; message: string };

export function loadApp(repoRoot: string, file = 'index'): LoadedApp {
  const entry = path.join(repoRoot, 'src', file);
  if (!HANDLER_EXTENSIONS.some((ext) => fs.existsSync(`${entry}.${ext}`))) {
    return { ok: false, message: `The app has no Forge entry yet: src/${file}.ts (exporting resolver and onIssueChange) does not exist.` };
  }
  let exports: Record<string, unknown>;
  try {
    exports = loadModule(entry) as Record<string, unknown>;
  } catch (error) {
    return { ok: false, message: `Loading src/${file} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` };
  }
  return {
    ok: true,
    handler(exportName) {
      const candidate = exports[exportName];
      return typeof candidate === 'function' ? (candidate as ForgeHandler) : null;
    },
  };
}

/**
 * The app from its Forge bundle (`npm run bundle` output) instead of the sources: entered through the runtime
 * loader shipped beside it, with the handler references of manifest.yml (`index.resolver` → `resolver`).
 */
export function loadBundledApp(bundleDir: string, file = 'index'): LoadedApp {
  const loaderFile = path.join(bundleDir, '__forge__.cjs');
  if (!fs.existsSync(loaderFile)) return { ok: false, message: `No Forge bundle in ${bundleDir}: run npm run bundle` };
  let runtime: { handler(ref: string): ForgeHandler };
  try {
    runtime = loadModule(loaderFile) as typeof runtime;
  } catch (error) {
    return { ok: false, message: `Loading the Forge bundle failed: ${error instanceof Error ? error.message : String(error)}` };
  }
  return {
    ok: true,
    handler(exportName) {
      try {
        return runtime.handler(`${file}.${exportName}`);
      } catch {
        return null;
      }
    },
  };
}
