import fs from 'fs';
import path from 'path';
import { ensureStaticBuild, repoRoot, type AppSizes } from './helpers/static-build';

const APPS = ['macro-config', 'macro-view', 'issue-panel', 'project-page', 'admin-page', 'playbook-page'];
let sizes: AppSizes;

beforeAll(() => {
  sizes = ensureStaticBuild();
}, 180_000);

describe('Custom UI builds', () => {
  it('builds every app into static/<app>/build with relative asset URLs', () => {
    expect(sizes.map((s) => s.app)).toEqual(APPS);
    for (const app of APPS) {
      const html = fs.readFileSync(path.join(repoRoot, 'static', app, 'build', 'index.html'), 'utf8');
      const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
      expect(refs.length).toBeGreaterThan(0);
      // Forge serves each resource under its own path: absolute URLs would break.
      for (const ref of refs) expect([app, ref, ref.startsWith('./')]).toEqual([app, ref, true]);
      for (const ref of refs) expect(fs.existsSync(path.resolve(repoRoot, 'static', app, 'build', ref))).toBe(true);
      expect(html).toContain('<div id="root"></div>');
    }
  });

  it("keeps each page's initial JS + CSS within 100 KB gzipped", () => {
    for (const s of sizes) {
      expect(s.files.some((f) => f.file.endsWith('.js'))).toBe(true);
      expect(s.files.some((f) => f.file.endsWith('.css'))).toBe(true);
      expect([s.app, s.totalGzip <= 100 * 1024]).toEqual([s.app, true]);
    }
  });

  it("has no inline scripts (Forge's Custom UI CSP forbids them)", () => {
    for (const app of APPS) {
      const html = fs.readFileSync(path.join(repoRoot, 'static', app, 'build', 'index.html'), 'utf8');
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      for (const [, attrs, body] of scripts) expect([app, /\bsrc=/.test(attrs), body.trim()]).toEqual([app, true, '']);
    }
  });

  it('loads the zod-backed form checks only after first paint (kept out of the initial bundle)', () => {
    const config = sizes.find((s) => s.app === 'macro-config')!;
    const initial = config.files.map((f) => fs.readFileSync(path.resolve(repoRoot, 'static', 'macro-config', 'build', f.file), 'utf8')).join('\n');
    expect(initial).not.toMatch(/Invalid ISO date|expected string, received/);
    const all = fs
      .readdirSync(path.join(repoRoot, 'static', 'macro-config', 'build', 'assets'))
      .map((f) => fs.readFileSync(path.join(repoRoot, 'static', 'macro-config', 'build', 'assets', f), 'utf8'))
      .join('\n');
    expect(all).toMatch(/Use a date such as 2025-06-02/);
  });
});
