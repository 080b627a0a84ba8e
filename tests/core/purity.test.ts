import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const CORE = join(__dirname, '../../src/core');
const FORBIDDEN = [/^@forge\//, /^(node:)?(fs|http|https|net|crypto|child_process|dgram|tls|fs\/promises)$/];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

function imports(source: string): string[] {
  const specs = [
    ...source.matchAll(
      /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\s*\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm,
    ),
  ];
  return specs.map((m) => m[1] ?? m[2] ?? m[3] ?? m[4]);
}

describe('the functional core', () => {
  const sources = files(CORE);

  it('has modules to check', () => {
    expect(sources.length).toBeGreaterThan(10);
    expect(imports("import { z } from 'zod';\nimport fs from 'node:fs';\nconst x = require('http');")).toEqual(['zod', 'node:fs', 'http']);
  });

  it.each(sources.map((s) => [relative(CORE, s), s]))('%s does no I/O: no @forge, fs, http, net or crypto imports', (_name, path) => {
    const bad = imports(readFileSync(path, 'utf8')).filter((spec) => FORBIDDEN.some((re) => re.test(spec)));
    expect(bad).toEqual([]);
  });

  it('imports only relative modules, zod and date-fns', () => {
    // Packages by name: date-fns is imported per function ('date-fns/addDays') to keep the Forge bundle small.
    const external = new Set(
      sources
        .flatMap((s) => imports(readFileSync(s, 'utf8')))
        .filter((spec) => !spec.startsWith('.'))
        .map((spec) => spec.split('/')[0]),
    );
    expect([...external].sort()).toEqual(['date-fns', 'zod']);
  });
});
