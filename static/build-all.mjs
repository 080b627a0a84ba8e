/**
 * Builds the four Custom UI apps with Vite's JS API, one after the other (the machine is small), into
 * static/<app>/build, and prints each app's initial JS + CSS size (raw and gzip). Forge serves each build
 * folder as a resource, so asset URLs are relative (`base: './'`).
 *
 *   node static/build-all.mjs            build all, print sizes
 *   node static/build-all.mjs --json     same, sizes as JSON on the last line
 *   node static/build-all.mjs --sizes    only measure existing builds (no build)
 *   node static/build-all.mjs --if-stale only build apps whose sources changed since their last build
 *   node static/build-all.mjs macro-view build one app
 */
import { readFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const STATIC_DIR = dirname(fileURLToPath(import.meta.url));
export const APPS = ['macro-config', 'macro-view', 'issue-panel', 'project-page', 'admin-page', 'playbook-page'];
/** Initial-load budget per page, gzip. */
export const GZIP_BUDGET_BYTES = 100 * 1024;

export function appConfig(app, react) {
  const root = join(STATIC_DIR, app);
  return {
    configFile: false,
    mode: 'production',
    root,
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    // The apps import the resolver contract from src/contract; nothing else outside static/.
    server: { fs: { allow: [resolve(STATIC_DIR, '..')] } },
    build: {
      outDir: join(root, 'build'),
      emptyOutDir: true,
      target: 'es2020',
      sourcemap: false,
      chunkSizeWarningLimit: 400,
      reportCompressedSize: false,
      rollupOptions: {
        // zod's sources carry esbuild-only purity comments Rollup cannot use; nothing to act on.
        onwarn(warning, warn) {
          if (warning.code === 'INVALID_ANNOTATION' && /node_modules/.test(warning.id ?? '')) return;
          warn(warning);
        },
      },
    },
  };
}

/** Files index.html loads before the app can paint: its scripts, stylesheets and module preloads. */
export function initialAssets(buildDir) {
  const html = readFileSync(join(buildDir, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"[^>]*>/g)]
    .map((m) => m[1])
    .filter((ref) => /\.(m?js|css)$/.test(ref) && !/^[a-z]+:/i.test(ref));
  return [...new Set(refs)];
}

export function measureApp(app) {
  const buildDir = join(STATIC_DIR, app, 'build');
  if (!existsSync(join(buildDir, 'index.html'))) throw new Error(`${app}: no build at ${buildDir}`);
  const files = initialAssets(buildDir).map((ref) => {
    const content = readFileSync(resolve(buildDir, ref));
    return { file: ref, raw: content.length, gzip: gzipSync(content, { level: 9 }).length };
  });
  const sum = (kind, key) => files.filter((f) => f.file.endsWith(kind)).reduce((n, f) => n + f[key], 0);
  return {
    app,
    files,
    js: { raw: sum('js', 'raw'), gzip: sum('js', 'gzip') },
    css: { raw: sum('.css', 'raw'), gzip: sum('.css', 'gzip') },
    totalGzip: files.reduce((n, f) => n + f.gzip, 0),
  };
}

/** Newest modification time under `dir` (skipping build output and dependencies). */
function newestMtime(dir) {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'build' || entry.name === 'node_modules') continue;
    const full = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Apps with no build, or with sources (their folder, static/shared, src/contract, src/core) newer than it. */
export function staleApps(apps = APPS) {
  const shared = Math.max(
    newestMtime(join(STATIC_DIR, 'shared')),
    newestMtime(resolve(STATIC_DIR, '..', 'src', 'contract')),
    newestMtime(resolve(STATIC_DIR, '..', 'src', 'core')),
    statSync(fileURLToPath(import.meta.url)).mtimeMs,
  );
  return apps.filter((app) => {
    const built = join(STATIC_DIR, app, 'build', 'index.html');
    if (!existsSync(built)) return true;
    return Math.max(shared, newestMtime(join(STATIC_DIR, app))) > statSync(built).mtimeMs;
  });
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

export async function buildAll(apps = APPS) {
  // What Forge serves is always a production build, also when called from a test runner (NODE_ENV=test).
  process.env.NODE_ENV = 'production';
  const [{ build }, { default: react }] = await Promise.all([import('vite'), import('@vitejs/plugin-react')]);
  for (const app of apps) {
    const started = Date.now();
    await build(appConfig(app, react));
    console.log(`built ${app} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

async function main(argv) {
  const json = argv.includes('--json');
  const sizesOnly = argv.includes('--sizes');
  const named = argv.filter((a) => !a.startsWith('--'));
  const apps = named.length ? named : APPS;
  for (const app of apps) if (!APPS.includes(app)) throw new Error(`unknown app ${app}; known: ${APPS.join(', ')}`);
  if (argv.includes('--if-stale')) await buildAll(staleApps(apps));
  else if (!sizesOnly) await buildAll(apps);
  const sizes = apps.map(measureApp);
  for (const s of sizes) {
    const flag = s.totalGzip > GZIP_BUDGET_BYTES ? '  OVER BUDGET' : '';
    console.log(
      `${s.app.padEnd(13)} JS ${kb(s.js.raw)} (gzip ${kb(s.js.gzip)})  CSS ${kb(s.css.raw)} (gzip ${kb(s.css.gzip)})  initial gzip ${kb(s.totalGzip)}${flag}`,
    );
  }
  if (json) console.log(JSON.stringify(sizes));
  if (sizes.some((s) => s.totalGzip > GZIP_BUDGET_BYTES)) process.exitCode = 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
