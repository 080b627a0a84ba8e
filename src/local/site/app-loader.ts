/**
 * Loads the app's Forge handlers (src/index.ts exports) lazily, so the site starts — and says clearly what
 * is missing — before the resolvers exist.
 */
import path from 'path';

export type ForgeHandler = (request: unknown, runtime: unknown) => Promise<unknown>;

export type LoadedApp = { ok: true; handler(exportName: string): ForgeHandler | null } | { ok: false; message: string };

export function loadApp(repoRoot: string, file = 'index'): LoadedApp {
  const entry = path.join(repoRoot, 'src', file);
  let exports: Record<string, unknown>;
  try {
    exports = require(entry) as Record<string, unknown>;
  } catch (error) {
    const missing = error instanceof Error && 'code' in error && error.code === 'MODULE_NOT_FOUND' && error.message.includes(entry);
    return {
      ok: false,
      message: missing
        ? `The app has no Forge entry yet: ${path.relative(repoRoot, entry)}.ts (exporting resolver and onIssueChange) does not exist.`
        : `Loading ${path.relative(repoRoot, entry)} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`,
    };
  }
  return {
    ok: true,
    handler(exportName) {
      const candidate = exports[exportName];
      return typeof candidate === 'function' ? (candidate as ForgeHandler) : null;
    },
  };
}
